import { Document, isScalar, LineCounter, Pair, Scalar, YAMLMap, YAMLSeq, type DocumentOptions, type ParseOptions, type Schema, type SchemaOptions } from 'yaml';

/**
 * A fast reader for the plain block YAML that session notes are written in, building the very tree
 * the yaml package's `parseDocument` builds (same node classes, values, ranges, `source`, `type`,
 * `format`, `flow`, `spaceBefore`, comments, property order, document options and directives),
 * about six times faster.
 *
 * Why: `check` spends most of its time in the yaml package's lexer, CST parser and composer, which
 * are general (every YAML construct, streaming, error recovery). Notes use a small part of YAML.
 *
 * It reads only what it is sure of: block maps with simple keys (`[A-Za-z0-9_-]`), block sequences
 * (with compact maps, `- key: value`), one-line plain scalars, one-line quoted scalars without
 * escapes, one-line flow sequences and maps of such scalars, empty lines between entries, comment
 * lines at the top and before a key, a comment at the end of a value's line, LF or CRLF line ends.
 * Anything else (a comment anywhere else, a tab, a lone CR or mixed line ends, a block scalar, an
 * anchor, a tag, a multi-line scalar, a document marker, odd spacing, an error of any kind) returns
 * `undefined` and the caller parses the text with the yaml package as before. So a text is never
 * read differently, only faster: the differential tests (`test/unit/core/fastYaml.test.ts`,
 * `npm run fuzz -- yaml`) compare the whole tree with the yaml package's on every YAML file in the
 * repository and on mutated notes.
 */
export function parsePlainBlockYaml(original: string, options: FastYamlOptions): Document.Parsed | undefined {
  // CRLF line ends (Windows): read the text with LF ends, then move every offset back onto the original.
  const crlf = original.includes('\r');
  const text = crlf ? original.replace(/\r\n/g, '\n') : original;
  const lines = crlf ? lineStarts(text) : undefined;
  // Each CRLF became one LF: fewer removed CRs than line ends means some ends were LF (mixed).
  if (text.length === 0 || OUTSIDE_SUBSET.test(text) || (lines && text.length + lines.lineStarts.length - 1 !== original.length)) {
    return undefined; // a CR that is not part of CRLF is in OUTSIDE_SUBSET too
  }
  const doc = new Document(undefined, { _directives: new Directives({ version: '1.2' }), ...options } as DocumentOptions);
  try {
    const reader = new Reader(text, doc.schema, doc.options, crlf ? '\r\n' : '\n');
    const contents = reader.document();
    doc.contents = contents;
    if (reader.documentComment !== undefined) {
      doc.commentBefore = reader.documentComment;
    }
    // The yaml package ends a document whose last value is empty (`key:`) at that value, not at the end of the text.
    doc.range = [contents.range![0], contents.range![2], endsEmpty(contents) ? contents.range![2] : text.length];
    if (lines) {
      toOriginalOffsets(doc, lines);
    }
    return doc as Document.Parsed;
  } catch {
    // BAIL, or anything unforeseen (a stack overflow on deep nesting): the yaml package reads it.
    return undefined;
  }
}

/** The line starts of `text` (LF line ends), for offset arithmetic. */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines.addNewLine(i + 1);
  }
  return lines;
}

/**
 * Moves every range in the tree from offsets in the LF text whose line starts are `lines` to
 * offsets in the CRLF original: an offset gains one for each line end before it.
 */
function toOriginalOffsets(doc: Document, lines: LineCounter): void {
  const move = (offset: number): number => offset + lines.linePos(offset).line - 1;
  const visit = (node: unknown): void => {
    if (node instanceof Pair) {
      visit(node.key);
      visit(node.value);
      return;
    }
    if (node instanceof YAMLMap || node instanceof YAMLSeq || node instanceof Scalar || node instanceof Document) {
      if (node.range) {
        node.range = [move(node.range[0]), move(node.range[1]), move(node.range[2])];
      }
      if (node instanceof YAMLMap || node instanceof YAMLSeq) {
        node.items.forEach(visit);
      }
    }
  };
  visit(doc.contents);
  const [start, valueEnd, nodeEnd] = doc.range!;
  doc.range = [move(start), move(valueEnd), move(nodeEnd)];
}

