import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import type { Analysis } from '../core/engine';
import { historyHtml } from '../core/history/historyReport';
import { clientHistory } from '../core/history/progress';
import type { Locale } from '../core/l10n/localize';
import { localToday } from '../node/nodeHost';
import { collectNoteFiles, readNoteIfText } from '../node/noteFiles';
import type { HistoryResult } from '../protocol';
import type { Workspace } from '../node/workspace';
import type { NoteContext } from './state';
import { uriToPath } from './workspaces';

/** A CSP nonce the page can carry safely (base64 / base64url), as `renderHtml` requires. */
const NONCE = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;

/**
 * The notes of `client` in `workspace`: the editor's text for the ones open in it (`open`, unsaved
 * changes included) and the disk text for the rest, analysed with the workspace's engine, keyed by path.
 * Only a note that mentions the client id can be one of theirs: the others are not analysed.
 */
export function clientNotes(workspace: Workspace, open: readonly NoteContext[], client: string): Map<string, Analysis> {
  const notes = new Map<string, Analysis>();
  for (const context of open) {
    if (context.workspace.root === workspace.root && context.analysis.note.client?.value === client) {
      notes.set(uriToPath(context.document.uri) ?? context.document.uri, context.analysis);
    }
  }
  for (const path of collectNoteFiles([workspace.root], workspace.root)) {
    const text = notes.has(path) ? undefined : readNoteIfText(path, workspace.config.maxNoteBytes);
    if (text !== undefined && text.includes(client)) {
      notes.set(path, workspace.engine.analyze(text));
    }
  }
  return notes;
}

/** The progress report of the client of `note` across the notes of its workspace (see {@link clientNotes}); other clients' notes are left out by `clientHistory`. */
export function historyReport(note: NoteContext, open: readonly NoteContext[], nonce: string | undefined, locale?: Locale): HistoryResult {
  const client = note.analysis.note.client?.value;
  if (!client) {
    return { visits: 0 };
  }
  const workspace = note.workspace;
  const notes = clientNotes(workspace, open, client);
  const history = clientHistory(client, [...notes].map(([path, analysis]) => ({ path: relative(workspace.root, path) || path, analysis })), workspace.config.today ?? localToday(), workspace.engine.vocabulary);
  if (history.visits.length === 0) {
    return { visits: 0, client };
  }
  const safeNonce = nonce !== undefined && NONCE.test(nonce) ? nonce : randomBytes(16).toString('base64');
  return { html: historyHtml(history, safeNonce, locale), visits: history.visits.length, client };
}
