/**
 * The canonical content of a note, the text `signed.sha256` is computed over:
 * the note's data without `signed` and `addenda`, as JSON with object keys sorted
 * (code-point order) at every level, no white space, strings as JSON escapes them.
 * So key order, quoting, flow vs block style and comments do not change the hash;
 * any change to a value does. `addenda` are appended after signing and never count.
 */
export function canonicalContent(data: unknown): string {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return canonicalJson(data);
  }
  const rest = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([key]) => key !== 'signed' && key !== 'addenda'));
  return canonicalJson(rest);
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
