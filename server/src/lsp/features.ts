import type { Connection } from 'vscode-languageserver';
import { codeActions } from '../core/features/codeActions';
import { complete } from '../core/features/completion';
import { foldingRanges } from '../core/features/folding';
import { hover } from '../core/features/hover';
import { documentSymbols } from '../core/features/symbols';
import { localToday } from '../node/nodeHost';
import { registerEditorFeatures } from './editorFeatures';
import { authoringCompletion, authoringDefinition, authoringHover, authoringReferences } from './authoring';
import type { Guard } from './guard';
import type { ServerState } from './state';

/** Registers the editor features; each one converts only, the core computes. Unknown or closed documents answer empty. */
export function registerFeatures(connection: Connection, state: ServerState, guard: Guard): void {
  connection.onCompletion(guard.request('completion', null, (params) => {
    // Packs, the config, and `{{` in a template have their own completion.
    const authoring = authoringCompletion(state, params.textDocument.uri, params.position);
    if (authoring) {
      return authoring;
    }
    const note = state.note(params.textDocument.uri, true);
    if (!note) {
      return null;
    }
    const today = note.workspace.config.today ?? localToday();
    return complete(note.document.getText(), params.position, note.analysis, note.workspace.engine.vocabulary, { today, locale: state.locale });
  }));

  connection.onHover(guard.request('hover', null, (params) => {
    const authoring = authoringHover(state, params.textDocument.uri, params.position);
    if (authoring !== undefined) {
      return authoring;
    }
    const note = state.note(params.textDocument.uri);
    return note ? hover(note.document.getText(), params.position, note.analysis, note.workspace.engine.vocabulary) : null;
  }));

  connection.onDefinition(guard.request('definition', [], (params) => authoringDefinition(state, params.textDocument.uri, params.position)));

  connection.onReferences(guard.request('references', [], (params) => authoringReferences(state, params.textDocument.uri, params.position, params.context.includeDeclaration)));

  connection.onCodeAction(guard.request('code actions', [], (params) => {
    const note = state.note(params.textDocument.uri);
    return note ? codeActions(params.textDocument.uri, note.document.getText(), params.range, note.analysis) : [];
  }));

  connection.onDocumentSymbol(guard.request('document symbols', [], (params) => {
    const note = state.note(params.textDocument.uri);
    return note ? documentSymbols(note.analysis) : [];
  }));

  connection.onFoldingRanges(guard.request('folding ranges', [], (params) => {
    const note = state.note(params.textDocument.uri);
    return note ? foldingRanges(note.analysis) : [];
  }));

  registerEditorFeatures(connection, state, guard);
}
