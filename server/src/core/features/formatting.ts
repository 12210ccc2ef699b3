import { isCollection, Scalar, visit, type Document, type Node } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { canonicalJson } from '../integrity';
import { DEFAULT_LIMITS, parseYaml, type ParseLimits } from '../parse';
import { withShortStackTraces } from '../shortStackTraces';

/** Spaces per level of nesting: the note format's own examples use two. */
const INDENT = 2;

/** How a line that continues a value begun on an earlier line moves: with that value's start. */
interface Continuation {
  /** The line the value starts on, and its column there. */
  line: number;
  column: number;
  /** A block scalar's content (`|`, `>`): its trailing spaces are part of the value and stay. */
  block: boolean;
  /** A block scalar without an indentation indicator: the indentation of its first content line (undefined: none, or an indicator fixes it). */
  contentIndent?: number;
}

/** One open level of block nesting: its column in the text, and the column it gets. */
interface Level {
  old: number;
  new: number;
}

/** What a structural line becomes: its new indentation and the dash prefix rewritten (`-   a` -> `- a`). */
interface Placed {
  indent: number;
  /** Old column where the line's content after indentation and dashes starts, and its new column. */
  restOld: number;
  restNew: number;
}

/**
 * Formats a note: block indentation normalised to two spaces per level (and `-` followed by one space),
 * trailing white space removed (not inside a block scalar, where it is part of the text), a final
 * newline added. Comments, key order, quoting, flow style and every value are kept as written: the
 * formatter rewrites white space at the start and end of lines only, never re-serialises.
 *
 * It fails closed: a note with YAML errors gets no edits, and the result is parsed again and given
 * only when its data is exactly the same (so `signed.sha256` and the addenda chain still hold, since
 * they are computed over the data) and every line is the same once white space is taken out.
 *
 * (The yaml package's Document round-trip is not used: it rewrites flow collections,
 * `{technique: x}` -> `{ technique: x }`, and may move comments.)
 */
export function formatNote(text: string, limits: ParseLimits = DEFAULT_LIMITS): TextEdit[] {
  // A lone CR is a line break to the editor but not to the lines here: edits would land on the wrong lines.
  if (/\r(?!\n)/.test(text)) {
    return [];
  }
  const parsed = parseYaml(text, limits);
  if (!parsed.doc || parsed.findings.some((f) => f.severity === 'error')) {
    return [];
  }
  const before = plainData(parsed.doc, limits);
  if (before === undefined) {
    return [];
  }
  const lines = text.split('\n');
  const crlf = lines.map((l) => l.endsWith('\r'));
  const bodies = lines.map((l, i) => (crlf[i] ? l.slice(0, -1) : l));
  const formatted = formatLines(bodies, continuationsOf(parsed.doc, text));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const candidates = text.length > 0 && !text.endsWith('\n') ? [[...formatted, ''], formatted] : [formatted];
  for (const candidate of candidates) {
    const added = candidate.length > bodies.length;
    const result = candidate.map((l, i) => (crlf[i] || (added && eol === '\r\n' && i === bodies.length - 1) ? `${l}\r` : l)).join('\n');
    if (sameNote(text, result, before, limits)) {
      return editsBetween(bodies, candidate, eol);
    }
  }
  return [];
}

/** The plain data of a parsed note as canonical JSON (what the hash is computed over, addenda included), or undefined if it cannot be built. */
function plainData(doc: Document.Parsed, limits: ParseLimits): string | undefined {
  try {
    return canonicalJson(withShortStackTraces(() => doc.toJS({ maxAliasCount: limits.maxAliasCount })));
  } catch {
    return undefined;
  }
}

/** True when `after` parses without errors to exactly the data of `before` and has the same lines once white space is removed. */
function sameNote(before: string, after: string, data: string, limits: ParseLimits): boolean {
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const bare = (l: string | undefined): string => (l ?? '').replace(/\s+/g, '');
  // The final newline added is the one line more.
  if (newLines.length !== oldLines.length && !(newLines.length === oldLines.length + 1 && newLines.at(-1) === '')) {
    return false;
  }
  if (oldLines.some((l, i) => bare(l) !== bare(newLines[i]))) {
    return false;
  }
  const reparsed = parseYaml(after, limits);
  return reparsed.doc !== undefined && !reparsed.findings.some((f) => f.severity === 'error') && plainData(reparsed.doc, limits) === data;
}

/** Per line, the multi-line value it continues (a plain or quoted scalar, a block scalar, a flow collection), if any. */
function continuationsOf(doc: Document.Parsed, text: string): Map<number, Continuation> {
  const starts = lineStarts(text);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  };
  const out = new Map<number, Continuation>();
  const mark = (node: Node, block: boolean): void => {
    const range = node.range;
    if (!range) {
      return;
    }
    const first = lineOf(range[0]);
    // The value's last character (a block value's range may end at the start of the next line).
    const last = lineOf(Math.max(range[0], range[1] - 1));
    let contentIndent: number | undefined;
    if (block && !/^[|>][+-]?[1-9]/.test(text.slice(range[0], range[0] + 3))) {
      for (let line = first + 1; line <= last && contentIndent === undefined; line++) {
        const content = text.slice(starts[line] ?? 0, (starts[line + 1] ?? text.length + 1) - 1).replace(/\r$/, '');
        if (content.trim() !== '') {
          contentIndent = /^ */.exec(content)?.[0].length ?? 0;
        }
      }
    }
    for (let line = first + 1; line <= last; line++) {
      if (!out.has(line)) {
        out.set(line, { line: first, column: range[0] - (starts[first] ?? 0), block, ...(contentIndent !== undefined ? { contentIndent } : {}) });
      }
    }
  };
  withShortStackTraces(() =>
    visit(doc, {
      Scalar(_, node) {
        mark(node, node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
      },
      Map(_, node) {
        return flowSkip(node, mark);
      },
      Seq(_, node) {
        return flowSkip(node, mark);
      },
    }),
  );
  return out;
}

