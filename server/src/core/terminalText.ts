/**
 * Escaping for text that reaches a terminal or a CI log. A note value or a file name may hold an
 * escape sequence (recolour, retitle, hide the lines above), a line break followed by a workflow
 * command (`::add-mask::`, `::error::`), or a bidi override that shows a different text than the
 * one there: each such character is shown as a visible escape instead, so what is printed is
 * exactly what was there.
 */

/** C0 controls (newline and tab too: a value never starts a line of its own), DEL, C1 controls, line/paragraph separators, bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\n`, `\r`, `\t` for those; `\x1B` for other C0/C1 controls and DEL; `\u202E` for separators and bidi controls. */
export function escapeTerminal(value: string | number | boolean): string {
  return String(value).replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase()}`);
  });
}

/**
 * A template tag that escapes every interpolated value with {@link escapeTerminal} and keeps the
 * literal parts (their own line breaks) as written:
 * ```ts
 * io.stderr(terminal`soapnote: skipped ${file}\n`);
 * ```
 */
export function terminal(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += escapeTerminal(String(v)) + (strings[i + 1] ?? '');
  });
  return out;
}
