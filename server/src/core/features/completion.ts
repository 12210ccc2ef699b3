import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import { translator, type Locale, type Translator } from '../l10n/localize';
import { SIDES } from '../../generated/sides';
import type { ActiveCondition } from '../rules/context';
import { termKey } from '../vocabulary/normalize';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { isArray, isObject, keysAt, resolveRef, schemaAt, type SchemaNode } from './noteSchema';
import { conflictChecker, entryFacts, findingFacts, markShort, type EntryFacts, type Mark } from './ranking';
import { md, pressureWords } from './termDocs';
import { matchPrefix, preparedItems, type PreparedItem } from './termItems';
import { cursorContext, lineRange, lineShapes, type CursorContext } from './yamlContext';

/** Facts the core cannot know by itself. */
export interface CompletionOptions {
  /** Today's date (YYYY-MM-DD), offered for `date` and used for `next_visit` when the note has no date. */
  today?: string;
  /** The editor's language for `detail` phrases and snippet names (default English); documentation stays English. */
  locale?: Locale;
}

/** Keys whose values completion offers: after inserting the key, ask for the values straight away. */
const VALUE_KEYS = new Set(['soapnote', 'date', 'next_visit', 'since', 'technique', 'target', 'region', 'condition', 'finding', 'side', 'pressure', 'status', 'clearance']);

/**
 * Completion at a position of a note: keys valid there and not yet written, vocabulary terms and
 * fixed values after a key, snippets for new entries and for an empty note. Works on broken YAML
 * (the place is read from the text); ranks by what the note records (findings first, barred last).
 * ```yaml
 * treatment:
 *   - {technique: eff|}   # -> effleurage
 * ```
 */
export function complete(text: string, position: Position, analysis: Analysis, vocabulary: Vocabulary, options: CompletionOptions = {}): CompletionList {
  const ctx = cursorContext(text, position);
  if (!ctx) {
    return list([], '');
  }
  const t = translator(options.locale);
  const range = lineRange(position.line, ctx.token);
  if (isEmptyNote(text, position.line) && ctx.slot === 'key' && ctx.path.length === 0 && !ctx.keyHasColon) {
    return list([skeletonSnippet(options, range, t), ...keyItems([], new Map(), ctx.prefix, range, false, false, t)], ctx.prefix);
  }
  const schema = schemaAt(ctx.path);
  if (ctx.slot === 'value' && ctx.key) {
    return list(valueItems(ctx.key, ctx, range, text, analysis, vocabulary, options, t), ctx.prefix);
  }
  if (ctx.slot === 'item' || (ctx.slot === 'key' && isArray(schema))) {
    // A new item of a sequence, without its `- ` yet (an empty line under `treatment:`).
    return list(entrySnippets(ctx.path, true, ctx.prefix, range, t), ctx.prefix);
  }
  const parentKey = ctx.path[ctx.path.length - 2];
  if (ctx.path[ctx.path.length - 1] === '[]' && !isObject(schema) && parentKey) {
    // An item of a list of words (`medications: [warf|]`, `- warf`).
    return list(valueItems(parentKey, ctx, range, text, analysis, vocabulary, options, t), ctx.prefix);
  }
  if (!isObject(schema)) {
    return list([], ctx.prefix);
  }
  const items = keyItems(ctx.path, ctx.siblings, ctx.prefix, range, ctx.keyHasColon, ctx.flow, t);
  if (ctx.path[ctx.path.length - 1] === '[]' && !ctx.flow && !ctx.keyHasColon && (ctx.dashOnly || ctx.prefix !== '') && ctx.siblings.size === 0) {
    items.push(...entrySnippets(ctx.path.slice(0, -1), false, ctx.prefix, range, t));
  }
  return list(items, ctx.prefix);
}

function list(items: CompletionItem[], prefix: string): CompletionList {
  // Ordinal comparison, as editors compare sortText.
  const key = (i: CompletionItem): string => i.sortText ?? i.label;
  items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.label.localeCompare(b.label)));
  // Items were filtered by the prefix here; ask again as the user types so the list stays whole.
  return { isIncomplete: prefix.trim() !== '', items };
}