/** A flow collection (`[...]`, `{...}`) is kept whole: its lines move with its start, its inside is not visited. */
function flowSkip(node: Node, mark: (node: Node, block: boolean) => void): symbol | undefined {
  if (isCollection(node) && node.flow) {
    mark(node, false);
    return visit.SKIP;
  }
  return undefined;
}

/** Offsets where each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

/** The lines with block indentation normalised; see {@link formatNote}. */
function formatLines(lines: string[], continuations: Map<number, Continuation>): string[] {
  const out = [...lines];
  const placed = new Map<number, Placed>();
  const comments: { line: number; stack: Level[] }[] = [];
  const stack: Level[] = [];

  lines.forEach((line, i) => {
    const continuation = continuations.get(i);
    if (continuation) {
      return;
    }
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    const rest = line.slice(indent);
    if (rest.trim() === '') {
      out[i] = '';
      return;
    }
    if (rest.startsWith('#')) {
      comments.push({ line: i, stack: [...stack] });
      return;
    }
    const indentNew = placeAt(stack, indent, true);
    // Sequence dashes at the start of the line: each one level, written `- `.
    let restOld = indent;
    let restNew = indentNew;
    let body = rest;
    for (let dash = /^-[ \t]+(?=\S)/.exec(body); dash; dash = /^-[ \t]+(?=\S)/.exec(body)) {
      restOld += dash[0].length;
      restNew += INDENT;
      body = body.slice(dash[0].length);
      stack.push({ old: restOld, new: restNew });
    }
    placed.set(i, { indent: indentNew, restOld, restNew });
    out[i] = `${' '.repeat(indentNew)}${'- '.repeat((restNew - indentNew) / INDENT)}${body}`.trimEnd();
  });

  // A comment sits with the line it comments (the next line, at its column), else in the block it is in.
  for (const { line, stack: levels } of comments) {
    const text = lines[line] ?? '';
    const indent = /^[ \t]*/.exec(text)?.[0].length ?? 0;
    const next = nextPlaced(lines, placed, line);
    const indentNew = next && next.oldIndent === indent ? next.indent : placeAt([...levels], indent, false);
    out[line] = `${' '.repeat(indentNew)}${text.slice(indent)}`.trimEnd();
  }

  for (const [i, continuation] of continuations) {
    const text = lines[i] ?? '';
    const start = placed.get(continuation.line);
    let shift = start ? (continuation.column >= start.restOld ? start.restNew - start.restOld : start.indent - leadingWidth(lines[continuation.line])) : 0;
    if (start && continuation.contentIndent !== undefined) {
      // Block content one level under what holds it: under the dash for `- |`, under the key for `key: |`.
      shift = (continuation.column > start.restOld ? start.restNew + INDENT : start.restNew) - continuation.contentIndent;
    }
    const indent = leadingWidth(text);
    const rest = text.slice(indent);
    if (continuation.block) {
      // Block content: the same shift for every line keeps its own indentation and trailing spaces.
      out[i] = text.length === 0 ? '' : `${' '.repeat(Math.max(0, indent + shift))}${rest}`;
    } else {
      out[i] = rest.trim() === '' ? '' : `${' '.repeat(Math.max(0, indent + shift))}${rest}`.trimEnd();
    }
  }
  return out;
}

/** Width of a line's leading spaces and tabs. */
function leadingWidth(line: string | undefined): number {
  return /^[ \t]*/.exec(line ?? '')?.[0].length ?? 0;
}

/** The next structural line after `line`, with its old and new indentation. */
function nextPlaced(lines: string[], placed: Map<number, Placed>, line: number): { oldIndent: number; indent: number } | undefined {
  for (let i = line + 1; i < lines.length; i++) {
    const at = placed.get(i);
    if (at) {
      return { oldIndent: leadingWidth(lines[i]), indent: at.indent };
    }
  }
  return undefined;
}

/**
 * The new column of a line at old column `indent`: the level it closes back to, or one level deeper
 * than the innermost open one. With `open`, the stack is updated (a structural line opens its level).
 */
function placeAt(stack: Level[], indent: number, open: boolean): number {
  while (stack.length > 0 && (stack.at(-1)?.old ?? 0) > indent) {
    stack.pop();
  }
  const top = stack.at(-1);
  if (top && top.old === indent) {
    return top.new;
  }
  const column = top ? top.new + INDENT : 0;
  if (open) {
    stack.push({ old: indent, new: column });
  }
  return column;
}

/** One edit per changed line (the final newline joins the last line's), so the editor keeps the cursor and folds where they were. */
function editsBetween(before: string[], after: string[], eol: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const last = before.length - 1;
  const addNewline = after.length > before.length;
  before.forEach((line, i) => {
    const next = (after[i] ?? line) + (addNewline && i === last ? eol : '');
    if (next !== line) {
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: line.length } }, newText: next });
    }
  });
  return edits;
}
