import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';

/** Characters after which the client asks for completion (as the Node server): a key's colon, a space, a list dash. */
export const BROWSER_COMPLETION_TRIGGERS = [':', ' ', '-'];

/** What the web worker offers: the features its adapter answers, and no more (a client must never wait on a feature nobody serves). */
export function browserCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: BROWSER_COMPLETION_TRIGGERS, resolveProvider: false },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    workspace: { workspaceFolders: { supported: true } },
  };
}
