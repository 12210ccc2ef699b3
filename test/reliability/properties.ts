import * as fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Analysis, type Engine } from '../../server/src/core/engine';
import { codeActions } from '../../server/src/core/features/codeActions';
import { complete } from '../../server/src/core/features/completion';
import { foldingRanges } from '../../server/src/core/features/folding';
import { hover } from '../../server/src/core/features/hover';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { codeLenses } from '../../server/src/core/features/codeLens';
import { formatNote } from '../../server/src/core/features/formatting';
import { inlayHints } from '../../server/src/core/features/inlayHints';
import { canonicalJson } from '../../server/src/core/integrity';
import { parseYaml } from '../../server/src/core/parse';
import { generateNote } from '../../scripts/generateNotes';
import { fastReaderOutcome } from '../unit/core/yamlTreeDiff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderFhir } from '../../server/src/core/render/fhir';
import { renderHtml } from '../../server/src/core/render/html';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { buildReport, signatureHolds, type ReportModel } from '../../server/src/core/render/reportModel';
import { rangeContains } from '../../server/src/core/ranges';
import { pathOfSubject } from '../../server/src/core/subjects';
import { nodeAtPath, nodeRange } from '../../server/src/core/yamlNodes';
import { RuleId } from '../../server/src/core/ruleIds';
import { decodeNoteBytes } from '../../server/src/core/encoding';
import { github } from '../../server/src/cli/formatters/github';
import { joinPieces } from '../../server/src/cli/formatters/pieces';
import { stylish } from '../../server/src/cli/formatters/stylish';
import { summarise } from '../../server/src/cli/report';
import { checkTemplate, UNKNOWN_PLACEHOLDER } from '../../server/src/core/templates/checkTemplate';
import type { Finding, FindingSubject, Position, Range } from '../../server/src/core/types';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { repoRoot } from '../unit/repoRoot';

/** Every rule id a finding may carry: the stable ones plus the template checker's. */
export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set<string>([...Object.values(RuleId), UNKNOWN_PLACEHOLDER]);

let sharedEngine: Engine | undefined;

/** One engine for all cases: building the vocabulary is the slow part and is not what is fuzzed. */
export function fuzzEngine(): Engine {
  sharedEngine ??= createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { rules: {}, packs: [], templates: '.soapnote/templates', required: ['plan.home_care'], pressures: [], maxNoteBytes: 1_000_000, today: '2026-10-15' } });
  return sharedEngine;
}

/** The example notes, by file name: realistic starting points for edit sequences. */
export function exampleNotes(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const folder of ['clean', 'conflicts', 'signed']) {
    const dir = join(repoRoot(), 'examples', folder);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.soap.yaml')).sort()) {
      out.push({ name: `${folder}/${name}`, text: readFileSync(join(dir, name), 'utf8') });
    }
  }
  return out;
}

