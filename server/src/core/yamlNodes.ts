import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq, type Scalar } from 'yaml';
import { offsetsToRange } from './ranges';
import type { Range, Located } from './types';

/** The range of a YAML node's value (not including trailing comments), or undefined for a node without a source position. */
export function nodeRange(lc: LineCounter, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) {
    return undefined;
  }
  return offsetsToRange(lc, node.range[0], node.range[1]);
}

/** The range of the first line of a node: a finding about a whole mapping should not paint every line of it. */
export function firstLineRange(lc: LineCounter, text: string, node: Node | null | undefined): Range | undefined {
  const range = nodeRange(lc, node);
  if (!range || !node?.range) {
    return range;
  }
  const lineEnd = text.indexOf('\n', node.range[0]);
  const end = lineEnd === -1 || lineEnd > node.range[1] ? node.range[1] : lineEnd;
  return offsetsToRange(lc, node.range[0], end);
}

/** The pair whose key is `key` in a mapping, if the node is a mapping and has it. */
export function pairOf(node: unknown, key: string): Pair<Scalar, Node | null> | undefined {
  if (!isMap(node)) {
    return undefined;
  }
  if (node.items.length > INDEX_FROM) {
    return indexedPair(node, key);
  }
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) {
      return item as Pair<Scalar, Node | null>;
    }
  }
  return undefined;
}

/** Mappings longer than this get a key index: a lookup per schema error on a 100,000-key map was quadratic. */
const INDEX_FROM = 32;

const keyIndexes = new WeakMap<YAMLMap, { length: number; index: Map<string, number> }>();

/** {@link pairOf} through a per-map index of first occurrences, rebuilt whenever the map's items no longer match it. */
function indexedPair(node: YAMLMap, key: string): Pair<Scalar, Node | null> | undefined {
  const matches = (i: number | undefined): boolean => {
    const item = i === undefined ? undefined : node.items[i];
    return isPair(item) && isScalar(item.key) && String(item.key.value) === key;
  };
  let cached = keyIndexes.get(node);
  if (!cached || cached.length !== node.items.length || (cached.index.has(key) && !matches(cached.index.get(key)))) {
    const index = new Map<string, number>();
    node.items.forEach((item, i) => {
      if (isPair(item) && isScalar(item.key) && !index.has(String(item.key.value))) {
        index.set(String(item.key.value), i);
      }
    });
    cached = { length: node.items.length, index };
    keyIndexes.set(node, cached);
  }
  const i = cached.index.get(key);
  return i === undefined ? undefined : (node.items[i] as Pair<Scalar, Node | null>);
}

/** The value node at `key` in a mapping. */
export function valueOf(node: unknown, key: string): Node | null | undefined {
  return pairOf(node, key)?.value;
}

/** A mapping node at `key`, or undefined when absent or not a mapping. */
export function mapAt(node: unknown, key: string): YAMLMap | undefined {
  const value = valueOf(node, key);
  return isMap(value) ? value : undefined;
}

/** A sequence node at `key`, or undefined when absent or not a sequence. */
export function seqAt(node: unknown, key: string): YAMLSeq | undefined {
  const value = valueOf(node, key);
  return isSeq(value) ? value : undefined;
}

/** A scalar value at `key` with its range, when it is a scalar of the wanted JS type. */
export function scalarAt<T extends string | number | boolean>(
  lc: LineCounter,
  node: unknown,
  key: string,
  type: 'string' | 'number' | 'boolean' | 'text' | 'raw',
): Located<T> | undefined {
  const value = valueOf(node, key);
  if (!isScalar(value) || value.value === null || value.value === undefined) {
    return undefined;
  }
  const range = nodeRange(lc, value);
  if (!range) {
    return undefined;
  }
  const raw = value.value;
  if (type === 'text' || type === 'raw') {
    // Numbers and booleans written where a word is expected (`technique: 3`) are read as their text;
    // `raw` keeps the scalar's own type (`pressure: 3` is a Walton level).
    if (typeof raw === 'object') {
      return undefined;
    }
    return { value: (type === 'text' ? String(raw) : raw) as T, range };
  }
  return typeof raw === type ? { value: raw as T, range } : undefined;
}

/** The string items of a sequence of scalars, each with its range and its index in the sequence (e.g. `medications: [warfarin]`). */
export function stringItems(lc: LineCounter, seq: YAMLSeq | undefined): (Located<string> & { index: number })[] {
  const out: (Located<string> & { index: number })[] = [];
  seq?.items.forEach((item, index) => {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
      const range = nodeRange(lc, item as Node);
      if (range) {
        out.push({ value: String(item.value), range, index });
      }
    }
  });
  return out;
}

/** The node at a JSON-pointer-like path of keys and indexes, or the deepest node reached. */
export function nodeAtPath(doc: Document, path: (string | number)[]): { node: Node | null | undefined; key?: Node; depth: number } {
  let current: unknown = doc.contents;
  let keyNode: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = pairOf(current, String(segment));
      if (!pair) {
        break;
      }
      keyNode = pair.key as Node;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
      keyNode = undefined;
      current = current.items[segment];
    } else {
      break;
    }
    depth++;
  }
  return { node: current as Node | null | undefined, key: keyNode, depth };
}
