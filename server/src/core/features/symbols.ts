import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import { firstLineRange, nodeRange, pairOf } from '../yamlNodes';

/** Folding lives in its own file; re-exported here so symbols and folding can be imported together. */
export { foldingRanges } from './folding';

/** Display names of the top-level sections, in the words of SOAP. */
const SECTION_NAMES: Record<string, string> = {
  health: 'Health',
  subjective: 'Subjective',
  objective: 'Objective',
  treatment: 'Treatment',
  assessment: 'Assessment',
  plan: 'Plan',
  signed: 'Signed',
  addenda: 'Addenda',
};

/** How an entry of a known list is named in the outline, from its fields. */
const ENTRY_NAMES: Record<string, (field: (key: string) => string | undefined) => { name: string; detail?: string }> = {
  treatment: (f) => ({ name: describe(f('technique'), f('target'), f('side')), detail: join([f('pressure'), f('minutes') ? `${f('minutes')} min` : undefined]) }),
  'health.conditions': (f) => ({ name: describe(f('condition'), f('region'), f('side')), detail: join([f('status') ?? 'active', f('clearance') === 'true' ? 'clearance on file' : undefined]) }),
  'objective.findings': (f) => ({ name: describe(f('finding'), f('target'), f('side')) }),
  'objective.rom': (f) => ({ name: `${f('movement') ?? 'movement'}${f('side') ? ` (${f('side')})` : ''}`, detail: f('degrees') ? `${f('degrees')}°` : undefined }),
  addenda: (f) => ({ name: `${f('at') ?? 'addendum'}${f('by') ? ` — ${f('by')}` : ''}` }),
};

/**
 * The outline of a note: one symbol per top-level field, the SOAP sections with their fields as
 * children, and list entries named from their content ("effleurage — erector spinae (bilateral)").
 */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const root = analysis.note.root;
  if (!root) {
    return [];
  }
  const lc = analysis.parsed.lineCounter;
  const out: DocumentSymbol[] = [];
  for (const pair of root.items) {
    const symbol = pairSymbol({ lc, text: analysis.parsed.text, lines: analysis.parsed.text.split(/\r?\n/) }, pair, []);
    if (symbol) {
      out.push(symbol);
    }
  }
  return out;
}

/** The document's text three ways, read once per request. */
interface Source {
  lc: LineCounter;
  text: string;
  lines: string[];
}

function pairSymbol(src: Source, pair: Pair, path: string[]): DocumentSymbol | undefined {
  const { lc, text, lines } = src;
  if (!isPair(pair) || !isScalar(pair.key)) {
    return undefined;
  }
  const key = String(pair.key.value);
  const selectionRange = nodeRange(lc, pair.key as Node);
  if (!selectionRange) {
    return undefined;
  }
  const value = pair.value as Node | null;
  const valueRange = trimmed(lines, nodeRange(lc, value));
  const range = valueRange ? { start: selectionRange.start, end: maxEnd(selectionRange, valueRange) } : selectionRange;
  const here = [...path, key];
  const section = path.length === 0 ? SECTION_NAMES[key] : undefined;
  const children: DocumentSymbol[] = [];
  if (isMap(value)) {
    for (const item of value.items) {
      const child = pairSymbol(src, item as Pair, here);
      if (child) {
        children.push(child);
      }
    }
  } else if (isSeq(value)) {
    const naming = ENTRY_NAMES[here.join('.')];
    value.items.forEach((item, index) => {
      const itemRange = trimmed(lines, nodeRange(lc, item as Node));
      if (!itemRange || !isMap(item)) {
        return;
      }
      const field = (k: string): string | undefined => {
        const v = pairOf(item, k)?.value;
        return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
      };
      const named = naming ? naming(field) : { name: `${key} ${index + 1}` };
      children.push({
        name: named.name || `${key} ${index + 1}`,
        ...(named.detail ? { detail: named.detail } : {}),
        kind: here[0] === 'treatment' ? SymbolKind.Event : SymbolKind.Object,
        range: itemRange,
        selectionRange: firstLineRange(lc, text, item) ?? itemRange,
      });
    });
  }
  const scalar = isScalar(value) && value.value !== null && value.value !== undefined ? String(value.value) : undefined;
  return {
    name: section ?? key,
    ...(scalar !== undefined ? { detail: scalar.length > 60 ? `${scalar.slice(0, 57)}...` : scalar } : isSeq(value) ? { detail: `${value.items.length} ${value.items.length === 1 ? 'entry' : 'entries'}` } : {}),
    kind: section ? SymbolKind.Namespace : isSeq(value) ? SymbolKind.Array : isMap(value) ? SymbolKind.Object : SymbolKind.Property,
    range,
    selectionRange,
    ...(children.length > 0 ? { children } : {}),
  };
}

/** "technique — target (side)", leaving out what is not written. */
function describe(what: string | undefined, where: string | undefined, side: string | undefined): string {
  return `${what ?? '?'}${where ? ` — ${where}` : ''}${side ? ` (${side})` : ''}`;
}

function join(parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length > 0 ? kept.join(' · ') : undefined;
}

/** A block collection's range can end at the start of the next line: end it at its last text instead. */
function trimmed(lines: string[], range: Range | undefined): Range | undefined {
  if (!range || range.end.character !== 0 || range.end.line <= range.start.line) {
    return range;
  }
  const line = range.end.line - 1;
  const lineText = lines[line] ?? '';
  return { start: range.start, end: { line, character: lineText.length } };
}

function maxEnd(a: Range, b: Range): Range['end'] {
  return b.end.line > a.end.line || (b.end.line === a.end.line && b.end.character > a.end.character) ? b.end : a.end;
}