/** YAML fragments a note is built from: valid entries, broken ones, and the characters that break parsers. */
const FRAGMENTS: readonly string[] = [
  'soapnote: 1',
  'client: C-0142',
  'date: 2026-10-01',
  'therapist: J. Lee, RMT',
  'duration: 60',
  'visit: 3',
  'health:',
  '  conditions:',
  '    - condition: varicose veins\n      region: lower leg\n      side: left',
  '    - {condition: diabetes, status: controlled}',
  '    - {condition: pregnancy, clearance: true}',
  '    - {condition: dvt, region: calf, side: right}',
  '  medications: [warfarin, ibuprofen as needed]',
  '  allergies: [nuts]',
  'subjective:\n  complaint: sore neck\n  pain: 6',
  'objective:\n  findings:\n    - {target: upper trapezius, side: left, finding: hypertonic}',
  'treatment:',
  '  - technique: effleurage\n    target: gastroc\n    side: left\n    pressure: firm\n    minutes: 10',
  '  - {technique: deep tissue, target: anterior neck, pressure: deep, minutes: 5}',
  '  - {technique: petrissage, target: IT band, side: bilat, pressure: 3}',
  '  - technique:',
  '  - {technique: effl',
  // Flow lists put several entries on one line: findings must still land on their own entry.
  'treatment: [{technique: deep tissue, target: gastroc, side: left, pressure: deep}, {technique: effleurage, target: erector spinae, pressure: light}, {technique: petrissage, target: popliteal fossa, pressure: firm}]',
  '  conditions: [{condition: varicose veins, region: lower leg, side: left}, {condition: diabetes, status: controlled}, {condition: dvt}]',
  'health: {conditions: [{condition: open wound, region: forearm}, {condition: pregnancy}], medications: [ibuprofen, warfarin]}',
  '  - {technique: [unclosed, target: {x: }',
  'assessment:\n  pain_after: 2',
  'plan:\n  next_visit: 2026-09-01\n  home_care: [hydrate]',
  'signed:\n  by: J. Lee\n  at: 2026-10-01T10:00:00Z\n  sha256: "00"',
  'addenda:\n  - {at: 2026-10-02T09:00:00Z, by: J, text: note}',
  'client: {{client}}',
  'date: {{ today }} {{nope}}',
  '\ttreatment:\t- x',
  'key: value\r\nother: value\r',
  '\r',
  'anchor: &a {technique: effleurage, target: gastroc}',
  'ref: *a',
  'ref: *missing',
  '<<: *a',
  '? complex key\n: value',
  '--- \n...',
  '%YAML 1.2\n---',
  '!!binary aGVsbG8=',
  '!custom tag',
  'emoji: 💆‍♀️🦵🏽 pain 😣',
  'rtl: ‮evil‬ עברית العربية',
  'combining: e\u0301\u0301\u0301 Z\u0336a\u0336',
  'nul: "\u0000" \u0000 raw',
  'ctrl: \u0001\u0002\u0007\u001b[31m\u007f\u0085\u2028\u2029',
  'bom: \ufeff',
  'lone: \ud800 surrogate',
  `long: ${'x'.repeat(5000)}`,
  `longkey${'k'.repeat(1100)}: v`,
  '"unterminated',
  "'single",
  '|\n  block\n   scalar',
  '>-\n folded',
  '- - - - - - - - - - nested',
  `${'['.repeat(200)}`,
  `${'{a: '.repeat(100)}`,
  'duplicate: 1\nduplicate: 2',
  'pressure: .nan',
  'minutes: -1e309',
  'date: 2026-02-30',
  '#comment only',
  '',
  '   ',
];

/** One fragment, or a short random unicode string (full range, including control characters). */
const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r\n', '-', ':', '[', ']', '{', '}', ',', '&a', '*a', '#', '"', "'", '|', '>', '?', 'x', '1') , maxLength: 40 }) },
);

/** An arbitrary note: fragments joined by line breaks, sometimes indented, sometimes CRLF. */
export const noteArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.tuple(fragment, fc.constantFrom('', '  ', '    ', '\t')), { maxLength: 30 }), fc.constantFrom('\n', '\n', '\r\n', '\r'))
  .map(([parts, eol]) => parts.map(([text, indent]) => indent + text).join(eol));

/** One edit an editor could send: typing, deleting a span, or pasting a fragment. */
type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number } | { kind: 'paste'; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit: 'grapheme', maxLength: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('paste' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fragment }),
);

/** Applies an edit at a relative position (0..1 of the text), so any edit fits any text. */
export function applyEdit(text: string, e: Edit): string {
  const at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  if (e.kind === 'delete') {
    return text.slice(0, at) + text.slice(at + e.length);
  }
  return text.slice(0, at) + e.text + text.slice(at);
}

/** A real example note with a random sequence of edits applied; every intermediate text is checked. */
export function editedExampleArbitrary(examples: readonly string[]): fc.Arbitrary<string[]> {
  return fc.tuple(fc.constantFrom(...examples), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([start, edits]) => {
    const texts: string[] = [];
    let text = start;
    for (const e of edits) {
      text = applyEdit(text, e);
      texts.push(text);
    }
    return texts;
  });
}

