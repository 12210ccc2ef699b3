import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import type { ConditionEntry, TreatmentEntry } from '../model';
import { rangeHolds } from '../ranges';
import { findingsAbout } from '../subjects';
import type { Finding, FindingSubject } from '../types';
import type { Term, Vocabulary } from '../vocabulary/vocabulary';
import { resolveCondition } from '../rules/context';
import { schemaAt } from './noteSchema';
import { md, pressureWords, termMarkdown } from './termDocs';
import { cursorContext, lineRange, unquote } from './yamlContext';

/**
 * Hover on a note: a term value shows its description, kind, region or typical pressure and
 * synonyms; a key shows the note schema's description; anywhere on a treatment entry, every
 * finding about it (message and source) is added; a condition shows its rules in plain words.
 */
export function hover(text: string, position: Position, analysis: Analysis, vocabulary: Vocabulary): Hover | null {
  const parts: string[] = [];
  let range: Range | undefined;
  const ctx = cursorContext(text, position);
  if (ctx && ctx.token.text.trim() !== '' && position.character >= ctx.token.start && position.character <= ctx.token.end) {
    const word = unquote(ctx.token.text);
    if (ctx.slot === 'key') {
      const listKey = ctx.path[ctx.path.length - 1] === '[]' ? ctx.path[ctx.path.length - 2] : undefined;
      const keySchema = schemaAt([...ctx.path, word]);
      const doc = keySchema?.description ? `**${md(word)}**\n\n${md(keySchema.description)}` : listKey ? valueMarkdown(listKey, word, vocabulary) : undefined;
      if (doc) {
        parts.push(doc);
        range = lineRange(position.line, ctx.token);
      }
    } else if (ctx.slot === 'value' && ctx.key) {
      const doc = valueMarkdown(ctx.key, word, vocabulary);
      if (doc) {
        parts.push(doc);
        range = lineRange(position.line, ctx.token);
      }
    }
  }
  // Anywhere on a treatment entry or a condition: what the checker says about it.
  const holder = entryAt(analysis, position);
  if (holder) {
    const { e, subject, what } = holder;
    const about = findingsAbout(analysis.findings, subject, e.fullRange);
    if (about.length > 0) {
      parts.push(findingsMarkdown(about, what));
      if (e.range.start.line === position.line) {
        range ??= e.range;
      }
    }
  }
  if (parts.length === 0) {
    return null;
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

interface Holder {
  e: TreatmentEntry | ConditionEntry;
  subject: FindingSubject;
  what: string;
}

/**
 * The treatment entry or condition under the cursor: the one whose node holds the position, else the
 * only entry starting on the cursor's line (its dash, the space after its closing brace). A line with
 * two entries of a flow list gives each only its own node.
 */
function entryAt(analysis: Analysis, position: Position): Holder | undefined {
  const entries: Holder[] = [
    ...analysis.note.treatment.map((e): Holder => ({ e, subject: { list: 'treatment', index: e.index }, what: 'treatment entry' })),
    ...analysis.note.conditions.map((e): Holder => ({ e, subject: { list: 'conditions', index: e.index }, what: 'condition' })),
  ];
  const inside = entries.find(({ e }) => rangeHolds(e.fullRange, position));
  if (inside) {
    return inside;
  }
  const starting = entries.filter(({ e }) => e.range.start.line === position.line);
  return starting.length === 1 ? starting[0] : undefined;
}

/** The Markdown for a value written after `key` (or an item of the list `key`), when it means something. */
function valueMarkdown(key: string, word: string, vocabulary: Vocabulary): string | undefined {
  let term: Term | undefined;
  switch (key) {
    case 'technique':
      term = vocabulary.resolve('technique', word);
      break;
    case 'target':
    case 'region':
      term = vocabulary.resolvePlace(word)?.term;
      break;
    case 'condition':
      term = resolveCondition(word, vocabulary)?.condition;
      break;
    case 'finding':
      term = vocabulary.resolve('finding', word);
      break;
    case 'medications':
      term = vocabulary.resolve('medication', word);
      break;
    case 'pressure': {
      const level = vocabulary.pressureLevel(word);
      if (level === undefined) {
        return undefined;
      }
      const described = vocabulary.pressures().find((p) => p.level === level);
      return `**${md(word)}** · pressure, ${pressureWords(vocabulary, level)}${described ? `\n\n${md(described.description)}` : ''}`;
    }
    case 'side':
      return SIDE_WORDS[word.toLowerCase()];
    default:
      return undefined;
  }
  return term ? termMarkdown(term, vocabulary) : undefined;
}

const SIDE_WORDS: Record<string, string> = {
  left: '**left** · side of the body',
  l: '**L** · the left side of the body',
  right: '**right** · side of the body',
  r: '**R** · the right side of the body',
  bilateral: '**bilateral** · both sides of the body',
  bilat: '**bilat** · both sides of the body (bilateral)',
};

/** Every finding about an entry, with its rule id, severity and source. */
function findingsMarkdown(findings: Finding[], what: string): string {
  const lines = findings.map((f) => {
    const source = f.source ? `\n  _Source: ${md(f.source)}_` : '';
    return `- ${ICONS[f.severity]} **${f.severity}** \`${f.ruleId}\`: ${md(f.message)}${source}`;
  });
  return [`**Findings on this ${what}**`, '', ...lines].join('\n');
}

const ICONS: Record<Finding['severity'], string> = { error: '⛔', warning: '⚠', information: 'ℹ', hint: '·' };
