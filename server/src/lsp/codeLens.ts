import type { Connection } from 'vscode-languageserver';
import { codeLenses, NOTE_LENSES } from '../core/features/codeLens';
import { gradeLenses } from './grading';
import type { Guard } from './guard';
import type { ServerState } from './state';

/** Registers code lenses above each note (see `NOTE_LENSES`, then the grade): the visit count comes from the workspace's note index. */
export function registerCodeLens(connection: Connection, state: ServerState, guard: Guard): void {
  connection.onCodeLens(guard.request('code lens', [], (params) => {
    const note = state.note(params.textDocument.uri);
    if (!note) {
      return [];
    }
    const client = note.analysis.note.client?.value;
    const visits = client === undefined ? undefined : state.clientNoteCount(note.document.uri, client);
    // The note's own lenses, then the grade under the workspace's rubric (read from disk, so it is made here, not in the core).
    return [...codeLenses({ uri: note.document.uri, analysis: note.analysis, locale: state.locale, ...(visits !== undefined ? { visits } : {}) }, NOTE_LENSES), ...gradeLenses(note, state.locale)];
  }));
}