/** Lines as the engine counts them (LF-separated; a CR alone does not end a line for the yaml line counter). */
function lineLengths(text: string): number[] {
  return text.split('\n').map((line) => line.length);
}

/** Throws unless `range` lies inside the document; `columns: false` checks only the lines. */
export function assertRangeInside(range: Range, lines: number[], what: string, columns = true): void {
  const column = (p: Position): boolean => !columns || (p.character >= 0 && p.character <= (lines[p.line] ?? 0) + 1);
  const inside = (p: Position): boolean => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && column(p);
  if (!inside(range.start) || !inside(range.end)) {
    throw new Error(`${what}: range ${JSON.stringify(range)} is outside the document (${lines.length} lines)`);
  }
  if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character < range.start.character)) {
    throw new Error(`${what}: range ${JSON.stringify(range)} ends before it starts`);
  }
}

/** Throws unless every finding is well-formed: known rule id, a message, a range inside the document. */
export function assertFindingsValid(findings: readonly Finding[], text: string, columns = true): void {
  const lines = lineLengths(text);
  for (const f of findings) {
    if (!KNOWN_RULE_IDS.has(f.ruleId)) {
      throw new Error(`unknown rule id '${f.ruleId}'`);
    }
    if (typeof f.message !== 'string' || f.message.trim() === '') {
      throw new Error(`finding ${f.ruleId} has an empty message`);
    }
    if (!['error', 'warning', 'information', 'hint'].includes(f.severity)) {
      throw new Error(`finding ${f.ruleId} has severity '${String(f.severity)}'`);
    }
    assertRangeInside(f.range, lines, f.ruleId, columns);
    for (const related of f.related ?? []) {
      assertRangeInside(related.range, lines, `${f.ruleId} related`, columns);
    }
  }
}

/**
 * Throws unless every finding with a subject lies inside that entry's node (and so does its related
 * information), and the report lists it on that treatment row and no other.
 */
export function assertSubjectsValid(analysis: Analysis, report?: ReportModel): void {
  const doc = analysis.parsed.doc;
  const check = (subject: FindingSubject | undefined, range: Range, what: string): void => {
    if (!subject || !doc) {
      return;
    }
    const path = pathOfSubject(subject);
    const found = nodeAtPath(doc, path);
    const node = found.depth === path.length ? nodeRange(analysis.parsed.lineCounter, found.node) : undefined;
    if (!node || !rangeContains(node, range.start.line, range.start.character)) {
      throw new Error(`${what}: subject ${subject.list}/${subject.index} ${node ? `at ${JSON.stringify(node)}` : 'is not an entry'}, but the range ${JSON.stringify(range)} is not inside it`);
    }
  };
  for (const f of analysis.findings) {
    check(f.subject, f.range, f.ruleId);
    for (const r of f.related ?? []) {
      check(r.subject, r.range, `${f.ruleId} related`);
    }
  }
  for (const row of report?.treatment.rows ?? []) {
    const own = analysis.findings.filter((f) => f.subject?.list === 'treatment' && f.subject.index === row.index).length;
    const foreign = row.findings.filter((f) => f.subject && !(f.subject.list === 'treatment' && f.subject.index === row.index));
    if (foreign.length > 0 || row.findings.filter((f) => f.subject).length !== own) {
      throw new Error(`report row ${row.index} does not show exactly the ${own} findings about it: ${JSON.stringify(row.findings)}`);
    }
  }
}

/** A position inside the text picked by a number in [0, 1): a line, then a column up to one past its end. */
export function positionAt(text: string, pick: number): Position {
  const lines = lineLengths(text);
  const line = Math.min(lines.length - 1, Math.floor(pick * lines.length));
  const length = lines[line] ?? 0;
  return { line, character: Math.min(length, Math.floor(((pick * lines.length) % 1) * (length + 1))) };
}

/** What to exercise besides analyze. Rendering is the costly part, so it has its own property. */
export interface Exercise {
  features: boolean;
  render: boolean;
}

