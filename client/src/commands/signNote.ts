import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SignRequestMethod, type SignParams, type SignResult } from '../../../server/src/protocol';
import { noteDocument, targetNoteUri } from '../noteDocuments';
import { answersArg } from './answers';

/** Answers instead of the prompt: `executeCommand('soapnote.signNote', uri, {by: 'J. Lee, RMT', at: '2026-11-20T18:05:00Z'})`. */
export interface SignAnswers {
  by: string;
  at: string;
}

/** What `soapnote.signNote` did (returned to its caller; the end-to-end test reads it): signed and saved, or why not. */
export interface SignOutcome {
  signed: boolean;
  reason?: string;
}

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
 * With `answers` ({@link SignAnswers}) nothing is asked: `by` defaults as above, `at` to now.
 */
export async function signNote(client: LanguageClient, arg: unknown, fallback: vscode.Uri | undefined, answersArgument?: unknown): Promise<SignOutcome> {
  const answers = answersArg<SignAnswers>(answersArgument);
  const uri = targetNoteUri(arg, fallback);
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: open the note to sign first.'));
    return { signed: false, reason: 'no note' };
  }
  const doc = await noteDocument(uri);
  const configured = vscode.workspace.getConfiguration('soapnote', doc).get<string>('therapistName', '').trim();
  const by = answers
    ? answers.by ?? (configured || therapistOf(doc))
    : await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign {0}', uri.path.split('/').pop() ?? ''),
      prompt: vscode.l10n.t('Who signs? Signing locks the note: later corrections go under addenda, never into the note.'),
      value: configured || therapistOf(doc),
      validateInput: (v) => (v.trim() ? undefined : 'The name of the person signing is required.'),
    });
  if (by === undefined || !by.trim()) {
    return { signed: false, reason: 'no signer' };
  }
  const version = doc.version;
  const params: SignParams = { uri: uri.toString(), by: by.trim(), at: answers?.at ?? signingTime() };
  let result: SignResult | null;
  try {
    result = await client.sendRequest<SignResult | null>(SignRequestMethod, params);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: signing failed: {0}', reason));
    return { signed: false, reason };
  }
  if (!result || result.refused !== undefined || result.text === undefined) {
    const reason = result?.refused ?? 'The language server does not have this note open.';
    void vscode.window.showWarningMessage(vscode.l10n.t('soapnote: not signed. {0}', reason));
    return { signed: false, reason };
  }
  if (doc.version !== version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('soapnote: not signed: the note changed while it was being signed. Sign it again.'));
    return { signed: false, reason: 'the note changed while it was being signed' };
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: the signature could not be written into the note.'));
    return { signed: false, reason: 'the edit was not applied' };
  }
  if (!(await doc.save())) {
    return { signed: false, reason: 'signed in the editor but not saved' };
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: signed by {0}.', by.trim()));
  return { signed: true };
}
