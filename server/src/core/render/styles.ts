import { DARK_PALETTE, LIGHT_PALETTE } from './bodyMapPalette';

/** The body map's dark colours: VS Code's dark themes and a browser in dark mode both use them. */
const DARK_MAP_VARIABLES = `
  --soap-body-fill: ${DARK_PALETTE.part};
  --soap-body-stroke: #9a9aa6;
  --soap-left: ${DARK_PALETTE.left};
  --soap-right: ${DARK_PALETTE.right};
  --soap-both: ${DARK_PALETTE.both};
  --soap-hatch: ${DARK_PALETTE.hatch};
  --soap-conflict: #ff5a5a;
  --soap-condition: #d3a0ff;
`;

/**
 * The report's stylesheet, inlined under the render's nonce. Colours come from VS Code's webview
 * theme variables with light fallbacks, so the same document suits light, dark and high-contrast
 * themes in the preview; a browser follows the reader's light or dark preference, paper is light.
 * Nothing here depends on a note.
 */
export const REPORT_CSS = `
:root {
  --soap-fg: var(--vscode-editor-foreground, #1b1b1b);
  --soap-bg: var(--vscode-editor-background, #ffffff);
  --soap-muted: var(--vscode-descriptionForeground, #5a5a66);
  --soap-border: var(--vscode-panel-border, var(--vscode-widget-border, #c8c8d0));
  --soap-head-bg: var(--vscode-editorWidget-background, #f3f3f7);
  --soap-error: var(--vscode-errorForeground, #b00020);
  --soap-warning: var(--vscode-editorWarning-foreground, #8a5a00);
  --soap-info: var(--vscode-editorInfo-foreground, #1f5fa8);
  --soap-ok: var(--vscode-testing-iconPassed, #1e7b34);
  --soap-link: var(--vscode-textLink-foreground, #0b5cad);
  --soap-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --soap-mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Consolas, monospace);
  --soap-body-fill: ${LIGHT_PALETTE.part};
  --soap-body-stroke: #8c8c9c;
  --soap-left: ${LIGHT_PALETTE.left};
  --soap-right: ${LIGHT_PALETTE.right};
  --soap-both: ${LIGHT_PALETTE.both};
  --soap-hatch: ${LIGHT_PALETTE.hatch};
  --soap-conflict: #d00000;
  --soap-condition: #6a1b9a;
}
body.vscode-dark {${DARK_MAP_VARIABLES}}
/* Outside VS Code (a browser, an exported file): follow the reader's light or dark preference. */
@media (prefers-color-scheme: dark) {
  body:not([class*="vscode-"]) {
    --soap-fg: #e6e6e6;
    --soap-bg: ${DARK_PALETTE.page};
    --soap-muted: #b0b0bc;
    --soap-border: #55555f;
    --soap-head-bg: #2a2a30;
    --soap-error: #ff8080;
    --soap-warning: #e8b04a;
    --soap-info: #7ab8ff;
    --soap-ok: #5fd17a;
    --soap-link: #7ab8ff;${DARK_MAP_VARIABLES}
  }
}
body.vscode-high-contrast {
  --soap-body-fill: transparent;
  --soap-body-stroke: var(--vscode-contrastBorder, #ffffff);
  --soap-border: var(--vscode-contrastBorder, #ffffff);
  --soap-head-bg: transparent;
  --soap-conflict: #ff4040;
  --soap-hatch: var(--vscode-contrastBorder, #ffffff);
  --soap-condition: #ff9cff;
}
body.vscode-high-contrast-light {
  --soap-body-fill: transparent;
  --soap-body-stroke: var(--vscode-contrastBorder, #0f4a85);
  --soap-border: var(--vscode-contrastBorder, #0f4a85);
  --soap-head-bg: transparent;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  padding: 1rem 1.5rem 3rem;
  color: var(--soap-fg);
  background: var(--soap-bg);
  font-family: var(--soap-font);
  font-size: var(--vscode-font-size, 14px);
  line-height: 1.45;
}
main { max-width: 58rem; margin: 0 auto; }
h1 { font-size: 1.45em; margin: 0 0 0.4rem; }
h2 { font-size: 1.15em; margin: 1.6rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--soap-border); }
h3 { font-size: 1em; margin: 1rem 0 0.4rem; }
p, ul, ol, dl { margin: 0.3rem 0 0.6rem; }
.text { white-space: pre-line; overflow-wrap: break-word; }
/* break-word, not anywhere: a long word may still wrap, but "gastrocnemius" and "2026-11-02" are never cut to fit a column. */
td, dd, li { overflow-wrap: break-word; }
.date { white-space: nowrap; }
.muted { color: var(--soap-muted); }
dl.fields { display: grid; grid-template-columns: minmax(7rem, 14rem) 1fr; gap: 0.25rem 1rem; }
dl.fields div { display: contents; }
dl.fields dt { color: var(--soap-muted); }
dl.fields dd { margin: 0; }
code, .rule { font-family: var(--soap-mono); font-size: 0.85em; }
a { color: var(--soap-link); }

.note-header { border-bottom: 2px solid var(--soap-border); padding-bottom: 0.6rem; }
.note-header dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.2rem 1rem; }
.note-header dl div { display: flex; flex-direction: column; }
.note-header dt { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em; color: var(--soap-muted); }
.note-header dd { margin: 0; font-weight: 600; }
.badge { display: inline-block; padding: 0.1rem 0.55rem; border: 1.5px solid currentColor; border-radius: 1rem; font-size: 0.85em; font-weight: 600; }
.badge.signed { color: var(--soap-ok); }
.badge.unsigned { color: var(--soap-muted); }
.badge.tampered { color: var(--soap-error); }
.history { margin-left: 0.8rem; font-size: 0.9em; }

.alerts { margin: 1rem 0; padding: 0.6rem 0.9rem; border: 2px solid var(--soap-error); border-left-width: 0.5rem; border-radius: 4px; }
.alerts.clear { border-color: var(--soap-ok); }
.weakened { margin: 1rem 0; padding: 0.6rem 0.9rem; border: 2px dashed var(--soap-warning); border-radius: 4px; }
.weakened h2 { margin-top: 0; border: 0; }
.alerts h2 { margin-top: 0; border: 0; }
.alerts ul { list-style: none; padding: 0; }
.alerts li { margin: 0.35rem 0; padding-left: 0.2rem; }
.severity { display: inline-block; min-width: 4.8rem; font-weight: 700; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; }
.sev-error .severity { color: var(--soap-error); }
.sev-warning .severity { color: var(--soap-warning); }
.sev-information .severity, .sev-hint .severity { color: var(--soap-info); }
.standing { margin-top: 0.5rem; }

table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.8rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--soap-border); }
thead th { font-size: 0.85em; color: var(--soap-muted); border-bottom-width: 2px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; border-bottom: 0; }
tr.conflict > td { border-left: 0; }
tr.conflict > td:first-child { box-shadow: inset 4px 0 0 var(--soap-error); }
tr.has-findings:not(.conflict) > td:first-child { box-shadow: inset 4px 0 0 var(--soap-warning); }
.conflict-marker { display: inline-block; font-weight: 700; color: var(--soap-error); margin-right: 0.3rem; }
.finding-marker { display: inline-block; font-weight: 700; color: var(--soap-warning); margin-right: 0.3rem; }
tr.row-detail > td { padding-top: 0; font-size: 0.9em; }
tr.row-detail ul { margin: 0; padding-left: 1.1rem; }
.resolved-name { color: var(--soap-muted); font-size: 0.9em; }
.typical { color: var(--soap-muted); font-style: italic; }

.pain { font-size: 1.05em; }
.pain .better { color: var(--soap-ok); font-weight: 600; }
.pain .worse { color: var(--soap-error); font-weight: 600; }

.map-wrap { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
svg.body-map { width: 100%; max-width: 30rem; height: auto; flex: 0 0 auto; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.map-list { flex: 1 1 14rem; }
.body-map .bm-part { fill: var(--soap-body-fill); stroke: var(--soap-body-stroke); stroke-width: 1; }
.body-map .bm-left { fill: var(--soap-left); }
.body-map .bm-right { fill: var(--soap-right); }
.body-map .bm-both { fill: var(--soap-both); }
.body-map .bm-condition { stroke: var(--soap-condition); stroke-width: 2; stroke-dasharray: 4 2; }
.body-map .bm-hatch { stroke: var(--soap-hatch); stroke-width: 2.5; }
.body-map .bm-hatch line { stroke: var(--soap-hatch); }
.body-map pattern line { stroke: var(--soap-hatch); }
.body-map text { fill: var(--soap-fg); font-family: var(--soap-font); font-size: 11px; }
.body-map .bm-caption { font-weight: 600; font-size: 12px; }
.body-map .bm-side-letter { fill: var(--soap-muted); font-weight: 700; font-size: 13px; }
.body-map .bm-region:hover .bm-part { stroke-width: 2.5; }

section.grade li.missed strong:first-child { color: var(--soap-error); }
section.grade li.met strong:first-child { color: var(--soap-ok); }
section.review li.lost { color: var(--soap-warning); }

/* Narrow screens (320 px and up): each table row becomes a card, each cell labelled by its column. */
@media (max-width: 30rem) {
  body { padding: 0.6rem 0.7rem 2rem; }
  dl.fields { grid-template-columns: 1fr; gap: 0 0; }
  dl.fields dd { margin-bottom: 0.35rem; }
  table, thead, tbody, tfoot, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tbody tr { border-bottom: 1px solid var(--soap-border); padding: 0.3rem 0; }
  td { border: 0; padding: 0.1rem 0.3rem; }
  td[data-label]::before { content: attr(data-label) ": "; color: var(--soap-muted); font-size: 0.85em; }
  td.num { text-align: left; }
  tr.row-detail { border-bottom: 1px solid var(--soap-border); }
  caption { display: block; text-align: left; }
}

@page {
  size: A4;
  margin: 16mm 14mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; color: #444444; }
}
@media print {
  :root {
    --soap-fg: #000000; --soap-bg: transparent; --soap-muted: #444444; --soap-border: #999999; --soap-head-bg: transparent;
  }
  body { padding: 0; font-size: 10.5pt; background: none; }
  main { max-width: none; }
  a { color: inherit; text-decoration: none; }
  .history { display: none; }
  .alerts { border-color: #000000; }
  h2 { break-after: avoid; }
  tr, li, .alerts, .map-wrap { break-inside: avoid; }
  thead { display: table-header-group; }
  svg.body-map { max-width: 11cm; }
}
`;
