import { distance } from 'fastest-levenshtein';

/** Comparison keys are `[a-z0-9]` only (see `termKey`): one counter per character. */
const ALPHABET = 36;

function slot(code: number): number {
  return code >= 97 ? code - 97 : code - 48 + 26;
}

/** How many of each character a key holds. */
function histogram(key: string): Int32Array {
  const counts = new Int32Array(ALPHABET);
  for (let i = 0; i < key.length; i++) {
    const s = slot(key.charCodeAt(i));
    if (s >= 0 && s < ALPHABET) {
      counts[s] = (counts[s] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * A lower bound of the edit distance from character counts: an edit adds at most one character
 * and removes at most one, so the distance is at least the larger of the surplus and the shortfall.
 * Stops counting once past `limit`.
 */
function countBound(a: Int32Array, b: Int32Array, limit: number): number {
  let more = 0;
  let fewer = 0;
  for (let i = 0; i < ALPHABET; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d > 0) {
      more += d;
    } else {
      fewer -= d;
    }
    if (more > limit || fewer > limit) {
      return limit + 1;
    }
  }
  return Math.max(more, fewer);
}

/** One vocabulary key with what the search needs about it. */
interface Entry<T> {
  key: string;
  value: T;
  /** Position in the kind's key order: ties go to the earlier key, as the old linear scan did. */
  order: number;
  counts: Int32Array;
}

/**
 * Work allowed for suggestions while checking one note, in rough units of character comparisons.
 * A note of thousands of long unknown words against a pack of thousands of long names would
 * otherwise take minutes (every pair is a full edit-distance computation); past the budget, the
 * remaining unknown words get no suggestion (their findings are still reported).
 */
export class SuggestionBudget {
  /** Set once a search ran out: its word and the later ones got no suggestion. */
  exhausted = false;
  /** Suggestions already looked up in this note, by kinds and key: a note repeats its words. */
  readonly memo = new Map<string, unknown>();

  /** Default: well under a second of searching on a 2-core CI machine; a normal note uses well under 1%. */
  constructor(public remaining = 50_000_000) {}

  /** Takes `units` of work; false when the budget is spent. */
  spend(units: number): boolean {
    this.remaining -= units;
    if (this.remaining < 0) {
      this.exhausted = true;
    }
    return !this.exhausted;
  }
}

/** Most edits a suggestion may need (see `Vocabulary.suggest`); the index splits each key into one more part than this. */
export const MAX_EDITS = 3;
const PARTS = MAX_EDITS + 1;

/** Where part `i` of a key of `length` characters starts and ends. */
function part(length: number, i: number): [number, number] {
  return [Math.floor((i * length) / PARTS), Math.floor(((i + 1) * length) / PARTS)];
}

const BASE = 0x01000193;

/** Polynomial hashes of every prefix of `text` (mod 2^32) and the powers of the base, for O(1) hashes of any slice. */
function prefixHashes(text: string): { hashes: Uint32Array; powers: Uint32Array } {
  const hashes = new Uint32Array(text.length + 1);
  const powers = new Uint32Array(text.length + 1);
  powers[0] = 1;
  for (let i = 0; i < text.length; i++) {
    hashes[i + 1] = (Math.imul(hashes[i] ?? 0, BASE) + text.charCodeAt(i) + 1) >>> 0;
    powers[i + 1] = Math.imul(powers[i] ?? 0, BASE) >>> 0;
  }
  return { hashes, powers };
}

/** The hash of `text.slice(from, to)` from its prefix hashes. */
function sliceHash(h: { hashes: Uint32Array; powers: Uint32Array }, from: number, to: number): number {
  return ((h.hashes[to] ?? 0) - Math.imul(h.hashes[from] ?? 0, h.powers[to - from] ?? 0)) >>> 0;
}

/** The index slot of part `i` of a key of `length` characters whose text hashes to `hash` (collisions only add candidates). */
function slotOf(length: number, i: number, hash: number): number {
  return (Math.imul(hash ^ Math.imul(length * PARTS + i + 1, 0x9e3779b1), 0x85ebca6b) ^ (length * PARTS + i)) >>> 0;
}

/**
 * Keys of one term kind indexed for nearest-key search. Each key is cut into four parts: a word
 * within three edits of a key still holds one of them unchanged (an edit touches one part), at
 * most three characters from where it was. So only keys sharing such a part are compared at all,
 * first by character counts (a cheap lower bound), then by the exact edit distance. Gives exactly
 * what comparing with every key gives: the smallest distance within the limit, ties to the earliest key.
 */
export class NearestKeyIndex<T> {
  private readonly byPart = new Map<number, Entry<T>[]>();

  /** Indexes keys in their order (the order decides ties). */
  constructor(keys: Iterable<[string, T]>) {
    let order = 0;
    for (const [key, value] of keys) {
      const entry = { key, value, order: order++, counts: histogram(key) };
      const hashes = prefixHashes(key);
      for (let i = 0; i < PARTS; i++) {
        const [from, to] = part(key.length, i);
        const slotKey = slotOf(key.length, i, sliceHash(hashes, from, to));
        let list = this.byPart.get(slotKey);
        if (!list) {
          list = [];
          this.byPart.set(slotKey, list);
        }
        list.push(entry);
      }
    }
  }

  /**
   * The key closest to `query` with a distance of at most `limit` (at most {@link MAX_EDITS}), as
   * `{value, cost, order}`, or undefined. `best` is a match from another index to beat (ties then
   * go to `best`). Returns `'exhausted'` when the budget ran out mid-search.
   */
  nearest(query: string, limit: number, budget?: SuggestionBudget, best?: { cost: number }): { value: T; cost: number; order: number } | 'exhausted' | undefined {
    const max = Math.min(limit, MAX_EDITS, best ? best.cost - 1 : MAX_EDITS);
    if (max < 0) {
      return undefined;
    }
    const candidates = new Set<Entry<T>>();
    const hashes = prefixHashes(query);
    for (let length = Math.max(0, query.length - max); length <= query.length + max; length++) {
      for (let i = 0; i < PARTS; i++) {
        const [from, to] = part(length, i);
        for (let shift = -max; shift <= max; shift++) {
          const start = from + shift;
          if (start < 0 || start + (to - from) > query.length) {
            continue;
          }
          for (const entry of this.byPart.get(slotOf(length, i, sliceHash(hashes, start, start + to - from))) ?? []) {
            candidates.add(entry);
          }
        }
      }
    }
    if (budget && !budget.spend(query.length + (2 * max + 1) ** 2 * PARTS)) {
      return 'exhausted';
    }
    const counts = histogram(query);
    let found: { value: T; cost: number; order: number } | undefined;
    for (const entry of candidates) {
      const bar = Math.min(max, found?.cost ?? max);
      // Counting costs ~ALPHABET steps; the exact distance ~(length x words of 32 characters).
      if (budget && !budget.spend(ALPHABET)) {
        return 'exhausted';
      }
      if (Math.abs(entry.key.length - query.length) > bar || countBound(counts, entry.counts, bar) > bar) {
        continue;
      }
      if (budget && !budget.spend(query.length * Math.ceil(entry.key.length / 32))) {
        return 'exhausted';
      }
      const cost = distance(query, entry.key);
      if (cost <= bar && (!found || cost < found.cost || (cost === found.cost && entry.order < found.order))) {
        found = { value: entry.value, cost, order: entry.order };
      }
    }
    return found;
  }
}