/** Nothing written but comments, apart from a first word on the cursor line (`soap|`): the place for a whole note. */
function isEmptyNote(text: string, cursorLine: number): boolean {
  return lineShapes(text).lines.every((line, i) => {
    const t = line.trim();
    return t === '' || t.startsWith('#') || t === '---' || (i === cursorLine && !t.includes(':'));
  });
}

/** Keys of the mapping at `path` that are not written yet, documented from the note schema. */
function keyItems(path: string[], present: Map<string, string>, prefix: string, range: Range, keyHasColon: boolean, flow: boolean, t: Translator): CompletionItem[] {
  const typed = prefix.trim().toLowerCase();
  const out: CompletionItem[] = [];
  keysAt(path).forEach(({ key, schema, required }, index) => {
    if (present.has(key) || (typed !== '' && !key.includes(typed) && !key.replace('_', ' ').includes(typed))) {
      return;
    }
    const snippet = keyHasColon ? key : flow ? `${key}: ` : keySnippet(key, schema);
    out.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: required ? t('completion.required', { type: typeWords(schema, t) }) : typeWords(schema, t),
      documentation: schema.description ? { kind: MarkupKind.Markdown, value: md(schema.description) } : undefined,
      sortText: `${required ? 0 : 1}${String(index).padStart(3, '0')}`,
      textEdit: { range, newText: snippet },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.adjustIndentation,
      ...(VALUE_KEYS.has(key) && !keyHasColon ? { command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' } } : {}),
    });
  });
  return out;
}

/** What to write after a key: the block below it for sections and lists of entries, a flow list for lists of words. */
function keySnippet(key: string, schema: SchemaNode): string {
  if (isObject(schema)) {
    return `${key}:\n  $0`;
  }
  if (isArray(schema)) {
    return isObject(resolveRef(schema.items)) ? `${key}:\n  - $0` : `${key}: [$0]`;
  }
  return `${key}: $0`;
}

/** The schema types completion names in plain words in its `detail` (`text`, not `string`); another type is shown as the schema writes it. */
const TYPE_WORDS = { string: 'completion.type.string', integer: 'completion.type.integer', number: 'completion.type.number', boolean: 'completion.type.boolean' } as const;

function typeWords(schema: SchemaNode, t: Translator): string {
  if (isObject(schema)) {
    return t('completion.type.section');
  }
  if (isArray(schema)) {
    return t('completion.type.list');
  }
  if (schema.const !== undefined) {
    return String(schema.const);
  }
  if (typeof schema.type !== 'string') {
    return t('completion.type.value');
  }
  const key = TYPE_WORDS[schema.type as keyof typeof TYPE_WORDS];
  return key === undefined ? schema.type : t(key);
}

/** Values for the field `key` at the cursor. */
function valueItems(key: string, ctx: CursorContext, range: Range, text: string, analysis: Analysis, vocabulary: Vocabulary, options: CompletionOptions, t: Translator): CompletionItem[] {
  const prepared = preparedItems(vocabulary, t.locale);
  const inTreatment = ctx.path[0] === 'treatment';
  const prefixKey = termKey(ctx.prefix);
  switch (key) {
    case 'technique':
      return inTreatment ? rankedTechniques(prepared.technique, ctx, range, prefixKey, analysis, vocabulary, t) : terms(prepared.technique, range, prefixKey, () => 2, t);
    case 'target':
    case 'region':
      return inTreatment ? rankedPlaces(prepared.place, ctx, range, prefixKey, analysis, vocabulary, t) : terms(prepared.place, range, prefixKey, () => 2, t);
    case 'condition':
      return terms(prepared.condition, range, prefixKey, () => 2, t);
    case 'finding':
      return terms(prepared.finding, range, prefixKey, () => 2, t);
    case 'medications':
      return terms(prepared.medication, range, prefixKey, () => 2, t);
    case 'side':
      return words(sideWords(t), range, ctx.prefix, t);
    case 'status':
      return words(statuses(t), range, ctx.prefix, t);
    case 'clearance':
      return words(clearances(t), range, ctx.prefix, t);
    case 'soapnote':
      return words([{ label: '1', detail: t('completion.formatVersion'), doc: 'The note format version. Always 1.' }], range, ctx.prefix, t);
    case 'pressure':
      return pressureItems(ctx, range, analysis.conditions, vocabulary, inTreatment, t);
    case 'date':
    case 'since':
      return options.today ? words([{ label: options.today, detail: t('completion.today'), doc: "Today's date." }], range, ctx.prefix, t) : [];
    case 'next_visit':
      return nextVisitItems(text, ctx, range, options, t);
    default:
      return [];
  }
}

