import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';

/** URI schemes of the notes the worker formats (as the web extension's selector: github.dev's `vscode-vfs` and a remote machine's `vscode-remote` included). */
export const BROWSER_NOTE_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote'];

/** Characters after which the client asks for completion (as the Node server): a key's colon, a space, a list dash. */
export const BROWSER_COMPLETION_TRIGGERS = [':', ' ', '-'];

/** What the web worker offers: the features its adapter answers, and no more (a client must never wait on a feature nobody serves). `dynamicFormatting`: formatting is registered for notes only after `initialized` (as on Node), not announced for every file the client sends. */
export function browserCapabilities(dynamicFormatting = false): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: BROWSER_COMPLETION_TRIGGERS, resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    inlayHintProvider: true,
    // Preview, Sign, History on a note's first line, and the grade under the workspace's rubric (.soapnote/rubric.yaml).
    codeLensProvider: { resolveProvider: false },
    workspaceSymbolProvider: true,
    ...(dynamicFormatting ? {} : { documentFormattingProvider: true }),
    workspace: { workspaceFolders: { supported: true } },
  };
}
