import { randomBytes } from 'node:crypto';
import type { Connection } from 'vscode-languageserver';
import { renderHtml } from '../core/render/html';
import { renderMarkdown } from '../core/render/markdown';
import { signNote } from '../core/sign';
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
import { clientNotes, historyReport } from './history';
import type { ServerState } from './state';

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
    if (params.format === 'md') {
      return { markdown: renderMarkdown(note.analysis, vocabulary), version };
    }
    const nonce = params.nonce ?? randomBytes(16).toString('base64');
    return { html: renderHtml(note.analysis, vocabulary, { nonce, cspSource: params.cspSource, scripts: params.scripts, historyHref: params.historyHref }), version };
  }));

  connection.onRequest(SignRequestMethod, guard.request<SignParams, SignResult | null>('sign', null, (params) => {
    const note = state.note(params.uri);
    if (!note) {
      return null;
    }
    const outcome = signNote(note.document.getText(), note.analysis, params.by, params.at ?? nowIso(), nodeHost().sha256);
    return 'refused' in outcome ? { refused: outcome.refused } : { text: outcome.text };
  }));

  connection.onRequest(HistoryRequestMethod, guard.request<HistoryParams, HistoryResult | null>('history', null, (params) => {
    const note = state.note(params.uri);
    return note ? historyReport(note, state.openNotes(), params.nonce) : null;
  }));

  connection.onRequest(FillTemplateRequestMethod, guard.request<FillTemplateParams, FillTemplateResult | null>('fillTemplate', null, (params) => {
    const workspace = state.workspaceForFolder(params.folderUri);
    const date = workspace.config.today ?? localToday();
    const earlier = [...clientNotes(workspace, state.openNotes(), params.client).values()].filter((a) => (a.note.date?.value ?? '') <= date);
    const visit = nextVisitNumber(earlier.map((a) => a.note.visit?.value));
    const text = fillTemplate(params.template, { client: params.client, date, therapist: params.therapist, visit: String(visit) });
    return { text, date, visit };
  }));
}
