import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml';
import type { ParsedYaml } from './parse';
import { offsetsToRange } from './ranges';
import type { FixData } from './types';

/** What to say, and the quick fix, for an unknown key that is really the rest of a value cut at a comma. */
export interface CommaInFlowMap {
  message: string;
  fix: FixData;
  /** False for the second and later keys cut from the same value: one finding says it for all. */
  first: boolean;
}

/**
 * Recognises `{condition: atrial fibrillation, note: stable, managed by cardiologist}`: inside
 * `{...}` a comma ends the value, so `managed by cardiologist` reads as a key without a value.
 * The shape: in a flow mapping, a plain key with no value, on the same line as the plain text
 * value before it (possibly after other such keys). The fix quotes the joined text:
 * `note: "stable, managed by cardiologist"`.
 */
export function commaInFlowMap(parsed: ParsedYaml, map: unknown, key: string): CommaInFlowMap | undefined {
  if (!isMap(map) || !map.flow) {
    return undefined;
  }
  const items = map.items as Pair<unknown, unknown>[];
  const at = items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  if (at <= 0 || !isCut(items[at])) {
    return undefined;
  }
  // Back to the pair whose value was cut, over any earlier cut pieces.
  let owner = at - 1;
  while (owner > 0 && isCut(items[owner])) {
    owner--;
  }
  const value = items[owner]?.value;
  if (!isPlainText(value) || !value.range) {
    return undefined;
  }
  let last = at;
  while (last + 1 < items.length && isCut(items[last + 1])) {
    last++;
  }
  const lastKey = items[last]?.key as Node;
  const start = value.range[0];
  const end = lastKey.range?.[1] ?? start;
  const written = parsed.text.slice(start, end);
  if (written.includes('\n') || !sameLine(parsed.text, start, (items[at]?.key as Node).range?.[0] ?? start)) {
    return undefined;
  }
  const fieldName = isScalar(items[owner]?.key) ? String((items[owner]?.key as { value: unknown }).value) : 'the field before';
  const quoted = JSON.stringify(written);
  return {
    message: `A comma in a {...} value starts a new field ('${key}' is read as one): put the value in quotes, as in ${fieldName}: ${quoted}.`,
    fix: { replace: [{ range: offsetsToRange(parsed.lineCounter, start, end), text: quoted, title: `Put the ${fieldName} in quotes: ${quoted}` }] },
    first: owner === at - 1,
  };
}

/** A plain (unquoted) key with no value at all: the piece after a comma. */
function isCut(pair: unknown): boolean {
  return isPair(pair) && pair.value === null && isPlainText(pair.key);
}

function isPlainText(node: unknown): node is Node & { value: string } {
  return isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'string';
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}
