import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Where the cursor is in a note's YAML tree, worked out from the text alone (indentation,
 * `- ` markers, flow brackets on the line), so completion and hover keep working while the
 * note is mid-edit and does not parse. The parsed Document is never consulted here.
 */

/** One line's block structure: indentation, `- ` markers and the key it starts with. */
export interface LineShape {
  /** True for lines with nothing but spaces, a comment, a document marker, or block-scalar text. */
  blank: boolean;
  /** Columns of the `- ` sequence markers at the start of the line. */
  dashes: number[];
  /** Column of the content after the indentation and markers. */
  content: number;
  /** The block mapping key the content starts with (`technique` in `- technique: x`). */
  key?: string;
  /** The value written after the key on the same line, comment removed. */
  value?: string;
}

/** A stretch of one line: its text and columns (end exclusive). */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** What the cursor is on, as completion and hover need it. */
export interface CursorContext {
  /** Keys and `[]` (a sequence item) from the root to the mapping or sequence holding the cursor. */
  path: string[];
  /**
   * `key`: a mapping key (or, in a sequence of scalars, an item) is being written;
   * `value`: the value of `key`; `item`: a new sequence item of `path` without its `- ` yet.
   */
  slot: 'key' | 'value' | 'item';
  key?: string;
  /** The token under the cursor (the whole key or value); empty at the cursor when nothing is written. */
  token: Span;
  /** What is written from the token start up to the cursor. */
  prefix: string;
  /** The key already has its `:` after it, so completing it must not add another. */
  keyHasColon: boolean;
  /** Inside a flow collection (`{...}` / `[...]`). */
  flow: boolean;
  /** The line holds only `- ` markers (and the cursor): a new sequence item was just started. */
  dashOnly: boolean;
  /** Other keys of the same mapping, with their values when written on their own line. */
  siblings: Map<string, string>;
}

/** Lines of the last text scanned, with the block-scalar state entering each line: completion asks many times for the same text while filtering, and right after an edit most lines are unchanged. */
let last: ShapeScan | undefined;

/**
 * The block shapes of every line of a text (block-scalar bodies count as blank). Cached for the last
 * text; for a new text, the lines before the first changed one keep their shapes, and the scan stops
 * once it is past the change and back in step with the last scan (same line, same block-scalar
 * state), so completion right after an edit of a long note rescans only around the edit.
 */
export function lineShapes(text: string): { lines: string[]; shapes: LineShape[] } {
  if (last && text === last.text) {
    return last;
  }
  last = scanShapes(text, last);
  return last;
}

/** A scan of a text: its lines (without `\n` / `\r\n`), where each starts, their shapes and the block-scalar state entering each (one more: after the last). */
export interface ShapeScan {
  text: string;
  lines: string[];
  starts: number[];
  shapes: LineShape[];
  states: number[];
}

/** Strings compared a block at a time (native compares), then char by char. */
const BLOCK = 4096;

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= max && a.substr(i, BLOCK) === b.substr(i, BLOCK)) {
    i += BLOCK;
  }
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + BLOCK <= limit && a.substr(a.length - n - BLOCK, BLOCK) === b.substr(b.length - n - BLOCK, BLOCK)) {
    n += BLOCK;
  }
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) {
    n++;
  }
  return n;
}

/** The lines of `text` (split as `text.split(/\r?\n/)`) and the offset each starts at, plus `base`. */
function splitLines(text: string, base: number): { lines: string[]; starts: number[] } {
  const lines = text.split(/\r?\n/);
  const starts = [base];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) {
    starts.push(base + k + 1);
  }
  return { lines, starts };
}

/** The number of entries of the sorted `values` (from index `from`) that are <= `limit`. */
function countAtMost(values: readonly number[], limit: number, from: number): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= limit) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo - from;
}

/**
 * {@link lineShapes} without the cache: a fresh scan, or one that reuses what `previous` (a scan of
 * another text) shares with it. Only the text between the common start and the common end of the
 * two texts is split again (compared a block at a time), so an edit of a long note costs about the
 * edited lines, not the note.
 */
