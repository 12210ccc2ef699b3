/**
 * Custom LSP messages shared by the extension (client) and the language server: defined once,
 * imported by both, so their names and shapes cannot drift apart. Plain data only.
 */

/** `soapnote/render`: the preview asks the server for the formatted report of an open note. */
export const RenderRequestMethod = 'soapnote/render';

/** Parameters of {@link RenderRequestMethod}. */
export interface RenderParams {
  uri: string;
  format: 'html' | 'md';
  /** Nonce for the report's inline style and scripts (the webview's CSP allows only it). */
  nonce?: string;
  /** The webview's `cspSource`, allowed for the preview's own script and styles. */
  cspSource?: string;
  /** Script URIs (webview URIs) the report should load, e.g. the scroll-sync script. */
  scripts?: string[];
  /** Target of the report's "Progress across visits" link (the preview passes `#history`); no link when absent. */
  historyHref?: string;
}

/** Result of {@link RenderRequestMethod}: exactly one of `html` / `markdown`, plus the document version rendered. */
export interface RenderResult {
  html?: string;
  markdown?: string;
  /** The document version the report was made from, so the client can drop stale results. */
  version?: number;
}

/** `soapnote/sign`: the editor asks the server for the signed text of a note (the client applies it as an edit). */
export const SignRequestMethod = 'soapnote/sign';

/** Parameters of {@link SignRequestMethod}. */
export interface SignParams {
  uri: string;
  by: string;
  /** ISO 8601 time of signing; the client supplies it so tests can fix it. */
  at?: string;
}

/** Result of {@link SignRequestMethod}: the new text, or why the note cannot be signed. */
export interface SignResult {
  text?: string;
  refused?: string;
}

/** `soapnote/history`: the editor asks for the progress report of the client of an open note, across the visits in its workspace. */
export const HistoryRequestMethod = 'soapnote/history';

/** Parameters of {@link HistoryRequestMethod}. */
export interface HistoryParams {
  uri: string;
  /** Nonce for the page's inline style (the webview's CSP allows only it); a random one when absent. */
  nonce?: string;
}

/** Result of {@link HistoryRequestMethod}: the page when the client has dated visits, how many, and the client id (absent when the note names none). */
export interface HistoryResult {
  html?: string;
  visits: number;
  client?: string;
}

/** `soapnote/fillTemplate`: "New Note" asks the server to fill a template, so the editor and `soapnote new` share one filler, one "today" and one visit count. */
export const FillTemplateRequestMethod = 'soapnote/fillTemplate';

/** Parameters of {@link FillTemplateRequestMethod}. */
export interface FillTemplateParams {
  /** The folder the new note goes in (a `file:` URI): it picks the workspace, its config's `today`, and the client's earlier notes. */
  folderUri: string;
  /** The template's text, with `{{client}}`, `{{date}}`, `{{therapist}}`, `{{visit}}` placeholders. */
  template: string;
  client: string;
  therapist: string;
}

/** Result of {@link FillTemplateRequestMethod}: the filled text, the session date it used and the visit number. */
export interface FillTemplateResult {
  text: string;
  date: string;
  visit: number;
}

/** `soapnote/findingCounts`: server -> client notification for the status bar. */
export const FindingCountsNotification = 'soapnote/findingCounts';

/** Payload of {@link FindingCountsNotification}. */
export interface FindingCounts {
  uri: string;
  errors: number;
  warnings: number;
  infos: number;
}
