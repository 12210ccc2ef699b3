import { RuleId } from './ruleIds';
import type { Finding, Range } from './types';

/** A note file's bytes as note text, or the one `note.encoding` finding that says why they are not. */
export type DecodedNote = { text: string } | { finding: Finding };

/**
 * Decodes a note file's bytes. UTF-8 only (a UTF-8 byte-order mark is allowed and dropped); a UTF-16
 * file, a NUL byte or a byte sequence that is not UTF-8 is a `note.encoding` finding at the first bad
 * byte, so the file is reported, never skipped and never checked as half-decoded text.
 */
export function decodeNoteBytes(bytes: Uint8Array): DecodedNote {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { finding: encodingFinding(at(bytes, 0), 'This file is UTF-16 text (it starts with a UTF-16 byte-order mark); soapnote reads notes in UTF-8 only.') };
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.indexOf(0, start) === -1) {
    try {
      // The native decoder is the fast path; the byte-by-byte scan below only runs to place a failure.
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)) };
    } catch {
      // not UTF-8: found below
    }
  }
  // Reached only when the bytes are not clean UTF-8; should the scan and the decoder ever disagree, the file still fails.
  const bad = firstInvalidUtf8(bytes, start) ?? start;
  const byte = bytes[bad] ?? 0;
  const why =
    byte === 0
      ? 'This file holds a NUL byte (0x00): it is a binary file, or UTF-16 text without a byte-order mark, not a UTF-8 note.'
      : `Byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} here is not UTF-8: the file was probably saved as Latin-1 or Windows-1252.`;
  return { finding: encodingFinding(at(bytes, bad, start), why) };
}

/** Characters that never belong in a note's text: NUL, a lone UTF-16 surrogate, and U+FFFD (a character lost in an earlier decoding). */
const BAD_CHARACTER = /[\0\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The `note.encoding` finding for a note text that carries a character no UTF-8 note file can mean,
 * or undefined. The editor hands over text, not bytes: a Latin-1 file opened as UTF-8 arrives with
 * U+FFFD where each bad byte was, and that lost character is reported instead of being checked as if it were written.
 */
export function textEncodingFinding(text: string): Finding | undefined {
  const match = BAD_CHARACTER.exec(text);
  if (!match) {
    return undefined;
  }
  const offset = match.index;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  const c = text.charCodeAt(offset);
  const why =
    c === 0
      ? 'This file holds a NUL character: it is a binary file or UTF-16 text, not a UTF-8 note.'
      : c === 0xfffd
        ? 'This file holds the replacement character U+FFFD: a character was lost when the file was read or converted from another encoding (Latin-1, Windows-1252, UTF-16).'
        : 'This file holds a broken UTF-16 surrogate: the text was cut or converted wrongly.';
  return encodingFinding({ start: { line, character: offset - lineStart }, end: { line, character: offset - lineStart + 1 } }, why);
}

/** A `note.encoding` finding: always an error, and the note is not checked further. */
function encodingFinding(range: Range, why: string): Finding {
  return { ruleId: RuleId.noteEncoding, severity: 'error', message: `${why} Save it as UTF-8; nothing in it was checked.`, range };
}

/**
 * The 0-based line and character (UTF-16 code units, as every finding counts) of byte `offset`.
 * The bytes before it are valid UTF-8, so they are decoded to count characters on the bad byte's line.
 */
function at(bytes: Uint8Array, offset: number, from = 0): Range {
  let line = 0;
  let lineStart = from;
  for (let i = bytes.indexOf(0x0a, from); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const character = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length;
  return { start: { line, character }, end: { line, character: character + 1 } };
}

/**
 * Offset of the first byte that is a NUL or does not begin a well-formed UTF-8 sequence (Unicode
 * table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or undefined when all are good.
 */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number | undefined {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      if (b === 0) {
        return i;
      }
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      lo = b === 0xe0 ? 0xa0 : 0x80;
      hi = b === 0xed ? 0x9f : 0xbf;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      lo = b === 0xf0 ? 0x90 : 0x80;
      hi = b === 0xf4 ? 0x8f : 0xbf;
    } else {
      return i;
    }
    if (i + need >= n) {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) {
        return i;
      }
    }
    i += need + 1;
  }
  return undefined;
}