export function scanShapes(text: string, previous?: ShapeScan): ShapeScan {
  let lines: string[];
  let starts: number[];
  let first = 0;
  let sameTail = 0;
  if (previous) {
    const old = previous;
    const prefix = commonPrefix(text, old.text);
    const suffix = commonSuffix(text, old.text, Math.min(text.length, old.text.length) - prefix);
    const delta = old.text.length - text.length;
    // Old lines wholly in the common start, with their line end; old lines whose preceding `\n` is in the common end.
    first = countAtMost(old.starts, prefix, 1);
    const tailStart = 1 + countAtMost(old.starts, old.text.length - suffix, 1);
    sameTail = old.lines.length - tailStart;
    const middleStart = old.starts[first] as number;
    const middleEnd = sameTail > 0 ? (old.starts[tailStart] as number) - delta - 1 : text.length;
    const middle = splitLines(text.slice(middleStart, middleEnd), middleStart);
    const lastMiddle = middle.lines.length - 1;
    if (sameTail > 0 && (middle.lines[lastMiddle] as string).endsWith('\r')) {
      // Its `\n` is the one before the unchanged lines: `\r\n` ends it.
      middle.lines[lastMiddle] = (middle.lines[lastMiddle] as string).slice(0, -1);
    }
    // concat, not spreads: these arrays have a line per entry (tens of thousands in a long note).
    lines = old.lines.slice(0, first).concat(middle.lines, old.lines.slice(tailStart));
    starts = old.starts.slice(0, first).concat(middle.starts, sameTail > 0 ? old.starts.slice(tailStart).map((x) => x - delta) : []);
  } else {
    ({ lines, starts } = splitLines(text, 0));
  }
  const shapes: LineShape[] = previous ? previous.shapes.slice(0, first) : [];
  const states: number[] = previous ? previous.states.slice(0, first) : [];
  const shift = previous ? previous.lines.length - lines.length : 0;
  let scalarParent = previous && first > 0 ? (previous.states[first] as number) : -1;
  for (let i = first; i < lines.length; i++) {
    if (previous && i >= lines.length - sameTail && previous.states[i + shift] === scalarParent) {
      // Past the edit and in step again: the rest is what the last scan found.
      for (let j = i; j < lines.length; j++) {
        shapes.push(previous.shapes[j + shift] as LineShape);
        states.push(previous.states[j + shift] as number);
      }
      states.push(previous.states[lines.length + shift] as number);
      return { text, lines, starts, shapes, states };
    }
    const line = lines[i] as string;
    states.push(scalarParent);
    const shape = scanLine(line);
    const indent = line.length - line.trimStart().length;
    if (scalarParent >= 0 && (shape.blank || indent > scalarParent)) {
      shapes.push({ blank: true, dashes: [], content: indent });
      continue;
    }
    scalarParent = -1;
    if (shape.key !== undefined && shape.value !== undefined && /^[|>][-+0-9]*$/.test(shape.value)) {
      // A literal or folded block scalar: its body lines may look like keys but are text.
      scalarParent = shape.content;
    }
    shapes.push(shape);
  }
  states.push(scalarParent);
  return { text, lines, starts, shapes, states };
}

/** Reads one line's indentation, `- ` markers, key and inline value. */
export function scanLine(line: string): LineShape {
  let i = 0;
  while (line[i] === ' ') {
    i++;
  }
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ') {
      i++;
    }
  }
  const rest = line.slice(i);
  if (dashes.length === 0 && (rest === '' || rest.startsWith('#') || /^(---|\.\.\.)(\s|$)/.test(rest))) {
    return { blank: true, dashes, content: i };
  }
  const colon = blockColon(line, i);
  if (colon === undefined) {
    return { blank: false, dashes, content: i };
  }
  const value = stripComment(line.slice(colon + 1)).trim();
  return { blank: false, dashes, content: i, key: unquote(line.slice(i, colon).trim()), value };
}

/** The column of the `:` that ends a block key starting at `from`, if the line has one. */
function blockColon(line: string, from: number): number | undefined {
  const first = line[from];
  if (first === '{' || first === '[' || first === '#' || first === undefined) {
    return undefined;
  }
  let i = from;
  if (first === '"' || first === "'") {
    i = closingQuote(line, from) + 1;
  }
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === '#' && (i === from || line[i - 1] === ' ')) {
      return undefined;
    }
    if (ch === ':' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
      return i;
    }
  }
  return undefined;
}

/** Index of the quote closing the one at `start` (or the line end). */
function closingQuote(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') {
      i++;
    } else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return line.length;
}

/** Removes a trailing ` # comment` (outside quotes). */
function stripComment(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = closingQuote(text, i);
    } else if (ch === '#' && (i === 0 || text[i - 1] === ' ')) {
      return text.slice(0, i);
    }
  }
  return text;
}

