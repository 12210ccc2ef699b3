/**
 * Escaping for the report. Every value from a note passes through here before it reaches HTML,
 * SVG or Markdown: notes are written by people and may be pasted from anywhere, so no value
 * is ever trusted to be plain text.
 */

/** Bidirectional embedding/override/isolate controls: they can reorder the text around them ("Trojan Source"). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** C0 controls other than tab and newline, DEL and C1 controls: invalid or invisible in HTML, so never passed on. */
const OTHER_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Makes a note value safe to show as text: bidi controls become a visible `[U+202E]` mark (so a
 * reviewer sees that something was there) and other control characters become U+FFFD.
 */
export function cleanText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`)
    .replace(OTHER_CONTROLS, '\uFFFD');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '=': '&#61;', '`': '&#96;' };

/**
 * Script-like URL schemes. Values never reach a URL, but the raw report text should not contain
 * `javascript:` either: scanners, mail filters and naive re-embedding all look at the raw text.
 */
const SCRIPT_SCHEME = /\b(java|vb)(\s*script\s*):/gi;

/**
 * Escapes text for HTML or SVG element content and quoted attribute values, after {@link cleanText}:
 * `& < > " '` as usual, plus `=` and `` ` `` so even the raw text never reads like an attribute
 * (`onmouseover=`), and the colon of `javascript:`.
 */
export function escapeHtml(value: string | number | boolean): string {
  return cleanText(String(value))
    .replace(/[&<>"'=`]/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(SCRIPT_SCHEME, '$1$2&#58;');
}

/**
 * Characters that mean something inline in GitHub-flavoured Markdown (emphasis, code, links and
 * images, tables, strikethrough, math, heading closers) and are backslash-escaped in values.
 * `@` is escaped for e-mail autolinks and mentions. Parentheses need no escape: without an
 * unescaped `]` before them they cannot form a link.
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]#!|~$=@]/g;

/** What GitHub turns into a link without brackets (`https://`, `www.`, `a@b.c`): escaped so a pasted report links nowhere. */
const AUTOLINK_START = /(:(?=\/\/))|(\bwww)\./gi;

/** A value that would start a list item when it follows a list marker (`- - x`, `- 1. x`, `- + x`). */
const LEADING_BLOCK_MARKER = /^(-|\+|\d{1,9}(?=[.)]))/;

/**
 * Escapes a value for inline GitHub-flavoured Markdown, table cells included: whitespace runs
 * (newlines too) collapse to one space so a value cannot start a block, Markdown punctuation is
 * backslash-escaped (`=`, the colon of `javascript:` and autolink starts too), and `& < >` become entities
 * so raw HTML and entity references stay inert.
 */
export function escapeMarkdown(value: string | number | boolean): string {
  return cleanText(String(value))
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(AUTOLINK_START, (_m, colon: string | undefined, www: string | undefined) => (colon ? '\\:' : `${www}\\.`))
    .replace(LEADING_BLOCK_MARKER, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SCRIPT_SCHEME, '$1$2\\:');
}

/**
 * Quotes a note value as a CSS string for `content:` (the printed page header): every character
 * but letters, digits, space, `-`, `_` and `.` becomes a `\HEX ` escape, so nothing can end the
 * string, the declaration or the `<style>` element.
 */
export function cssString(value: string): string {
  const escaped = [...cleanText(value).replace(/\n/g, ' ')].map((c) => (/^[A-Za-z0-9 _.-]$/.test(c) ? c : `\\${(c.codePointAt(0) ?? 0xfffd).toString(16)} `)).join('');
  return `"${escaped}"`;
}
