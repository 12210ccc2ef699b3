// Scroll sync for the soapnote report preview. Runs inside the webview, loaded by the report's
// <script nonce=... src=...>; the report itself (escaped, CSP'd) comes from the language server.
// Lines are 0-based, as in the report's data-line attributes and in the editor API.
/* global acquireVsCodeApi, window, document, requestAnimationFrame, setTimeout, clearTimeout, URL */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const state = vscode.getState() || {};
  let scrollSync = true;
  // A scroll we caused (following the editor) must not be sent back as if the user scrolled.
  let quietUntil = 0;
  let scrollTimer;

  // The preview's own stylesheet, from the same folder as this script (allowed by the CSP's webview source).
  const script = document.currentScript;
  if (script && script.src) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('preview.css', script.src).toString();
    document.head.appendChild(link);
  }

  /** Elements that carry a line, in document order, with the line as a number. */
  function lineElements() {
    const out = [];
    for (const el of document.querySelectorAll('[data-line]')) {
      const line = Number(el.getAttribute('data-line'));
      if (Number.isInteger(line) && line >= 0 && el.getClientRects().length > 0) {
        out.push({ el, line });
      }
    }
    return out;
  }

  /** Scrolls so the element for `line` (else the closest one above it, else the first) is at the top. */
  function scrollToLine(line) {
    let best;
    for (const item of lineElements()) {
      if (item.line <= line && (!best || item.line >= best.line)) {
        best = item;
      }
    }
    best = best || lineElements()[0];
    if (!best) {
      return;
    }
    quietUntil = Date.now() + 300;
    const top = best.el.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, line === 0 ? 0 : Math.max(0, top - 8));
    mark(best.el);
  }

  /** Briefly highlights the element the editor scrolled to. */
  let marked;
  function mark(el) {
    if (marked) {
      marked.classList.remove('soap-sync-target');
    }
    marked = el;
    el.classList.add('soap-sync-target');
  }

  /** The line of the first element whose top is in view. */
  function topLine() {
    for (const item of lineElements()) {
      if (item.el.getBoundingClientRect().bottom > 0) {
        return item.line;
      }
    }
    return undefined;
  }

  function saveLine(line) {
    state.line = line;
    vscode.setState(state);
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') {
      return;
    }
    if (m.type === 'init') {
      state.uri = m.uri; // lets VS Code restore this panel after a reload
      vscode.setState(state);
      scrollSync = m.scrollSync !== false;
      document.body.classList.toggle('soap-no-body-map', m.bodyMap === false);
    } else if (m.type === 'scroll' && Number.isInteger(m.line)) {
      if (scrollSync) {
        requestAnimationFrame(() => scrollToLine(m.line));
      }
      saveLine(m.line);
    }
  });

  window.addEventListener('scroll', () => {
    if (Date.now() < quietUntil) {
      return;
    }
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      const line = topLine();
      if (line !== undefined) {
        saveLine(line);
        if (scrollSync) {
          vscode.postMessage({ type: 'reveal', line, click: false });
        }
      }
    }, 50);
  }, { passive: true });

  document.addEventListener('click', (event) => {
    // Links (e.g. "progress across visits") keep their own meaning; selecting text is not a jump.
    const target = event.target;
    // "Progress across visits" is an in-page link: the extension opens the progress panel (no command URIs here).
    const link = target instanceof window.Element ? target.closest('a[href="#history"]') : null;
    if (link) {
      event.preventDefault();
      vscode.postMessage({ type: 'showHistory' });
      return;
    }
    if (!scrollSync || !(target instanceof window.Element) || target.closest('a') || String(window.getSelection() || '') !== '') {
      return;
    }
    const el = target.closest('[data-line]');
    if (el) {
      vscode.postMessage({ type: 'reveal', line: Number(el.getAttribute('data-line')), click: true });
    }
  });

  // A reload (the note changed) starts at the top: go back to where the reader was until the editor says otherwise.
  if (Number.isInteger(state.line)) {
    scrollToLine(state.line);
  }
  vscode.postMessage({ type: 'ready' });
})();