const sha256 = nodeHost().sha256;

/** Runs the engine and the pure features on one text; throws on the first broken invariant. */
export function exerciseText(text: string, pick: number, what: Exercise): void {
  const engine = fuzzEngine();
  const analysis = engine.analyze(text);
  assertFindingsValid(analysis.findings, text);
  assertSubjectsValid(analysis, what.render ? buildReport(analysis, engine.vocabulary) : undefined);
  // Lines only: checkTemplate reports columns of the text with placeholders filled in (a known bug, reported).
  assertFindingsValid(checkTemplate(engine, text), text, false);
  if (what.features) {
    const position = positionAt(text, pick);
    const list = complete(text, position, analysis, engine.vocabulary, { today: '2026-10-15' });
    if (!list || !Array.isArray(list.items)) {
      throw new Error('completion did not return a list');
    }
    hover(text, position, analysis, engine.vocabulary);
    const lines = lineLengths(text);
    for (const symbol of documentSymbols(analysis)) {
      assertRangeInside(symbol.range, lines, `symbol ${symbol.name}`);
    }
    for (const fold of foldingRanges(analysis)) {
      if (fold.startLine < 0 || fold.endLine >= lines.length || fold.endLine < fold.startLine) {
        throw new Error(`folding range ${JSON.stringify(fold)} outside the document`);
      }
    }
    const whole: Range = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1] ?? 0 } };
    codeActions('file:///fuzz.soap.yaml', text, whole, analysis);
    for (const hint of inlayHints(analysis, engine.vocabulary, whole)) {
      assertRangeInside({ start: hint.position, end: hint.position }, lines, `inlay hint ${JSON.stringify(hint.label)}`);
    }
    codeLenses({ uri: 'file:///fuzz.soap.yaml', analysis, visits: 2 });
    assertFormatKeepsData(text, analysis);
  }
  if (what.render) {
    const html = renderHtml(analysis, engine.vocabulary, { nonce: 'ZnV6em5vbmNlMTIz' });
    if (!html.startsWith('<!DOCTYPE html>') && !html.startsWith('<!doctype html>')) {
      throw new Error('renderHtml did not return a document');
    }
    renderMarkdown(analysis, engine.vocabulary);
    JSON.stringify(renderFhir(analysis, engine.vocabulary, { idSeed: 'fuzz.soap.yaml', sha256 }));
  }
}

/** Formatting gives no edits for a note with errors from the parser, and otherwise a text that reads back as the same data without errors. */
function assertFormatKeepsData(text: string, analysis: Analysis): void {
  const edits = formatNote(text);
  if (edits.length === 0) {
    return;
  }
  if (analysis.parsed.findings.some((f) => f.severity === 'error')) {
    throw new Error('formatting edited a note with YAML errors');
  }
  const after = TextDocument.applyEdits(TextDocument.create('file:///fuzz.soap.yaml', 'soapnote', 1, text), edits);
  const again = parseYaml(after);
  if (!again.doc || again.findings.some((f) => f.severity === 'error') || canonicalJson(again.doc.toJS()) !== canonicalJson(analysis.note.data)) {
    throw new Error(`formatting changed the data: ${JSON.stringify(text)} -> ${JSON.stringify(after)}`);
  }
}

