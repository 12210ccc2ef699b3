/**
 * The canonical content of a note, the text `signed.sha256` is computed over:
 * the note's data without `addenda` and without `signed.sha256` (so `signed.by` and
 * `signed.at` are covered: changing the signer or the time breaks the signature), as JSON with
 * object keys sorted (code-point order) at every level, no white space, strings as JSON escapes
 * them. So key order, quoting, flow vs block style and comments do not change the hash; any
 * change to a value does. `addenda` are appended after signing and carry their own chained hashes.
 */
export function canonicalContent(data: unknown): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return canonicalJson(data);
  }
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'addenda') {
      continue;
    }
    rest[key] = key === 'signed' ? withoutKey(value, 'sha256') : value;
  }
  return canonicalJson(rest);
}

/**
 * The canonical text an addendum's `sha256` is computed over: the hash before it (the note's
 * `signed.sha256` for the first addendum, the previous addendum's `sha256` otherwise) and the
 * addendum itself without its own `sha256`. Each link covers everything before it: editing,
 * removing or reordering an addendum breaks the chain at that point.
 * `{"addendum":{"at":...,"by":...,"text":...},"previous":"<64 hex>"}`
 */
export function canonicalAddendum(previous: unknown, addendum: unknown): string {
  return canonicalJson({ addendum: withoutKey(addendum, 'sha256'), previous });
}

/** One addendum whose recorded hash does not match the chain, by its index in `addenda`. */
export interface BrokenAddendum {
  index: number;
  reason: 'no-hash' | 'changed';
}

/** Checks the addenda chain of a signed note's data; an empty list when every link holds. */
export function brokenAddenda(data: unknown, sha256: (text: string) => string): BrokenAddendum[] {
  const record = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const addenda = Array.isArray(record['addenda']) ? (record['addenda'] as unknown[]) : [];
  const signed = record['signed'];
  let previous: unknown = signed !== null && typeof signed === 'object' ? (signed as Record<string, unknown>)['sha256'] : undefined;
  const broken: BrokenAddendum[] = [];
  addenda.forEach((addendum, index) => {
    const recorded = addendum !== null && typeof addendum === 'object' ? (addendum as Record<string, unknown>)['sha256'] : undefined;
    if (typeof recorded !== 'string') {
      broken.push({ index, reason: 'no-hash' });
    } else if (sha256(canonicalAddendum(previous, addendum)) !== recorded.toLowerCase()) {
      broken.push({ index, reason: 'changed' });
    }
    // The next link is checked against what is recorded here, so one edit is reported once, where it was made.
    previous = recorded;
  });
  return broken;
}

/** A mapping without one key; anything else unchanged. */
function withoutKey(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return value;
  }
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => k !== key));
}

/** JSON with sorted keys at every level. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) {
    return 'null';
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (value instanceof Date) {
    return JSON.stringify(value.toISOString());
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
