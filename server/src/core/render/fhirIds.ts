/** Deterministic ids, small encodings and value checks for the FHIR export (core has no node:crypto or Buffer). */

/**
 * A UUID derived from `sha256(seed + NUL + name)`: the first 128 bits, with the RFC 9562 version 8
 * (custom) and variant bits set, so the same note and file give the same ids on every run.
 * ```ts
 * uuidFor(sha256, 'notes/a.soap.yaml', 'composition') // '3f1c…-…'
 * ```
 */
export function uuidFor(sha256: (text: string) => string, seed: string, name: string): string {
  const hex = sha256(`${seed}\u0000${name}`).toLowerCase();
  if (!/^[0-9a-f]{32}/.test(hex)) {
    throw new Error('renderFhir: options.sha256 must return a hex digest');
  }
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of a string's UTF-8 bytes (RFC 4648, padded). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] + (b === undefined ? '=' : BASE64[(n >> 6) & 63]) + (c === undefined ? '=' : BASE64[n & 63]);
  }
  return out;
}

/** A note value as non-empty trimmed text, whatever YAML typed it as (`client: 142` reads as '142'). */
export function textOf(value: unknown): string | undefined {
  const text = value === undefined || value === null ? '' : String(value).trim();
  return text === '' ? undefined : text;
}

/** The value if it is a FHIR `date` of full precision (YYYY-MM-DD), else undefined. */
export function fhirDate(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : undefined;
  return trimmed !== undefined && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(trimmed) ? trimmed : undefined;
}

/** The value if it is a FHIR `instant` (date, time to the second, and a zone), else undefined. */
export function fhirInstant(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : undefined;
  return trimmed !== undefined && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/.test(trimmed) ? trimmed : undefined;
}