/** Copies prepared items that match the prefix, with the replace range and a rank (tier, match, secondary). */
function terms(items: PreparedItem[], range: Range, prefixKey: string, rank: (p: PreparedItem) => number | [number, number, Mark?], t: Translator): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const p of items) {
    const quality = matchPrefix(p.keys, prefixKey);
    if (quality === undefined) {
      continue;
    }
    const r = rank(p);
    const [tier, secondary, mark] = typeof r === 'number' ? [r, 0, undefined] : r;
    // Built field by field: spreading the prepared item is several times slower, and this runs for every term per keystroke.
    const base = p.item;
    const item: CompletionItem = {
      label: base.label,
      kind: base.kind,
      detail: base.detail,
      documentation: base.documentation,
      filterText: base.filterText,
      insertText: base.insertText,
      sortText: `${tier}${quality}${secondary < 10 ? '00' : secondary < 100 ? '0' : ''}${secondary}${p.sortKey}`,
      textEdit: { range, newText: p.newText },
    };
    if (mark) {
      // The short phrase where editors size their menu; the whole reason opens the documentation.
      const short = markShort(mark, t);
      item.detail = short;
      item.labelDetails = { description: short };
      const doc = typeof p.item.documentation === 'object' ? p.item.documentation.value : '';
      item.documentation = { kind: MarkupKind.Markdown, value: `**${md(mark.text)}**\n\n${doc}` };
    }
    out.push(item);
  }
  return out;
}

/** Tiers: 0 suits a finding on this target, 1 suits a recorded finding, 2 ordinary, 3 barred elsewhere, 4 over a pressure cap, 5 barred here. */
function tierOf(mark: Mark | undefined, suited: { here: boolean } | undefined): number {
  if (mark) {
    return { caution: 3, 'over-cap': 4, barred: 5 }[mark.tier];
  }
  return suited ? (suited.here ? 0 : 1) : 2;
}

function rankedTechniques(items: PreparedItem[], ctx: CursorContext, range: Range, prefixKey: string, analysis: Analysis, vocabulary: Vocabulary, t: Translator): CompletionItem[] {
  const facts = entryFacts(ctx.siblings, vocabulary);
  const findings = findingFacts(analysis, vocabulary);
  const marks = conflictChecker(analysis.conditions, vocabulary);
  return terms(items, range, prefixKey, (p) => {
    const technique = p.term.kind === 'technique' ? p.term : undefined;
    const mark = marks({ ...facts, technique });
    const suited = findings.suited(p.term.id, facts.place);
    return [tierOf(mark, suited), suited?.rank ?? 0, mark];
  }, t);
}

function rankedPlaces(items: PreparedItem[], ctx: CursorContext, range: Range, prefixKey: string, analysis: Analysis, vocabulary: Vocabulary, t: Translator): CompletionItem[] {
  const facts = entryFacts(ctx.siblings, vocabulary);
  const findings = findingFacts(analysis, vocabulary);
  const marks = conflictChecker(analysis.conditions, vocabulary);
  return terms(items, range, prefixKey, (p) => {
    const place = p.place;
    const mark = place ? marks({ ...facts, place }) : undefined;
    const recorded = findings.targets.get(`${p.term.kind}:${p.term.id}`);
    return [mark ? tierOf(mark, undefined) : recorded !== undefined ? 0 : 2, recorded ?? 0, mark];
  }, t);
}

/** A fixed value offered for a field. */
interface Word {
  label: string;
  detail: string;
  doc: string;
}

/** The sides the note schema defines, each with its short forms in the documentation. */
const sideWords = (t: Translator): Word[] => SIDES.map(({ side, forms, description }) => ({
  label: side,
  detail: t('completion.side'),
  doc: `${description[0]?.toUpperCase() ?? ''}${description.slice(1)}${forms.length > 1 ? ` (also written ${forms.filter((f) => f !== side).join(', ')}, in any case)` : ''}.`,
}));

