import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';

/** Characters after which the client asks for completion: a key's colon, a space, a list dash. */
export const COMPLETION_TRIGGERS = [':', ' ', '-'];

/** What the server offers; the client's feature set does not change it. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    // The grade under the workspace's rubric (.soapnote/rubric.yaml), on a note's first line.
    codeLensProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true } },
  };
}