/** Whether the last value in the tree is an empty one (`key:` with nothing after it). */
function endsEmpty(node: unknown): boolean {
  for (;;) {
    if (node instanceof YAMLMap || node instanceof YAMLSeq) {
      const last: unknown = node.items[node.items.length - 1];
      node = last instanceof Pair ? last.value : last;
    } else {
      return node instanceof Scalar && node.source === '';
    }
  }
}

/** The parse options `parseYaml` passes (the fast reader builds a Document with the same ones). */
export type FastYamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** The yaml package's Directives class (not exported by name; every Document has one). */
const Directives = (new Document().directives as object).constructor as new (init: { version: '1.2' }) => unknown;

/**
 * Characters that put a text outside the subset wherever they are: controls (tab, CR, ...), C1
 * controls and NEL, the Unicode line and paragraph separators, and a byte-order mark.
 */
const OUTSIDE_SUBSET = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** Thrown (a symbol, not an Error: no stack to capture) when the text leaves the subset. */
const BAIL = Symbol('outside the plain block subset');

const NL = 10;
const SP = 32;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const HASH = 35;

/** A quote character, which in a flow collection could hold a `#` that is not a comment. */
const QUOTE_IN = /["']/;

/** Where `search` starts inside `text[from, end)`, or -1: searched in that line only, so reading a note stays linear in its length. */
function indexInLine(text: string, search: string, from: number, end: number): number {
  const at = text.slice(from, end).indexOf(search);
  return at === -1 ? -1 : from + at;
}

/** YAML's limit on an implicit key: the yaml package reports a longer one as an error. */
const MAX_KEY_LENGTH = 1024;

/** Characters of a simple key: ASCII letters, digits, `_` and `-`. */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DASH;
}

/** Characters that may not start a plain scalar here: YAML's indicators (a `-` is checked apart). */
const INDICATOR_START = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Characters a plain scalar inside a flow collection may not hold (flow indicators and `:`; a quote only may not start one). */
const FLOW_STOP = new Set([...',[]{}:'].map((c) => c.charCodeAt(0)));

type ScalarTag = Schema['tags'][number] & { test?: RegExp; default?: boolean | 'key'; format?: string; resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown };

/** One pass over the text, line by line; `pos` is the start of the line being read. */
class Reader {
  private pos = 0;
  /** Comment lines read before the key about to be read (its `commentBefore`). */
  private pendingComment: string | undefined;
  /** The header comment when it belongs to the document (`Document.commentBefore`). */
  documentComment: string | undefined;
  /** Whether empty lines were skipped before the line at `pos` (YAML's `spaceBefore`). */
  private blank = false;
  private readonly tags: readonly ScalarTag[];

  /**
   * @param eol the original text's line end: the yaml package joins comment lines between entries
   * (and the blank lines after a comment) with it, but a header comment's lines with LF.
   */
  constructor(private readonly text: string, private readonly schema: Schema, private readonly options: unknown, private readonly eol: string) {
    this.tags = schema.tags as unknown as ScalarTag[];
  }

  /** The top-level block node; the rest of the text must be empty lines. */
  document(): YAMLMap | YAMLSeq {
    const header = this.headerComment();
    if (this.indent() !== 0 || (this.blank && header === undefined) || (header !== undefined && this.pendingComment !== undefined)) {
      throw BAIL;
    }
    // The yaml package gives a header comment to the document when a blank line follows it, else to the first key.
    const headerOnDocument = this.blank;
    this.blank = false;
    if (header !== undefined && this.isDash(this.pos)) {
      throw BAIL;
    }
    const node = this.blockNode(0);
    if (this.indent() !== -1) {
      throw BAIL;
    }
    if (header !== undefined && headerOnDocument) {
      this.documentComment = header;
    } else if (header !== undefined) {
      ((node as YAMLMap).items[0]!.key as Scalar).commentBefore = header;
    }
    return node;
  }

