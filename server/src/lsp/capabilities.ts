import { CodeActionKind, TextDocumentSyncKind, type DocumentSelector, type ServerCapabilities } from 'vscode-languageserver';

/** Characters after which the client asks for completion: a key's colon, a space, a list dash. */
export const COMPLETION_TRIGGERS = [':', ' ', '-'];

/**
 * The notes, as a document selector (on disk or unsaved, as the VS Code client sends them). Formatting
 * is registered for these only when the client allows it: the client also sends `.soapnote/` YAML
 * files, and a second formatter that does nothing for them would make the editor ask which to use.
 */
export const NOTE_SELECTOR: DocumentSelector = ['file', 'untitled'].flatMap((scheme) => [{ scheme, language: 'soapnote' }, { scheme, pattern: '**/*.soap.{yaml,yml}' }]);

/** What the client can do that changes what is announced here. */
export interface ClientFeatures {
  /** The client registers formatting dynamically, with a document selector: then it is registered for {@link NOTE_SELECTOR} after `initialized`, not announced here. */
  dynamicFormatting?: boolean;
}

/** What the server offers; only formatting's registration depends on the client (see {@link ClientFeatures}). */
export function serverCapabilities(client: ClientFeatures = {}): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
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
    ...(client.dynamicFormatting === true ? {} : { documentFormattingProvider: true }),
    workspace: { workspaceFolders: { supported: true } },
  };
}