/** The fuzz properties shared by the mocha test (a few thousand cases) and `npm run fuzz` (100,000). */
export function fuzzProperties(): { name: string; share: number; build: () => fc.IProperty<[unknown, number]> }[] {
  const examples = exampleNotes().map((e) => e.text);
  const pick = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  return [
    {
      name: 'arbitrary notes: analyze, completion, hover, symbols, folding, code actions, inlay hints, code lenses, formatting',
      share: 0.5,
      build: () => fc.property(noteArbitrary as fc.Arbitrary<unknown>, pick, (text, p) => exerciseText(text as string, p, { features: true, render: false })),
    },
    {
      name: 'edit sequences on the example notes: every intermediate text',
      share: 0.2,
      build: () => fc.property(editedExampleArbitrary(examples) as fc.Arbitrary<unknown>, pick, (texts, p) => (texts as string[]).forEach((t) => exerciseText(t, p, { features: true, render: false }))),
    },
    {
      name: 'arbitrary notes and edited examples: HTML, Markdown and FHIR rendering',
      share: 0.3,
      build: () => fc.property(fc.oneof(noteArbitrary, editedExampleArbitrary(examples).map((t) => t[t.length - 1] ?? '')) as fc.Arbitrary<unknown>, pick, (text, p) => exerciseText(text as string, p, { features: false, render: true })),
    },
    {
      name: 'example notes with a value written through an alias, merge key or tag: never clean, never signed, report = data',
      share: 0.05,
      build: () => aliasProperty(examples),
    },
    {
      name: 'example notes with bytes spliced in (invalid UTF-8, NUL, UTF-16): note.encoding exactly when not clean UTF-8',
      share: 0.05,
      build: () => encodingProperty(examples),
    },
    {
      name: 'example notes and file names with control characters: stylish and github output never carry one raw',
      share: 0.05,
      build: () => controlCharacterProperty(examples),
    },
    {
      name: 'mutated notes: the fast YAML reader declines or builds the tree parseDocument builds',
      share: 0.1,
      build: () => fastYamlProperty(examples),
    },
  ];
}

/** Byte runs that break UTF-8 or the note format: a lone continuation byte, Latin-1, a cut sequence, NUL, an overlong form, a surrogate. */
const BAD_BYTES: readonly number[][] = [[0x80], [0xe9], [0xc3], [0xe2, 0x82], [0x00], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe]];

/**
 * An example note's bytes with a run spliced in at a random place (sometimes a good multi-byte
 * character, sometimes a bad run): the decoder gives `note.encoding` exactly when a strict UTF-8
 * decoder refuses the bytes or they hold NUL, and otherwise the very text (never a silent skip).
 */
function encodingProperty(examples: readonly string[]): fc.IProperty<[unknown, number]> {
  const run = fc.oneof(fc.constantFrom(...BAD_BYTES), fc.constantFrom([0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x92, 0x86]));
  const arbitrary = fc.tuple(fc.nat({ max: examples.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), run, fc.boolean());
  return fc.property(arbitrary as fc.Arbitrary<unknown>, fc.nat(), (picked: unknown, _seed: number): void => {
    const [which, where, bytes, utf16] = picked as [number, number, number[], boolean];
    const original = Buffer.from(examples[which] ?? '', 'utf8');
    const at = Math.floor(where * original.length);
    const spliced = utf16 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original.toString('utf8'), 'utf16le')]) : Buffer.concat([original.subarray(0, at), Buffer.from(bytes), original.subarray(at)]);
    let strict: string | undefined;
    try {
      strict = new TextDecoder('utf-8', { fatal: true }).decode(spliced);
    } catch {
      strict = undefined;
    }
    const clean = strict !== undefined && !strict.includes('\u0000') && !strict.startsWith('\ufffe');
    const decoded = decodeNoteBytes(spliced);
    if (clean !== 'text' in decoded) {
      throw new Error(`decoder says ${'text' in decoded ? 'text' : 'note.encoding'} for bytes a strict decoder ${clean ? 'accepts' : 'refuses'}`);
    }
    if ('text' in decoded && decoded.text !== strict?.replace(/^\ufeff/, '')) {
      throw new Error('decoded text differs from the strict decoding');
    }
    if ('finding' in decoded) {
      if (decoded.finding.ruleId !== RuleId.noteEncoding || decoded.finding.severity !== 'error') {
        throw new Error(`finding ${decoded.finding.ruleId} (${decoded.finding.severity}) instead of a note.encoding error`);
      }
    }
  });
}

/** Characters a terminal or a CI runner acts on: C0 but for the line break, DEL, C1, line/paragraph separators, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * An example note whose values and file name hold control characters (escape sequences, `::add-mask::`
 * lines, bidi overrides): the stylish and GitHub formats print findings about it with none of them raw.
 */