  /** The comment lines (`#` in the first column) the text starts with, joined as the yaml package joins them. */
  private headerComment(): string | undefined {
    const lines: string[] = [];
    while (this.text.charCodeAt(this.pos) === HASH) {
      const end = this.lineEnd(this.pos);
      lines.push(this.commentText(this.pos, end));
      this.nextLine(end);
    }
    return lines.length > 0 ? lines.join('\n') : undefined;
  }

  /** Skips empty lines; the indent of the next line, or -1 at the end of the text. */
  private indent(): number {
    const t = this.text;
    while (this.pos < t.length && t.charCodeAt(this.pos) === NL) {
      this.pos++;
      this.blank = true;
    }
    if (this.pos >= t.length) {
      return -1;
    }
    const i = this.skipSpaces(this.pos);
    if (i >= t.length || t.charCodeAt(i) === NL) {
      throw BAIL; // a line of spaces only
    }
    return t.charCodeAt(i) === HASH ? this.commentLines(i - this.pos) : i - this.pos;
  }

  /**
   * Comment lines at column `col` (with blank lines among or after them) just before a key at that
   * column: kept for that key's `commentBefore`, and the key's indent returned. Any other place
   * (before a sequence entry, at the end, at another column) is declined.
   */
  private commentLines(col: number): number {
    const t = this.text;
    if (this.pendingComment !== undefined) {
      throw BAIL;
    }
    const lines: string[] = [];
    for (;;) {
      const at = this.pos + col;
      const end = this.lineEnd(at);
      lines.push(this.commentText(at, end));
      this.nextLine(end);
      // Blank lines after a comment line stay in the comment (as empty lines); only those before it make spaceBefore.
      while (t.charCodeAt(this.pos) === NL) {
        lines.push('');
        this.pos++;
      }
      const next = this.skipSpaces(this.pos);
      if (next >= t.length || t.charCodeAt(next) === NL || next - this.pos !== col) {
        throw BAIL;
      }
      if (t.charCodeAt(next) !== HASH) {
        if (this.isDash(next)) {
          throw BAIL;
        }
        this.pendingComment = lines.join(this.eol);
        return col;
      }
    }
  }

  /** The end of the line holding `i` (its newline, or the end of the text). */
  private lineEnd(i: number): number {
    const end = this.text.indexOf('\n', i);
    return end === -1 ? this.text.length : end;
  }

  /** The offset after the line ending at `end` (past its newline, if it has one). */
  private afterLine(end: number): number {
    return end < this.text.length ? end + 1 : end;
  }

  /** Moves to the line after the one ending at `end`. */
  private nextLine(end: number): void {
    this.pos = this.afterLine(end);
  }

  /** Whether a `- ` (or `-` at the end of a line) sequence entry starts at `i`. */
  private isDash(i: number): boolean {
    const next = this.text.charCodeAt(i + 1);
    return this.text.charCodeAt(i) === DASH && (next === SP || next === NL || Number.isNaN(next));
  }

  /** A block map or sequence whose first line starts at `pos` with `col` spaces. */
  private blockNode(col: number): YAMLMap | YAMLSeq {
    return this.isDash(this.pos + col) ? this.blockSeq(col) : this.blockMap(col, this.pos + col);
  }

  /** A block map at column `col`, its first key at offset `first` (mid-line for `- key: value`). */
  private blockMap(col: number, first: number): YAMLMap {
    const map = new YAMLMap(this.schema);
    let keyAt = first;
    for (;;) {
      map.items.push(this.entry(keyAt, col));
      const indent = this.indent();
      if (indent !== col) {
        if (indent > col) {
          throw BAIL;
        }
        break;
      }
      keyAt = this.pos + col;
      if (this.isDash(keyAt)) {
        throw BAIL;
      }
    }
    const end = (map.items[map.items.length - 1]!.value as Scalar).range![2];
    map.range = [first, end, end];
    return map;
  }

