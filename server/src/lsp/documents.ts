import { TextDocuments } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** Language id the client gives soapnote notes. */
export const NOTE_LANGUAGE_ID = 'soapnote';

/** True for a note: language id `soapnote`, or a `*.soap.yaml` / `*.soap.yml` file whatever its language id. */
export function isNoteDocument(uri: string, languageId: string): boolean {
  return languageId === NOTE_LANGUAGE_ID || /\.soap\.ya?ml$/i.test(uri.split(/[?#]/)[0] ?? uri);
}

/**
 * Applies a change only when its version is newer than the document's: a late or replayed
 * didChange must not rewind the text the analyses and diagnostics are based on.
 */
function updateIfNewer(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  return version <= document.version ? document : TextDocument.update(document, changes, version);
}

/** The open-document store: the library's manager, with stale-version changes ignored. */
export function createDocuments(): TextDocuments<TextDocument> {
  return new TextDocuments({ create: TextDocument.create, update: updateIfNewer });
}
