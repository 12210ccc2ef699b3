import { parseDocument } from 'yaml';
import { parsePlainBlockYaml } from '../../../server/src/core/fastYaml';
import { PARSE_OPTIONS } from '../../../server/src/core/parse';

/**
 * The fast reader held to the yaml package on one text: 'declined', 'fast' (the very tree
 * parseDocument builds, for a text it reports nothing on), or what is wrong, as an Error.
 */
export function fastReaderOutcome(text: string): 'declined' | 'fast' | Error {
  const fast = parsePlainBlockYaml(text, PARSE_OPTIONS);
  if (!fast) {
    return 'declined';
  }
  const reference = parseDocument(text, PARSE_OPTIONS);
  const problems = [...reference.errors, ...reference.warnings];
  if (problems.length > 0) {
    return new Error(`the fast reader accepted a text the yaml package reports on (${problems[0]?.message}): ${JSON.stringify(text)}`);
  }
  const difference = treeDifference(fast, reference);
  return difference ? new Error(`the trees differ at ${difference}: ${JSON.stringify(text)}`) : 'fast';
}

/**
 * Where two values differ, as a property path, or undefined when they are the same tree: same
 * prototypes, the same own properties (enumerable or not, symbols too) in the same order, equal
 * primitives (NaN equal to NaN). Objects already compared as a pair are not walked again.
 */
export function treeDifference(a: unknown, b: unknown, path = '$', seen = new Map<object, object>()): string | undefined {
  if (Object.is(a, b)) {
    return undefined;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path}: ${show(a)} vs ${show(b)}`;
  }
  if (seen.get(a) === b) {
    return undefined;
  }
  seen.set(a, b);
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return `${path}: a ${a.constructor?.name} vs a ${b.constructor?.name}`;
  }
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.length !== keysB.length || keysA.some((k, i) => k !== keysB[i])) {
    return `${path}: properties ${keysA.map(String).join(',')} vs ${keysB.map(String).join(',')}`;
  }
  for (const key of keysA) {
    const difference = treeDifference((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`, seen);
    if (difference) {
      return difference;
    }
  }
  return undefined;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
