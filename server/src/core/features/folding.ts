import { isMap, isPair, isSeq, type Node } from 'yaml';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import { nodeRange } from '../yamlNodes';

/** Folding ranges of a note: every key whose value spans lines (sections, lists, long text) and every multi-line list entry. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const lc = analysis.parsed.lineCounter;
  const out: FoldingRange[] = [];
  const seen = new Set<number>();
  const add = (startLine: number, node: Node | null | undefined): void => {
    const range = nodeRange(lc, node);
    if (!range) {
      return;
    }
    // A block collection's range can end at the start of the next line; fold only through its last text.
    const endLine = range.end.character === 0 && range.end.line > startLine ? range.end.line - 1 : range.end.line;
    if (endLine > startLine && !seen.has(startLine)) {
      seen.add(startLine);
      out.push({ startLine, endLine });
    }
  };
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) {
          continue;
        }
        const keyRange = nodeRange(lc, pair.key as Node);
        if (keyRange) {
          add(keyRange.start.line, pair.value as Node | null);
        }
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const range = nodeRange(lc, item as Node);
        if (range) {
          add(range.start.line, item as Node);
        }
        walk(item);
      }
    }
  };
  walk(analysis.parsed.doc?.contents);
  return out.sort((a, b) => a.startLine - b.startLine);
}
