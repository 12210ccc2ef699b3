import { append } from './append';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { removeAliasesAndTags } from './aliasesAndTags';
import { textEncodingFinding } from './encoding';
import { parsePlainBlockYaml, type FastYamlOptions } from './fastYaml';
import { offsetsToRange, DOCUMENT_START } from './ranges';
import { RuleId } from './ruleIds';
import { withShortStackTraces } from './shortStackTraces';
import type { Finding } from './types';

/** Limits that keep a hostile or huge file from stalling the editor or CI. */
export interface ParseLimits {
  /** Notes larger than this (in UTF-16 code units, close to bytes for clinical text) are not parsed. */
  maxNoteBytes: number;
  /** Notes with more lines than this are not parsed (a session note is a few hundred lines). */
  maxNoteLines: number;
  /** Alias expansions allowed before a document is treated as an alias bomb. */
  maxAliasCount: number;
}

/** Defaults for {@link ParseLimits}; `maxNoteBytes` and `maxNoteLines` can be changed in `.soapnote/config.yaml`. */
export const DEFAULT_LIMITS: ParseLimits = { maxNoteBytes: 1_000_000, maxNoteLines: 50_000, maxAliasCount: 50 };

/**
 * How every note, config and pack is parsed. uniqueKeys off: the yaml package compares every key
 * with every earlier one (quadratic: a note of 100,000 short keys took minutes); duplicateKeyOffsets
 * does the same check in linear time. logLevel error: toJS would otherwise print process warnings
 * (e.g. on `{a}: x` keys) into CLI output.
 */
export const PARSE_OPTIONS: FastYamlOptions = { prettyErrors: false, uniqueKeys: false, schema: 'core', strict: true, logLevel: 'error' };

/** A YAML text parsed with positions kept, plus the syntax findings it produced. */
export interface ParsedYaml {
  text: string;
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  findings: Finding[];
}

/**
 * Parses YAML text keeping source ranges. Never throws: syntax errors, duplicate keys and
 * over-size input become findings. Uses the YAML 1.2 core schema so `2026-11-20` stays a string.
 */
export function parseYaml(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedYaml {
  const lineCounter = countLines(text);
  const lines = lineCounter.lineStarts.length;
  if (text.length > limits.maxNoteBytes) {
    return tooLarge(text, lineCounter, `This file is ${Math.round(text.length / 1024)} KB, over the ${Math.round(limits.maxNoteBytes / 1024)} KB limit (maxNoteBytes in .soapnote/config.yaml)`);
  }
  if (lines > limits.maxNoteLines) {
    return tooLarge(text, lineCounter, `This file has ${lines.toLocaleString('en')} lines, over the limit of ${limits.maxNoteLines.toLocaleString('en')} (maxNoteLines in .soapnote/config.yaml)`);
  }
  // Text whose characters were lost in decoding is not checked as if they had been written.
  const encoding = textEncodingFinding(text);
  if (encoding) {
    return { text, doc: undefined, lineCounter, findings: [encoding] };
  }
  let doc: Document.Parsed;
  try {
    // The plain block YAML most notes are written in is read by the fast reader, which builds the
    // tree parseDocument would (the differential tests hold it to that) or declines the text.
    doc = withShortStackTraces(() => parsePlainBlockYaml(text, PARSE_OPTIONS) ?? parseDocument(text, PARSE_OPTIONS));
  } catch (error) {
    // Deep nesting can overflow the stack inside the yaml package; a finding, never a crash.
    const reason = error instanceof RangeError ? 'it is nested too deeply' : firstLine(String((error as Error)?.message ?? error));
    return { text, doc: undefined, lineCounter, findings: [{ ruleId: RuleId.yamlSyntax, severity: 'error', message: `YAML syntax error: the note could not be read (${reason}).`, range: DOCUMENT_START }] };
  }
  const findings: Finding[] = [];
  for (const error of doc.errors) {
    findings.push({
      ruleId: RuleId.yamlSyntax,
      severity: 'error',
      message: `YAML syntax error: ${firstLine(error.message)}`,
      range: offsetsToRange(lineCounter, error.pos[0], error.pos[1]),
    });
  }
  // Before any other check: what an alias, merge key or tag would change is taken out of the tree.
  append(findings, removeAliasesAndTags(doc, text, lineCounter));
  for (const offset of duplicateKeyOffsets(doc)) {
    findings.push({
      ruleId: RuleId.yamlDuplicateKey,
      severity: 'error',
      message: 'Duplicate key: Map keys must be unique. Each field may appear once; merge the two.',
      range: offsetsToRange(lineCounter, offset, offset + 1),
    });
  }
  return { text, doc, lineCounter, findings };
}

/**
 * Line starts of the whole text. Not filled by the yaml lexer: after some syntax errors it stops
 * reporting line breaks, and findings on the lines after landed on the wrong line (past its end).
 */
/** A line counter filled from the text itself (the yaml package stops recording lines after some syntax errors). */
export function countLines(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lineCounter.addNewLine(i + 1);
  }
  return lineCounter;
}

/**
 * Start offsets of every repeated mapping key (the second and later ones), as the yaml package's
 * `uniqueKeys` reports them, but with one Set per mapping and an explicit stack (no recursion).
 * The repeats are removed from the tree: the first one is what every reader (rules, report, the
 * plain data the schema, hash and FHIR read) sees, never one here and the last one there.
 */
function duplicateKeyOffsets(doc: Document.Parsed): number[] {
  const out: number[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      node.items = node.items.filter((pair) => {
        const key = pair.key as Node | null;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) {
            if (key.range) {
              out.push(key.range[0]);
            }
            return false;
          }
          seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
        return true;
      });
    } else if (isSeq(node)) {
      for (const item of node.items) {
        stack.push(item);
      }
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  return out;
}

/** The result for a file over a size limit: one `note.too-large` finding, nothing parsed. */
function tooLarge(text: string, lineCounter: LineCounter, why: string): ParsedYaml {
  return { text, doc: undefined, lineCounter, findings: [tooLargeFinding(why)] };
}

/** The `note.too-large` finding, `why` saying which limit (also for a file refused before it is read in full). */
export function tooLargeFinding(why: string): Finding {
  const message = `${why}, so it was not checked. A note this large is probably not a single session note.`;
  return { ruleId: RuleId.noteTooLarge, severity: 'error', message, range: DOCUMENT_START };
}

/** The yaml package appends a code excerpt to some messages; a diagnostic wants one line. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