/** A scalar's text without surrounding quotes. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
    return t.slice(1, -1);
  }
  return t;
}

/** One entry of a flow collection on a line: `key: value`, or a bare item. */
interface FlowEntry {
  /** From just after the `{`, `[` or `,` that opens it, to the `,` or bracket that closes it. */
  start: number;
  end: number;
  key?: Span;
  colon?: number;
  value?: Span | Flow;
}

/** A flow collection (`{...}` or `[...]`) read from one line; unclosed ones run to the line end. */
interface Flow {
  open: '{' | '[';
  start: number;
  end: number;
  entries: FlowEntry[];
}

/** Flow collections nested deeper than this are read as plain text: no note nests so deep, and a hostile line must not overflow the stack. */
const MAX_FLOW_DEPTH = 64;

/** Reads a flow collection starting at `line[start]` (a `{` or `[`). Tolerates a missing close. */
function readFlow(line: string, start: number, depth = 0): Flow {
  const open = line[start] as '{' | '[';
  const close = open === '{' ? '}' : ']';
  const entries: FlowEntry[] = [];
  let i = start + 1;
  for (;;) {
    const entry: FlowEntry = { start: i, end: i };
    i = skipSpaces(line, i);
    const first = readNode(line, i, depth);
    i = skipSpaces(line, first.end);
    if (line[i] === ':') {
      entry.colon = i;
      entry.key = first.node as Span;
      const valueAt = skipSpaces(line, i + 1);
      const value = readNode(line, valueAt, depth);
      entry.value = value.node;
      i = skipSpaces(line, value.end);
    } else if (first.node && ('open' in first.node || first.node.text !== '')) {
      entry.value = first.node;
    }
    entry.end = Math.min(i, line.length);
    entries.push(entry);
    if (line[i] === ',') {
      i++;
      continue;
    }
    if (line[i] === close || line[i] === '}' || line[i] === ']') {
      return { open, start, end: i, entries };
    }
    if (i >= line.length || line[i] === '#') {
      return { open, start, end: line.length, entries };
    }
    // Something unexpected (a stray character): skip it and keep reading.
    i++;
  }
}

/** Reads one flow node: a nested collection, a quoted scalar or a plain scalar. */
function readNode(line: string, at: number, depth = 0): { node: Span | Flow; end: number } {
  const ch = line[at];
  if ((ch === '{' || ch === '[') && depth >= MAX_FLOW_DEPTH) {
    return { node: { text: line.slice(at), start: at, end: line.length }, end: line.length };
  }
  if (ch === '{' || ch === '[') {
    const flow = readFlow(line, at, depth + 1);
    return { node: flow, end: Math.min(flow.end + 1, line.length) };
  }
  if (ch === '"' || ch === "'") {
    const end = Math.min(closingQuote(line, at) + 1, line.length);
    return { node: { text: line.slice(at, end), start: at, end }, end };
  }
  let i = at;
  while (i < line.length) {
    const c = line[i];
    if (c === ',' || c === '{' || c === '}' || c === '[' || c === ']') {
      break;
    }
    if (c === ':' && (i + 1 === line.length || /[\s,{}[\]]/.test(line[i + 1] ?? ''))) {
      break;
    }
    if (c === '#' && line[i - 1] === ' ') {
      break;
    }
    i++;
  }
  let end = i;
  while (end > at && line[end - 1] === ' ') {
    end--;
  }
  return { node: { text: line.slice(at, end), start: at, end }, end: i };
}

function skipSpaces(line: string, i: number): number {
  while (line[i] === ' ' || line[i] === '\t') {
    i++;
  }
  return i;
}

function isFlow(node: Span | Flow | undefined): node is Flow {
  return node !== undefined && 'open' in node;
}

/**
 * The cursor's place in the YAML tree. Works on broken text: the block path comes from the
 * nearest less-indented keys and `- ` markers above the cursor; the line itself is read for
 * flow collections. Undefined when the cursor is in a comment or somewhere nothing can be written.
 */
