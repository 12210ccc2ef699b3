import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SignRequestMethod, type SignParams, type SignResult } from '../../../server/src/protocol';
import { noteDocument, targetNoteUri } from '../noteDocuments';

/** Now as ISO 8601 UTC without milliseconds, the form the note format shows (`2026-11-20T18:05:00Z`). */
function signingTime(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The note's own `therapist:` value, a sensible default signer when the setting is empty. */
function therapistOf(doc: vscode.TextDocument): string {
  const m = /^therapist:[ \t]*(.*?)[ \t]*$/m.exec(doc.getText());
  return (m?.[1] ?? '').replace(/^(["'])(.*)\1$/, '$2');
}

/**
 * "Sign Note": asks who signs (default: the `soapnote.therapistName` setting, else the note's
 * therapist), has the server compute the `signed` block for the current time, and applies it as one
 * edit and saves. The server refuses a note with errors or one already signed; that reason is shown.
 */
export async function signNote(client: LanguageClient, arg: unknown, fallback: vscode.Uri | undefined): Promise<void> {
  const uri = targetNoteUri(arg, fallback);
  if (!uri) {
    void vscode.window.showInformationMessage('soapnote: open the note to sign first.');
    return;
  }
  const doc = await noteDocument(uri);
  const configured = vscode.workspace.getConfiguration('soapnote', doc).get<string>('therapistName', '').trim();
  const by = await vscode.window.showInputBox({
    title: `Sign ${uri.path.split('/').pop()}`,
    prompt: 'Who signs? Signing locks the note: later corrections go under addenda, never into the note.',
    value: configured || therapistOf(doc),
    validateInput: (v) => (v.trim() ? undefined : 'The name of the person signing is required.'),
  });
  if (by === undefined) {
    return;
  }
  const version = doc.version;
  const params: SignParams = { uri: uri.toString(), by: by.trim(), at: signingTime() };
  let result: SignResult | null;
  try {
    result = await client.sendRequest<SignResult | null>(SignRequestMethod, params);
  } catch (e) {
    void vscode.window.showErrorMessage(`soapnote: signing failed: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!result || result.refused !== undefined || result.text === undefined) {
    void vscode.window.showWarningMessage(`soapnote: not signed. ${result?.refused ?? 'The language server does not have this note open.'}`);
    return;
  }
  if (doc.version !== version) {
    void vscode.window.showWarningMessage('soapnote: not signed: the note changed while it was being signed. Sign it again.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('soapnote: the signature could not be written into the note.');
    return;
  }
  if (await doc.save()) {
    void vscode.window.showInformationMessage(`soapnote: signed by ${by.trim()}.`);
  }
}
