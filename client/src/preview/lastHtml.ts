let lastHtml: string | undefined;

/** Remembers the HTML the preview was last given (read back by the hidden `soapnote._lastPreviewHtml` test hook). */
export function setLastPreviewHtml(html: string): void {
  lastHtml = html;
}

/** The HTML the preview was last given, or undefined before the first render. */
export function getLastPreviewHtml(): string | undefined {
  return lastHtml;
}