const statuses = (t: Translator): Word[] => [
  { label: 'active', detail: t('completion.status.default'), doc: 'The condition is present: all its rules apply.' },
  { label: 'controlled', detail: t('completion.status'), doc: 'Managed by treatment: some absolute contraindications (such as hypertension) become ones that need medical clearance.' },
  { label: 'resolved', detail: t('completion.status'), doc: 'The condition is gone: it no longer restricts treatment.' },
];

const clearances = (t: Translator): Word[] => [
  { label: 'false', detail: t('completion.clearance.none'), doc: 'No written medical clearance for massage is on file.' },
  { label: 'true', detail: t('completion.clearance.onFile'), doc: 'Written medical clearance for massage is on file for this condition. Only write this once you hold it.' },
];

function words(list: Word[], range: Range, prefix: string, t: Translator, marks: (Mark | undefined)[] = []): CompletionItem[] {
  const typed = prefix.trim().toLowerCase();
  const out: CompletionItem[] = [];
  list.forEach((w, index) => {
    if (typed !== '' && !w.label.toLowerCase().startsWith(typed)) {
      return;
    }
    const mark = marks[index];
    const short = mark ? markShort(mark, t) : undefined;
    out.push({
      label: w.label,
      kind: CompletionItemKind.EnumMember,
      detail: short ?? w.detail,
      ...(short !== undefined ? { labelDetails: { description: short } } : {}),
      documentation: { kind: MarkupKind.Markdown, value: mark ? `**${md(mark.text)}**\n\n${md(w.doc)}` : md(w.doc) },
      sortText: `${mark ? 9 : 0}${String(index).padStart(3, '0')}`,
      textEdit: { range, newText: w.label },
    });
  });
  return out;
}

/** Pressure words with their Walton levels, then the levels 0-5; levels over a condition's cap are marked and sorted last. */
function pressureItems(ctx: CursorContext, range: Range, conditions: readonly ActiveCondition[], vocabulary: Vocabulary, inTreatment: boolean, t: Translator): CompletionItem[] {
  const facts: EntryFacts = inTreatment ? entryFacts(ctx.siblings, vocabulary) : {};
  const list: Word[] = vocabulary.pressures().map((p) => ({ label: p.word, detail: t('completion.waltonLevel', { level: p.level }), doc: p.description }));
  for (let level = 0; level <= 5; level++) {
    const word = vocabulary.pressures().find((p) => p.level === level);
    list.push({ label: String(level), detail: pressureWords(vocabulary, level, t.locale), doc: word ? word.description : `Walton level ${level}, between ${vocabulary.pressureWord(level - 1)} and ${vocabulary.pressureWord(level + 1)}.` });
  }
  const levels = list.map((w) => vocabulary.pressureLevel(w.label));
  const check = conflictChecker(conditions, vocabulary);
  const marks = inTreatment ? levels.map((level) => (level === undefined ? undefined : check({ ...facts, level }))) : [];
  return words(list, range, ctx.prefix, t, marks);
}

/** Dates for `next_visit`: one to four weeks after the session date (or today). */
function nextVisitItems(text: string, ctx: CursorContext, range: Range, options: CompletionOptions, t: Translator): CompletionItem[] {
  const written = /^date:\s*['"]?(\d{4}-\d{2}-\d{2})/m.exec(text)?.[1];
  const base = written ?? options.today;
  if (!base) {
    return [];
  }
  const list: Word[] = [1, 2, 3, 4].map((weeks) => ({
    label: addDays(base, weeks * 7),
    detail: t.count(written ? 'completion.weeksAfterSession' : 'completion.weeksFromToday', weeks),
    doc: weeks === 1 ? 'Weekly: usual during injury recovery.' : weeks >= 3 ? 'Every 3-4 weeks: usual for maintenance.' : 'Every two weeks.',
  }));
  return words(list, range, ctx.prefix, t);
}

/** Adds days to a YYYY-MM-DD date (UTC, so no time zone shifts it). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) {
    return date;
  }
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}


/** A snippet item. */
function snippet(label: string, detail: string, body: string, range: Range, sortText: string, filterText?: string): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    documentation: { kind: MarkupKind.Markdown, value: ['```yaml', body.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, ''), '```'].join('\n') },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
    textEdit: { range, newText: body },
    sortText,
    ...(filterText ? { filterText } : {}),
  };
}