  /** One `key: value` or `key:` entry whose key starts at `keyAt`; moves past its last line. */
  private entry(keyAt: number, col: number): Pair {
    const t = this.text;
    const end = this.lineEnd(keyAt);
    let i = keyAt;
    while (isKeyChar(t.charCodeAt(i))) {
      i++;
    }
    if (i === keyAt || t.charCodeAt(i) !== COLON || t.charCodeAt(keyAt) === DASH) {
      throw BAIL;
    }
    const key = this.plain(keyAt, i, i, true);
    if (this.blank) {
      key.spaceBefore = true;
      this.blank = false;
    }
    if (this.pendingComment !== undefined) {
      key.commentBefore = this.pendingComment;
      this.pendingComment = undefined;
    }
    i++;
    if (i === end) {
      this.nextLine(end);
      const indent = this.indent();
      if (this.pendingComment !== undefined) {
        throw BAIL; // comment lines after `key:` are placed on its value
      }
      if (indent > col) {
        if (this.blank) {
          throw BAIL;
        }
        return new Pair(key, this.blockNode(indent));
      }
      if (indent === col && this.isDash(this.pos + col)) {
        throw BAIL; // a sequence at its key's own indent
      }
      const value = this.plain(i, i, i, false);
      if (this.blank && indent < col) {
        // Blank lines before a dedent: the yaml package gives them to the empty value, not to the next key.
        value.spaceBefore = true;
        this.blank = false;
      }
      return new Pair(key, value);
    }
    if (t.charCodeAt(i) !== SP) {
      throw BAIL;
    }
    i = this.skipSpaces(i);
    if (i === end) {
      throw BAIL;
    }
    if (t.charCodeAt(i) === HASH) {
      // `key:   # comment`: an empty value that starts at the comment and carries it.
      const value = this.plain(i, i, this.afterLine(end), false);
      value.comment = this.commentText(i, end);
      this.nextLine(end);
      const lineAfter = this.pos;
      const indent = this.indent();
      if (indent > col || (indent === col && this.isDash(this.pos + col)) || this.pendingComment !== undefined) {
        throw BAIL; // a nested block or comment lines after the comment: the comments are placed otherwise
      }
      if (this.blank && indent < col) {
        // Blank lines before a dedent: the yaml package adds them to the comment and ends the value at the next line's content.
        value.comment += this.eol.repeat(this.pos - lineAfter);
        value.range![2] = this.pos + Math.max(indent, 0);
        this.blank = false;
      } else if (indent !== -1 && !this.blank) {
        value.range![2] = this.pos + indent; // the yaml package ends it at the next line's content
      }
      return new Pair(key, value);
    }
    const value = this.inline(i, end);
    this.nextLine(end);
    return new Pair(key, value);
  }

  /** A block sequence at column `col`; each entry a one-line value or a compact map. */
  private blockSeq(col: number): YAMLSeq {
    const seq = new YAMLSeq(this.schema);
    const start = this.pos + col;
    for (;;) {
      const dash = this.pos + col;
      const end = this.lineEnd(dash);
      const i = this.skipSpaces(dash + 1);
      if (i === end || i === dash + 1 || this.pendingComment !== undefined) {
        throw BAIL;
      }
      const spaceBefore = this.blank;
      this.blank = false;
      let item: YAMLMap | YAMLSeq | Scalar;
      if (this.startsEntry(i, end)) {
        item = this.blockMap(i - this.pos, i);
      } else {
        item = this.inline(i, end);
        this.nextLine(end);
      }
      if (spaceBefore) {
        item.spaceBefore = true;
      }
      seq.items.push(item);
      const indent = this.indent();
      if (indent !== col || !this.isDash(this.pos + col)) {
        if (indent >= col) {
          throw BAIL;
        }
        break;
      }
    }
    const end = (seq.items[seq.items.length - 1] as Scalar).range![2];
    seq.range = [start, end, end];
    return seq;
  }

