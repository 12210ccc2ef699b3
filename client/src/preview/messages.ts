/**
 * Messages between the preview panel (extension side) and `client/media/preview.js` (inside the
 * webview). Lines are 0-based editor lines, the same numbers the report puts in `data-line`.
 */

/** Extension -> webview. */
export type ToWebview =
  /** The note shown (kept in the webview's state so a reload can restore the panel) and the options. */
  | { type: 'init'; uri: string; scrollSync: boolean; bodyMap: boolean }
  /** Scroll so the element for `line` (or the nearest one above it) is at the top. */
  | { type: 'scroll'; line: number };

/** Webview -> extension. */
export type FromWebview =
  /** The script has loaded and wants `init`. */
  | { type: 'ready' }
  /** The user scrolled (`click: false`) or clicked (`click: true`) in the preview at the element for `line`. */
  | { type: 'reveal'; line: number; click: boolean }
  /** The user followed the report's "Progress across visits" link. */
  | { type: 'showHistory' };

/** Narrows an incoming message: the webview's content is not trusted blindly. */
export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) {
    return false;
  }
  const msg = m as { type?: unknown; line?: unknown; click?: unknown };
  return msg.type === 'ready' || msg.type === 'showHistory' || (msg.type === 'reveal' && Number.isInteger(msg.line) && (msg.line as number) >= 0);
}
