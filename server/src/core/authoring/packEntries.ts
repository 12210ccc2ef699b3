import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { parseYaml, type ParsedYaml } from '../parse';
import type { Position, Range } from '../types';
import type { TermKind } from '../vocabulary/vocabulary';
import { nodeRange, pairOf, valueOf } from '../yamlNodes';
import { PACK_SECTIONS } from './idSlots';
import type { PartialRule } from './ruleDescription';

/** One entry a pack defines: its kind, id and name, where the id is written and the whole entry. */
export interface PackEntry {
  kind: TermKind;
  id: string;
  name?: string;
  /** The id's value. */
  range: Range;
  /** The whole entry (its mapping). */
  entryRange: Range;
}

/** The parse of the last few pack texts: definition asks for the same built-in files again and again. */
const memo = new Map<string, { text: string; parsed: ParsedYaml; entries: PackEntry[] }>();
const MAX_MEMO = 64;

function parsedPack(key: string, text: string): { parsed: ParsedYaml; entries: PackEntry[] } {
  const hit = memo.get(key);
  if (hit && hit.text === text) {
    return hit;
  }
  const parsed = parseYaml(text);
  const entries = readEntries(parsed);
  if (memo.size >= MAX_MEMO) {
    memo.clear();
  }
  memo.set(key, { text, parsed, entries });
  return { parsed, entries };
}

/**
 * The entries a pack text defines, in file order. Reads what parses of a half-written pack (an
 * entry without an id is skipped), so a pack being edited still offers its own ids.
 * `key` (the file's uri) lets repeated calls on an unchanged text reuse the parse.
 */
export function packEntries(text: string, key = ''): PackEntry[] {
  return parsedPack(key, text).entries;
}

function readEntries(parsed: ParsedYaml): PackEntry[] {
  const out: PackEntry[] = [];
  const root = parsed.doc?.contents;
  for (const [section, kind] of PACK_SECTIONS) {
    const seq = valueOf(root, section);
    if (!isSeq(seq)) {
      continue;
    }
    for (const item of seq.items) {
      const idNode = pairOf(item, 'id')?.value;
      if (!isScalar(idNode) || typeof idNode.value !== 'string' || idNode.value === '') {
        continue;
      }
      const range = nodeRange(parsed.lineCounter, idNode);
      const entryRange = nodeRange(parsed.lineCounter, item as Node);
      const nameNode = pairOf(item, 'name')?.value;
      if (range && entryRange) {
        out.push({ kind, id: idNode.value, ...(isScalar(nameNode) && typeof nameNode.value === 'string' ? { name: nameNode.value } : {}), range, entryRange });
      }
    }
  }
  return out;
}

/** A rule of a pack under the cursor, with its condition's id and the rule's range. */
export interface RuleAt {
  rule: PartialRule;
  condition?: string;
  range: Range;
}

/** The rule (under `conditions[].rules` or `conditions[].period.after`) whose mapping holds the cursor, if any. */
export function ruleAt(text: string, position: Position, key = ''): RuleAt | undefined {
  const { parsed } = parsedPack(key, text);
  const conditions = valueOf(parsed.doc?.contents, 'conditions');
  if (!isSeq(conditions)) {
    return undefined;
  }
  const offset = offsetOf(parsed, position);
  for (const condition of conditions.items) {
    if (!holds(condition as Node, offset)) {
      continue;
    }
    const period = valueOf(condition, 'period');
    for (const list of [valueOf(condition, 'rules'), isMap(period) ? valueOf(period, 'after') : undefined]) {
      if (!isSeq(list)) {
        continue;
      }
      for (const rule of list.items) {
        if (isMap(rule) && holds(rule, offset)) {
          const id = pairOf(condition, 'id')?.value;
          const range = nodeRange(parsed.lineCounter, rule);
          return {
            rule: (rule as YAMLMap).toJSON() as PartialRule,
            ...(isScalar(id) && typeof id.value === 'string' ? { condition: id.value } : {}),
            range: range ?? { start: position, end: position },
          };
        }
      }
    }
  }
  return undefined;
}

function holds(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return range !== undefined && range !== null && range[0] <= offset && offset <= range[1];
}

/** The text offset of an LSP position. */
function offsetOf(parsed: ParsedYaml, position: Position): number {
  const starts = parsed.lineCounter.lineStarts;
  const lineStart = starts[position.line] ?? parsed.text.length;
  return Math.min(lineStart + position.character, parsed.text.length);
}