export function cursorContext(text: string, position: Position): CursorContext | undefined {
  const { lines, shapes } = lineShapes(text);
  const lineIndex = position.line;
  const line = lines[lineIndex];
  if (line === undefined) {
    return undefined;
  }
  const p = Math.min(position.character, line.length);
  const shape = shapes[lineIndex] ?? scanLine(line);
  if (inComment(line, p)) {
    return undefined;
  }
  const lineBlank = line.trim() === '';
  const mk = (start: number, end: number): Span => ({ text: line.slice(start, end), start, end });

  if (lineBlank || (shape.blank && shape.dashes.length === 0)) {
    // An empty line: the cursor column says which mapping the new key belongs to.
    const owner = ownerOf(shapes, lineIndex, p, 'map');
    const siblings = collectSiblings(shapes, owner.blockStart, lineIndex, p);
    return {
      path: owner.path,
      slot: owner.seqPosition ? 'item' : 'key',
      token: mk(p, p),
      prefix: '',
      keyHasColon: false,
      flow: false,
      dashOnly: false,
      siblings,
    };
  }
  if (p < shape.content) {
    return undefined;
  }
  const dashPath = shape.dashes.length > 0 ? [...ownerOf(shapes, lineIndex, shape.dashes[0] ?? 0, 'seq').path, ...shape.dashes.map(() => '[]')] : undefined;
  const owner = dashPath ? { path: dashPath, blockStart: lineIndex, seqPosition: false } : ownerOf(shapes, lineIndex, shape.content, 'map');
  const base = owner.path;
  const blockSiblings = (): Map<string, string> => collectSiblings(shapes, owner.blockStart, lineIndex, shape.content);
  const c = shape.content;

  if (line[c] === '{' || line[c] === '[') {
    return inFlow(line, readFlow(line, c), p, base);
  }
  const colon = blockColon(line, c);
  if (colon !== undefined && p > colon) {
    const key = unquote(line.slice(c, colon));
    const valueStart = skipSpaces(line, colon + 1);
    if ((line[valueStart] === '{' || line[valueStart] === '[') && p > valueStart) {
      return inFlow(line, readFlow(line, valueStart), p, [...base, key]);
    }
    const raw = stripComment(line.slice(valueStart));
    const valueEnd = valueStart + raw.trimEnd().length;
    const start = Math.min(valueStart, p);
    const end = Math.max(valueEnd, p);
    return {
      path: base,
      slot: 'value',
      key,
      token: mk(start, end),
      prefix: line.slice(start, p),
      keyHasColon: true,
      flow: false,
      dashOnly: false,
      siblings: blockSiblings(),
    };
  }
  const contentEnd = c + stripComment(line.slice(c)).trimEnd().length;
  const end = colon !== undefined ? c + line.slice(c, colon).trimEnd().length : Math.max(contentEnd, p);
  const siblings = blockSiblings();
  return {
    path: base,
    slot: 'key',
    token: mk(c, Math.max(end, p)),
    prefix: line.slice(c, p),
    keyHasColon: colon !== undefined,
    flow: false,
    dashOnly: shape.dashes.length > 0 && contentEnd === c,
    siblings,
  };
}

/** True when a `#` comment starts before the cursor (outside quotes and flow scalars). */
function inComment(line: string, p: number): boolean {
  for (let i = 0; i < p && i < line.length; i++) {
    const ch = line[i];
    if (ch === '"' || ch === "'") {
      i = closingQuote(line, i);
    } else if (ch === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      return true;
    }
  }
  return false;
}

/** The cursor inside a flow collection: descend to the innermost entry holding it. */
function inFlow(line: string, flow: Flow, p: number, path: string[]): CursorContext | undefined {
  if (p <= flow.start) {
    return undefined;
  }
  const entry = flow.entries.find((e) => p >= e.start && p <= e.end) ?? flow.entries[flow.entries.length - 1];
  if (!entry) {
    return undefined;
  }
  const mk = (start: number, end: number): Span => ({ text: line.slice(start, end), start, end });
  const here = flow.open === '[' ? [...path, '[]'] : path;
  const siblings = new Map<string, string>();
  if (flow.open === '{') {
    for (const e of flow.entries) {
      if (e !== entry && e.key) {
        siblings.set(unquote(e.key.text), e.value && !isFlow(e.value) ? unquote(e.value.text) : '');
      }
    }
  }
  const base = { flow: true, dashOnly: false, siblings };
  if (entry.colon !== undefined && entry.key && p > entry.colon) {
    const key = unquote(entry.key.text);
    const value = entry.value;
    if (isFlow(value) && p > value.start) {
      return inFlow(line, value, p, [...here, key]);
    }
    const start = value && !isFlow(value) && value.text !== '' ? Math.min(value.start, p) : p;
    const end = value && !isFlow(value) ? Math.max(value.end, p) : p;
    return { ...base, path: here, slot: 'value', key, token: mk(start, end), prefix: line.slice(start, p), keyHasColon: true };
  }
  const node = entry.key ?? entry.value;
  if (isFlow(node)) {
    return p > node.start ? inFlow(line, node, p, here) : undefined;
  }
  const start = node && node.text !== '' ? Math.min(node.start, p) : p;
  const end = node ? Math.max(node.end, p) : p;
  return { ...base, path: here, slot: 'key', token: mk(start, end), prefix: line.slice(start, p), keyHasColon: entry.colon !== undefined };
}