  /** Whether `key:` (then a space or the end of the line) starts at `i`. */
  private startsEntry(i: number, end: number): boolean {
    const t = this.text;
    let j = i;
    while (isKeyChar(t.charCodeAt(j))) {
      j++;
    }
    return j > i && t.charCodeAt(j) === COLON && (j + 1 === end || t.charCodeAt(j + 1) === SP);
  }

  /** A value that ends its line: a plain or quoted scalar or a flow collection, from `i` to `end`. */
  private inline(i: number, end: number): Scalar | YAMLMap | YAMLSeq {
    const t = this.text;
    const nodeEnd = this.afterLine(end);
    const c = t[i];
    if (c === '"' || c === "'") {
      const close = indexInLine(t, c, i + 1, end);
      if (close === -1) {
        throw BAIL;
      }
      const after = this.skipSpaces(close + 1);
      // After the closing quote: the end of the line, or a comment after at least one space.
      if (after !== end && (t.charCodeAt(after) !== HASH || after === close + 1)) {
        throw BAIL; // also a doubled '' (an escaped quote) or text after the quote
      }
      return this.withComment(this.quoted(i, close + 1, nodeEnd), after, end);
    }
    const hash = this.commentStart(i, end);
    let e = hash;
    while (t.charCodeAt(e - 1) === SP) {
      e--;
    }
    if (c === '[' || c === '{') {
      const firstHash = indexInLine(t, '#', i, end);
      if (firstHash !== -1 && (firstHash !== hash || QUOTE_IN.test(t.slice(i, hash)))) {
        throw BAIL; // a # inside the collection, or quotes that could hide one
      }
      return this.flow(i, e, nodeEnd, hash < end ? this.commentText(hash, end) : undefined);
    }
    // In a block plain scalar, `: ` would start a nested map and a final `:` an empty one.
    if (indexInLine(t, ': ', i, e) !== -1 || t.charCodeAt(e - 1) === COLON) {
      throw BAIL;
    }
    return this.withComment(this.plain(i, e, nodeEnd, false), hash, end);
  }

  /** The first offset from `i` that is not a space. */
  private skipSpaces(i: number): number {
    while (this.text.charCodeAt(i) === SP) {
      i++;
    }
    return i;
  }

  /** Where a comment (`#` after a space) starts on the line between `i` and `end`, or `end` if none does. */
  private commentStart(i: number, end: number): number {
    const hash = indexInLine(this.text, ' #', i, end);
    return hash === -1 ? end : hash + 1;
  }

  /** The text of the comment whose `#` is at `hash`: as written, or a space for an empty one (as the yaml package keeps it). */
  private commentText(hash: number, end: number): string {
    return this.text.slice(hash + 1, end) || ' ';
  }

  /** Gives `node` the comment at `hash`, if there is one. */
  private withComment<T extends Scalar>(node: T, hash: number, end: number): T {
    if (hash < end) {
      node.comment = this.commentText(hash, end);
    }
    return node;
  }

