/**
 * What both in-editor suites wait and look with (waiting, diagnostic codes, completion labels, lines): the Node extension host's (`suite/`) and the web
 * worker host's (`web/`, bundled for the browser, so nothing here may import Node).
 */
import type * as vscode from 'vscode';

/** Polls `fn` every 200 ms until it gives a truthy value, or fails after `ms` naming `what` and the last error. */
export async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) {
        return v;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** 0-based number of the first line of `doc` matching `re`. */
export function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) {
    if (re.test(doc.lineAt(i).text)) {
      return i;
    }
  }
  throw new Error(`no line matching ${re} in ${doc.uri.toString()}`);
}

/** A diagnostic's code, whether given plainly or with a link. */
export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** A completion item's label text, whether plain or with details. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}
