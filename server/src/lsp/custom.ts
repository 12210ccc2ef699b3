import { randomBytes } from 'node:crypto';
import type { Connection } from 'vscode-languageserver';
import { nodeHost } from '../node/nodeHost';
import { fillTemplate } from '../core/templates/placeholders';
import { nextVisitNumber } from '../core/templates/nextVisit';
import { localToday } from '../node/nodeHost';
import {
  FillTemplateRequestMethod,
  HistoryRequestMethod,
  RenderRequestMethod,
  SignRequestMethod,
  type FillTemplateParams,
  type FillTemplateResult,
  type HistoryParams,
  type HistoryResult,
  type RenderParams,
  type RenderResult,
  type SignParams,
  type SignResult,
} from '../protocol';
import type { Guard } from './guard';
import { gradeOf, reviewOf } from './grading';
import type { ServerState } from './state';

// Loaded on first use (require): the first diagnostics need none of the report, signing or history code.
const html = (): typeof import('../core/render/html') => require('../core/render/html') as typeof import('../core/render/html');
const markdown = (): typeof import('../core/render/markdown') => require('../core/render/markdown') as typeof import('../core/render/markdown');
const signing = (): typeof import('../core/sign') & typeof import('../core/ownCheck') => ({ ...(require('../core/sign') as typeof import('../core/sign')), ...(require('../core/ownCheck') as typeof import('../core/ownCheck')) });
const history = (): typeof import('./history') => require('./history') as typeof import('./history');

/** Now as ISO 8601 without milliseconds, the form the note format shows (`2026-11-20T18:05:00Z`). */
function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Registers `soapnote/render`, `soapnote/sign`, `soapnote/history` and `soapnote/fillTemplate` (see `protocol.ts`). A closed document answers null. */
export function registerCustomRequests(connection: Connection, state: ServerState, guard: Guard): void {
  connection.onRequest(RenderRequestMethod, guard.request<RenderParams, RenderResult | null>('render', null, (params) => {
    const note = state.note(params.uri);
    if (!note) {
      return null;
    }
    const vocabulary = note.workspace.engine.vocabulary;
    const version = note.document.version;
    const review = reviewOf(note);
    if (params.format === 'md') {
      return { markdown: markdown().renderMarkdown(note.analysis, vocabulary, { grading: gradeOf(note), locale: state.locale, ...(review ? { review } : {}) }), version };
    }
    const nonce = params.nonce ?? randomBytes(16).toString('base64');
    const page = html().renderHtml(note.analysis, vocabulary, { nonce, cspSource: params.cspSource, scripts: params.scripts, historyHref: params.historyHref, grading: gradeOf(note), locale: state.locale, ...(review ? { review } : {}) });
    return { html: page, version };
  }));

  connection.onRequest(SignRequestMethod, guard.request<SignParams, SignResult | null>('sign', null, (params) => {
    const note = state.note(params.uri);
    if (!note) {
      return null;
    }
    const { signNote, rejectsOwnCheck } = signing();
    const outcome = signNote(note.document.getText(), note.analysis, params.by, params.at ?? nowIso(), nodeHost().sha256);
    if ('refused' in outcome) {
      return { refused: outcome.refused };
    }
    // As in the CLI: never hand back a signed text the checker would reject (size limit, a bad time).
    const rejected = rejectsOwnCheck(note.workspace.engine, outcome.text, nodeHost().sha256);
    return rejected ? { refused: `The signed note would not pass its own check (${rejected}).` } : { text: outcome.text };
  }));

  connection.onRequest(HistoryRequestMethod, guard.request<HistoryParams, HistoryResult | null>('history', null, (params) => {
    const note = state.note(params.uri);
    return note ? history().historyReport(note, state.openNotes(), params.nonce, state.locale) : null;
  }));

  connection.onRequest(FillTemplateRequestMethod, guard.request<FillTemplateParams, FillTemplateResult | null>('fillTemplate', null, (params) => {
    const workspace = state.workspaceForFolder(params.folderUri);
    const date = workspace.config.today ?? localToday();
    const earlier = [...history().clientNotes(workspace, state.openNotes(), params.client).values()].filter((a) => (a.note.date?.value ?? '') <= date);
    const visit = nextVisitNumber(earlier.map((a) => a.note.visit?.value));
    const filled = fillTemplate(params.template, { client: params.client, date, therapist: params.therapist, visit: String(visit) });
    // The client's record, as comments under health: for the therapist to review at the visit.
    const text = state.withCarriedComments(`${params.folderUri.replace(/\/+$/, '')}/${encodeURIComponent(`${params.client}-${date}.soap.yaml`)}`, filled);
    return { text, date, visit };
  }));
}
