import { randomBytes } from 'node:crypto';

// A run over hundreds of thousands of notes prints more than one string can hold (V8 stops at about
// 512 million characters: about 540,000 notes of JSON, 400,000 of SARIF), so formatters give their output in
// pieces and the pieces are written in batches. The bytes are exactly those of the whole string.

/** Items printed together by {@link jsonPieces}: few enough to keep each piece small, enough to make each call worth it. */
const GROUP = 256;

/** A stand-in for a large array inside a value given to {@link jsonPieces}: its items are written one by one where it stands. */
export class JsonItems {
  /** Set by {@link jsonPieces} while it prints the value around the items. */
  token = '';

  constructor(readonly items: Iterable<unknown>) {}

  /** What JSON.stringify prints for it: the token that marks where the items go. */
  toJSON(): string {
    if (this.token === '') {
      throw new Error('JsonItems is printed by jsonPieces only');
    }
    return this.token;
  }
}

/**
 * `JSON.stringify(value, null, 2)` in pieces, `value` holding one {@link JsonItems} where a large
 * array would be: the value around it is printed once, each item on its own, indented where it sits.
 */
export function* jsonPieces(value: unknown, items: JsonItems): Generator<string> {
  // A token no value can hold (random), quoted as JSON quotes it, found once in the small outer text.
  const token = `soapnote-items-${randomBytes(16).toString('hex')}`;
  items.token = token;
  let outer: string;
  try {
    outer = JSON.stringify(value, null, 2);
  } finally {
    items.token = '';
  }
  const at = outer.indexOf(`"${token}"`);
  if (at < 0 || outer.indexOf(`"${token}"`, at + 1) >= 0) {
    throw new Error('jsonPieces: the value must hold its JsonItems exactly once');
  }
  const end = at + token.length + 2;
  // The items sit one level deeper than the line that names the array.
  const lineStart = outer.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(outer.slice(lineStart))?.[0] ?? '';
  const pad = `${indent}  `;
  yield outer.slice(0, at);
  // Items are printed a group at a time inside arrays nested as deep as they sit, so JSON.stringify
  // itself indents them (no pass over the text to re-indent it); the nesting's lines are cut off.
  const levels = pad.length / 2;
  const cut = levels * (levels + 1);
  const print = (group: unknown[]): string => {
    let nested: unknown = group;
    for (let i = 1; i < levels; i++) {
      nested = [nested];
    }
    const text = JSON.stringify(nested, null, 2);
    return text.slice(cut, text.length - cut);
  };
  let group: unknown[] = [];
  let first = true;
  for (const item of items.items) {
    group.push(item);
    if (group.length === GROUP) {
      yield `${first ? '[\n' : ',\n'}${print(group)}`;
      group = [];
      first = false;
    }
  }
  if (group.length > 0) {
    yield `${first ? '[\n' : ',\n'}${print(group)}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
  yield outer.slice(end);
}

/** Lines as pieces, each followed by a line break (`lines.join('\n') + '\n'` without the one string). */
export function* linePieces(lines: Iterable<string>): Generator<string> {
  for (const line of lines) {
    yield `${line}\n`;
  }
}

/**
 * Pieces joined into batches of about `size` characters, one write each (a write per line would cost
 * a system call per finding). A piece of `size` or more is passed on as it is: joining it would only copy it.
 */
export function* batched(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (piece.length >= size) {
      if (parts.length > 0) {
        yield parts.join('');
        parts = [];
        length = 0;
      }
      yield piece;
      continue;
    }
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) {
    yield parts.join('');
  }
}

/** A formatter's pieces as one string: for output known to be small (tests, one note). */
export function joinPieces(pieces: Iterable<string>): string {
  return [...pieces].join('');
}