/** The English words a snippet is found by, then its name's words in the editor's language (typing either finds it). */
function filterWords(english: string, name: string): string {
  const extra = name.split(' ').filter((w) => !english.split(' ').includes(w));
  return [english, ...extra].join(' ');
}

const SIDE_CHOICE = SIDES.map((s) => s.side).sort().join(',');

/** Snippets for a new entry of the list at `listPath` (treatment, health.conditions, objective.findings). */
function entrySnippets(listPath: string[], withDash: boolean, prefix: string, range: Range, t: Translator): CompletionItem[] {
  const dash = withDash ? '- ' : '';
  // On a bare `- ` the snippet is the likely wish; once a key is being typed, the key comes first.
  const rank = prefix.trim() === '' ? '/0' : '~0';
  const where = listPath.join('.');
  const candidates: CompletionItem[] = [];
  if (where === 'treatment') {
    candidates.push(snippet(t('completion.snippet.treatment'), 'technique, target, side, pressure, minutes', `${dash}technique: $1\n  target: $2\n  side: \${3|${SIDE_CHOICE}|}\n  pressure: \${4|light,moderate,firm,still,deep|}\n  minutes: \${5:10}`, range, rank, filterWords('technique treatment entry', t('completion.snippet.treatment'))));
  } else if (where === 'health.conditions') {
    candidates.push(snippet(t('completion.snippet.condition'), 'condition, region, side, status, clearance', `${dash}condition: $1\n  region: $2\n  side: \${3|${SIDE_CHOICE}|}\n  status: \${4|active,controlled,resolved|}\n  clearance: \${5|false,true|}`, range, rank, filterWords('condition new condition', t('completion.snippet.condition'))));
  } else if (where === 'objective.findings') {
    candidates.push(snippet(t('completion.snippet.finding'), 'target, side, finding', `${dash}{target: $1, side: \${2|${SIDE_CHOICE}|}, finding: $3}`, range, rank, filterWords('target new finding', t('completion.snippet.finding'))));
  }
  const typed = prefix.trim().toLowerCase();
  return candidates.filter((c) => typed === '' || (c.filterText ?? c.label).split(' ').some((w) => w.startsWith(typed)));
}

/** A whole note to start from, offered in an empty document. */
function skeletonSnippet(options: CompletionOptions, range: Range, t: Translator): CompletionItem {
  const date = options.today ?? 'YYYY-MM-DD';
  const body = [
    'soapnote: 1',
    'client: ${1:C-0000}',
    `date: \${2:${date}}`,
    'therapist: ${3:Name, credential}',
    'visit: ${4:1}',
    'duration: ${5:60}',
    '',
    'health:',
    '  conditions: []',
    '  medications: []',
    '  allergies: []',
    '',
    'subjective:',
    '  complaint: $6',
    '  pain: ${7:0}',
    '  goals: $8',
    '',
    'objective:',
    '  posture: $9',
    '  findings:',
    `    - {target: $10, side: \${11|${SIDE_CHOICE}|}, finding: $12}`,
    '',
    'treatment:',
    '  - technique: $13',
    '    target: $14',
    `    side: \${15|${SIDE_CHOICE}|}`,
    '    pressure: ${16|light,moderate,firm,still,deep|}',
    '    minutes: ${17:10}',
    '',
    'assessment:',
    '  summary: $18',
    '  pain_after: ${19:0}',
    '  response: $20',
    '',
    'plan:',
    '  frequency: ${21:weekly}',
    '  next_visit: $22',
    '  home_care: []',
    '  referrals: $0',
    '',
  ].join('\n');
  return snippet(t('completion.snippet.note'), t('completion.snippet.noteDetail'), body, range, '/0', filterWords('soapnote new SOAP note', t('completion.snippet.note')));
}
