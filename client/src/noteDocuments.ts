import * as vscode from 'vscode';
import { NOTE_SCHEMES } from './documentSelector';

let schemes: readonly string[] = NOTE_SCHEMES;

/** Sets the URI schemes whose notes the server handles (the web extension adds the virtual file systems of vscode.dev and github.dev). */
export function useNoteSchemes(next: readonly string[]): void {
  schemes = next;
}

/** True for the documents the language server handles (same rule as the client's document selector). */
export function isNoteDocument(doc: vscode.TextDocument): boolean {
  return schemes.includes(doc.uri.scheme) && (doc.languageId === 'soapnote' || /\.soap\.ya?ml$/i.test(doc.uri.path));
}

/** The active editor when it shows a note. */
export function activeNoteEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && isNoteDocument(editor.document) ? editor : undefined;
}

/**
 * The note a command acts on: the URI it was given (editor title, explorer menu; a code lens from the
 * server gives it as a string), else the active note editor, else `fallback` (the note the preview
 * shows, when the preview has the focus).
 */
export function targetNoteUri(arg: unknown, fallback?: vscode.Uri): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  // `schemes`, not NOTE_SCHEMES: on the web a code lens names a `vscode-vfs:` or `vscode-remote:` note too
  if (typeof arg === 'string' && schemes.some((scheme) => arg.startsWith(`${scheme}:`))) {
    return vscode.Uri.parse(arg, true);
  }
  return activeNoteEditor()?.document.uri ?? fallback;
}

/** The open document for `uri`, opening it (without showing it) when needed, so the server has it. */
export async function noteDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? vscode.workspace.openTextDocument(uri);
}
