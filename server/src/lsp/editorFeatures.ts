import type { Connection } from 'vscode-languageserver';
import { parseLimits } from '../core/engine';
import { formatNote } from '../core/features/formatting';
import { inlayHints } from '../core/features/inlayHints';
import { workspaceSymbols } from '../core/features/workspaceSymbols';
import { registerCodeLens } from './codeLens';
import type { Guard } from './guard';
import type { ServerState } from './state';

/** Registers inlay hints, code lenses, workspace symbols and formatting; each handler converts only, the core computes. Unknown or closed documents answer empty. */
export function registerEditorFeatures(connection: Connection, state: ServerState, guard: Guard): void {
  connection.languages.inlayHint.on(guard.request('inlay hints', [], (params) => {
    const note = state.note(params.textDocument.uri);
    return note ? inlayHints(note.analysis, note.workspace.engine.vocabulary, params.range, state.locale) : [];
  }));

  registerCodeLens(connection, state, guard);

  // From the workspace's note index (what the record is built from), not from the open editors only.
  connection.onWorkspaceSymbol(guard.request('workspace symbols', [], (params) => workspaceSymbols(state.indexedNotes(), params.query)));

  // Two spaces whatever the editor's tab size: the note format's style; a note with YAML errors is left alone.
  connection.onDocumentFormatting(guard.request('formatting', [], (params) => {
    const note = state.note(params.textDocument.uri);
    return note ? formatNote(note.document.getText(), parseLimits(note.workspace.config)) : [];
  }));
}