function controlCharacterProperty(examples: readonly string[]): fc.IProperty<[unknown, number]> {
  const control = fc.constantFrom('\u001b[31m', '\u001b]0;pwned\u0007', '\r::add-mask::x', '\u202e', '\u2066', '\u0085', '\u009b2J', '\u0008', '\u2028');
  const arbitrary = fc.tuple(fc.nat({ max: examples.length - 1 }), fc.nat(), control, control);
  return fc.property(arbitrary as fc.Arbitrary<unknown>, fc.nat(), (picked: unknown, _seed: number): void => {
    const [which, line, inValue, inName] = picked as [number, number, string, string];
    const lines = (examples[which] ?? '').split('\n');
    const candidates = lines.flatMap((l, i) => (/^\s*(- )?(technique|target|condition|complaint): [^\s{[&*!'"|>#]/.test(l) ? [i] : []));
    const at = candidates[line % Math.max(1, candidates.length)];
    if (at !== undefined) {
      // A double-quoted YAML scalar carries any character through \u escapes into the value.
      lines[at] = (lines[at] ?? '').replace(/: (.*)$/, (_, v: string) => `: ${JSON.stringify(`${v}${inValue}zz`)}`);
    }
    const findings = fuzzEngine().check(lines.join('\n'));
    const path = `notes/${inName}x.soap.yaml`;
    const reports = [{ path, absolutePath: `/w/${path}`, findings }];
    const summary = summarise(reports, []);
    for (const [name, format] of [['stylish', stylish], ['github', github]] as const) {
      const out = joinPieces(format(reports, summary, '0.0.0', { weakenings: [] }));
      const raw = RAW_CONTROL.exec(out.replace(/\u001b\[[0-9;]*m/g, ''));
      if (raw) {
        throw new Error(`${name} output carries U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')} raw`);
      }
    }
  });
}

/** The ways a value can be written through an anchor, alias, merge key or tag. */
const ALIAS_SHAPES: ((value: string) => string)[] = [
  (v) => `!!str ${v}`,
  (v) => `!foo ${v}`,
  (v) => `&a ${v}`,
  () => '*a',
  () => '{<<: {technique: deep tissue}}',
  (v) => `!!binary ${v}`,
];

/**
 * An example note with one `key: value` line rewritten through an alias shape: it is never clean,
 * its signature never holds, and the report's treatment rows show what the data (the schema,
 * hash and FHIR input) holds, never an expansion.
 */
function aliasProperty(examples: readonly string[]): fc.IProperty<[unknown, number]> {
  const arbitrary = fc.tuple(fc.nat({ max: examples.length - 1 }), fc.nat(), fc.nat({ max: ALIAS_SHAPES.length - 1 }));
  return fc.property(arbitrary as fc.Arbitrary<unknown>, fc.nat(), (picked: unknown, _seed: number): void => {
    const [which, line, shape] = picked as [number, number, number];
    const lines = (examples[which] ?? '').split('\n');
    const candidates = lines.flatMap((l, i) => (/^\s*(- )?[a-z_]+: [^\s{[&*!'"|>#][^#]*$/.test(l) ? [i] : []));
    const at = candidates[line % Math.max(1, candidates.length)];
    if (at === undefined) {
      return;
    }
    lines[at] = (lines[at] ?? '').replace(/: (.*)$/, (_, v: string) => `: ${(ALIAS_SHAPES[shape] ?? ((x: string) => x))(v)}`);
    const text = lines.join('\n');
    const engine = fuzzEngine();
    const analysis = engine.analyze(text);
    if (!analysis.findings.some((f) => (f.ruleId === RuleId.yamlAlias || f.ruleId === RuleId.yamlTag) && f.severity === 'error')) {
      throw new Error(`no yaml.alias / yaml.tag finding for line ${at + 1}: ${lines[at]}`);
    }
    if (signatureHolds(analysis)) {
      throw new Error('a note with an alias or a tag has a valid signature');
    }
    const data = analysis.note.data as { treatment?: Record<string, unknown>[] } | undefined;
    for (const row of buildReport(analysis, engine.vocabulary).treatment.rows) {
      const written = data?.treatment?.[row.index]?.['technique'];
      if (row.technique && row.technique.text !== String(written)) {
        throw new Error(`report shows technique '${row.technique.text}', the data holds '${String(written)}'`);
      }
    }
  });
}

/** Total cases for one run: `SOAPNOTE_FUZZ_RUNS` when set, else `fallback`. */
export function totalRuns(fallback: number): number {
  const fromEnv = Number(process.env['SOAPNOTE_FUZZ_RUNS']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/** Pieces of YAML syntax a mutation splices in: structure, quotes, comments, indicators, odd spaces. */
const YAML_PIECES: readonly string[] = [
  ' ', '  ', ':', ': ', '-', '- ', '[', ']', '{', '}', ',', ', ', '"', "'", '\n', '\n\n', '\n  ', '#', ' #', ' # c', '\n# c\n', '\n  # c\n',
  'x', '1', '.', '~', '!', '&', '*', '|', '>', '?', '%', '@', '`', '\\', 'é', '\u00a0', '---', '...', 'null', 'true', '0x1', '-1', '.5', '1e3', ':x', '""', "''",
  '\r\n', '\r', '\r\n# c\r\n', '\r\n\r\n',
];

/** One mutation of a text at a relative position: splice in a piece, delete a little, or re-indent, duplicate or drop a line. */
const yamlMutation = fc.tuple(fc.nat({ max: 5 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(...YAML_PIECES), fc.integer({ min: 1, max: 4 }));

function mutate(text: string, [kind, at, piece, n]: [number, number, string, number]): string {
  const i = Math.floor(at * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  const lineEnd = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i) + 1;
  const line = text.slice(lineStart, lineEnd);
  switch (kind) {
    case 0:
    case 1:
      return text.slice(0, i) + piece + text.slice(i);
    case 2:
      return text.slice(0, i) + text.slice(i + n);
    case 3:
      return text.slice(0, lineStart) + ' '.repeat(n % 3) + line.replace(/^ {0,2}/, n > 2 ? '' : '  ') + text.slice(lineEnd);
    case 4:
      return text.slice(0, lineStart) + line + line + text.slice(lineStart + line.length);
    default:
      return text.slice(0, lineStart) + text.slice(lineEnd);
  }
}

/**
 * Example and generated notes with a few mutations: the fast reader either declines the text or
 * the yaml package reads it without an error or warning to the same tree (classes, values,
 * ranges, comments, spacing, order of properties).
 */
function fastYamlProperty(examples: readonly string[]): fc.IProperty<[unknown, number]> {
  // The templates bring the comments a note written from them keeps (placeholders filled in).
  const templates = readdirSync(join(repoRoot(), 'server', 'templates')).filter((n) => n.endsWith('.yaml')).map((n) => readFileSync(join(repoRoot(), 'server', 'templates', n), 'utf8').replace(/\{\{[^}]*\}\}/g, 'x'));
  const base = fc.oneof(fc.constantFrom(...examples, ...templates), fc.nat({ max: 999 }).map((i) => generateNote(i, 1 + (i % 3))));
  // A third of the notes with Windows line ends (CRLF), as an editor on Windows saves them.
  const arbitrary = fc.tuple(base, fc.array(yamlMutation, { minLength: 1, maxLength: 4 }), fc.nat({ max: 2 }));
  return fc.property(arbitrary as fc.Arbitrary<unknown>, fc.nat(), (picked: unknown, _seed: number): void => {
    const [start, mutations, crlf] = picked as [string, [number, number, string, number][], number];
    const text = mutations.reduce(mutate, crlf === 0 ? start.replace(/\n/g, '\r\n') : start);
    const outcome = fastReaderOutcome(text);
    if (outcome instanceof Error) {
      throw outcome;
    }
  });
}