/**
 * Finds the path of the mapping (mode `map`) or sequence (mode `seq`) whose content sits at
 * column `col` on line `lineIndex`, by walking up to the nearest less-indented keys and markers.
 * `blockStart` is the first line of the innermost mapping (for its sibling keys); `seqPosition`
 * says the column is that of an existing sequence's `- ` markers (a new item goes here).
 */
function ownerOf(shapes: LineShape[], lineIndex: number, col: number, mode: 'map' | 'seq'): { path: string[]; blockStart: number; seqPosition: boolean } {
  if (col === 0 && mode === 'map') {
    // Column 0 is the top level, whatever is above.
    return { path: [], blockStart: 0, seqPosition: false };
  }
  const segments: string[] = [];
  let c = col;
  let m: 'map' | 'seq' | 'probe' = mode;
  let blockStart = -1;
  let seqPosition = false;
  for (let i = lineIndex - 1; i >= 0; i--) {
    const s = shapes[i];
    if (!s || s.blank) {
      continue;
    }
    // Nodes on the line, innermost first: the content, then the markers right to left.
    const nodes: { col: number; key?: string; dash: boolean }[] = [{ col: s.content, key: s.key, dash: false }];
    for (let d = s.dashes.length - 1; d >= 0; d--) {
      nodes.push({ col: s.dashes[d] ?? 0, dash: true });
    }
    for (const node of nodes) {
      if (node.col > c) {
        continue;
      }
      if (m === 'map') {
        if (node.col === c && node.dash && blockStart < 0) {
          // Our column is where an existing sequence puts its markers.
          m = 'probe';
          continue;
        }
        if (node.col === c) {
          continue;
        }
        if (node.dash) {
          segments.push('[]');
          blockStart = blockStart < 0 ? i : blockStart;
          c = node.col;
          m = 'seq';
        } else if (node.key !== undefined) {
          segments.push(node.key);
          blockStart = blockStart < 0 ? i + 1 : blockStart;
          c = node.col;
        }
      } else {
        if (node.dash && node.col === c) {
          continue;
        }
        if (node.dash) {
          segments.push('[]');
          c = node.col;
          m = 'seq';
        } else if (node.key !== undefined) {
          if (m === 'probe' && node.col === c) {
            // A sequence written at its key's indentation (`treatment:` then `- ...` at the same column): we are the key's sibling.
            m = 'map';
            continue;
          }
          if (m === 'probe') {
            seqPosition = true;
            blockStart = i + 1;
          }
          segments.push(node.key);
          c = node.col;
          m = 'map';
        }
      }
    }
    if (c === 0 && m === 'map' && segments.length > 0) {
      break;
    }
  }
  return { path: segments.reverse(), blockStart: Math.max(blockStart, 0), seqPosition };
}

/** Keys at column `col` of the mapping that starts at `blockStart`, above and below `lineIndex`, with their inline values. */
function collectSiblings(shapes: LineShape[], blockStart: number, lineIndex: number, col: number): Map<string, string> {
  const out = new Map<string, string>();
  const take = (s: LineShape | undefined): void => {
    if (s && !s.blank && s.content === col && s.key !== undefined && !out.has(s.key)) {
      out.set(s.key, unquote(s.value ?? ''));
    }
  };
  for (let i = blockStart; i < lineIndex; i++) {
    take(shapes[i]);
  }
  for (let i = lineIndex + 1; i < shapes.length; i++) {
    const s = shapes[i];
    if (!s || s.blank) {
      continue;
    }
    const outer = s.dashes.length > 0 ? (s.dashes[0] ?? 0) : s.content;
    if (outer < col) {
      break;
    }
    if (s.dashes.length === 0) {
      take(s);
    }
  }
  return out;
}

/** A range on one line. */
export function lineRange(line: number, span: { start: number; end: number }): Range {
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}