  /** A one-line flow sequence or map of plain or quoted scalars, `[` or `{` at `i`, its closing bracket at `e - 1`; `comment` the one after it. */
  private flow(i: number, e: number, nodeEnd: number, comment: string | undefined): YAMLMap | YAMLSeq {
    const t = this.text;
    const isMap = t[i] === '{';
    const close = isMap ? '}' : ']';
    if (t[e - 1] !== close) {
      throw BAIL;
    }
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    let j = i + 1;
    j = this.skipSpaces(j);
    if (j === e - 1) {
      if (isMap) {
        throw BAIL;
      }
      return this.endFlow(coll, [i, e, nodeEnd], comment);
    }
    for (;;) {
      let key: Scalar | undefined;
      if (isMap) {
        const keyAt = j;
        while (isKeyChar(t.charCodeAt(j))) {
          j++;
        }
        if (j === keyAt || t.charCodeAt(keyAt) === DASH || t.charCodeAt(j) !== COLON || t.charCodeAt(j + 1) !== SP) {
          throw BAIL;
        }
        key = this.plain(keyAt, j, j, true);
        j += 2;
        j = this.skipSpaces(j);
      }
      const at = j;
      let value: Scalar;
      if (t[at] === '"' || t[at] === "'") {
        const close = indexInLine(t, t[at]!, at + 1, e - 1);
        if (close === -1) {
          throw BAIL;
        }
        j = close + 1;
        j = this.skipSpaces(j);
        if (t[j] !== ',' && j !== e - 1) {
          throw BAIL; // also a doubled '' (an escaped quote) or text after the quote
        }
        value = this.quoted(at, close + 1, j);
      } else {
        while (j < e - 1 && !FLOW_STOP.has(t.charCodeAt(j))) {
          j++;
        }
        let stop = j;
        while (t.charCodeAt(stop - 1) === SP) {
          stop--;
        }
        if (stop <= at || (t[j] !== ',' && j !== e - 1)) {
          throw BAIL;
        }
        value = this.plain(at, stop, j, false);
      }
      (coll.items as unknown[]).push(key ? new Pair(key, value) : value);
      if (j === e - 1) {
        break;
      }
      j++; // the comma
      j = this.skipSpaces(j);
      if (j >= e - 1 || t.charCodeAt(j) === COMMA) {
        throw BAIL; // a trailing or doubled comma
      }
    }
    return this.endFlow(coll, [i, e, nodeEnd], comment);
  }

  /** Sets a flow collection's comment and range, in the order the yaml composer sets them. */
  private endFlow(coll: YAMLMap | YAMLSeq, range: [number, number, number], comment: string | undefined): YAMLMap | YAMLSeq {
    if (comment !== undefined) {
      coll.comment = comment;
    }
    coll.range = range;
    return coll;
  }

  /** A quoted scalar `text[s, e)`, quotes included, with no escape and no inner quote of its kind. */
  private quoted(s: number, e: number, nodeEnd: number): Scalar {
    const t = this.text;
    const c = t[s]!;
    const inner = t.slice(s + 1, e - 1);
    if (inner.includes(c) || (c === '"' && inner.includes('\\'))) {
      throw BAIL;
    }
    const scalar = new Scalar(inner);
    scalar.range = [s, e, nodeEnd];
    scalar.source = inner;
    scalar.type = c === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    return scalar;
  }

  /** A plain scalar `text[s, e)`, resolved by the schema's tags exactly as the yaml composer does. */
  private plain(s: number, e: number, nodeEnd: number, atKey: boolean): Scalar {
    const t = this.text;
    const c = t.charCodeAt(s);
    if ((atKey && e - s > MAX_KEY_LENGTH) || (s < e && (INDICATOR_START.has(c) || (c === DASH && !isKeyChar(t.charCodeAt(s + 1)))))) {
      throw BAIL;
    }
    const source = t.slice(s, e);
    const tag = this.tags.find((tag) => (tag.default === true || (atKey && tag.default === 'key')) && tag.test?.test(source));
    let scalar: Scalar;
    if (tag) {
      let failed = false;
      const res = tag.resolve(source, () => (failed = true), this.options);
      if (failed) {
        throw BAIL;
      }
      scalar = isScalar(res) ? res : new Scalar(res);
    } else {
      scalar = new Scalar(source);
    }
    scalar.range = [s, e, nodeEnd];
    scalar.source = source;
    scalar.type = 'PLAIN';
    if (tag?.format) {
      scalar.format = tag.format;
    }
    return scalar;
  }
}
