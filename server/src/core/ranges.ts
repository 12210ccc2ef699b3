import type { LineCounter } from 'yaml';
import type { Position, Range } from './types';

/** Converts a pair of source offsets into a 0-based LSP range using the document's line counter. */
export function offsetsToRange(lineCounter: LineCounter, start: number, end: number): Range {
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.max(start, end));
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/** A zero-width range at the start of the document, for findings about the whole file. */
export const DOCUMENT_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** True when `pos` (0-based line/character) falls inside `range`, ends included. */
export function rangeContains(range: Range, line: number, character: number): boolean {
  if (line < range.start.line || line > range.end.line) {
    return false;
  }
  if (line === range.start.line && character < range.start.character) {
    return false;
  }
  if (line === range.end.line && character > range.end.character) {
    return false;
  }
  return true;
}

/** True when `p` lies in `range`, start included and end excluded: a block entry's range ends where the next line starts. */
export function rangeHolds(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character < range.end.character);
  return afterStart && beforeEnd;
}
