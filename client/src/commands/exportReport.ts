import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { noteDocument, targetNoteUri } from '../noteDocuments';
import { requestRender } from '../reportRequests';
import { answersArg } from './answers';

/** Answers instead of the save dialog: `executeCommand('soapnote.exportHtml', uri, {target: vscode.Uri.file('/tmp/report.html')})`. */
export interface ExportAnswers {
  target: vscode.Uri;
}

/** `C-0142-2026-11-20.soap.yaml` -> `C-0142-2026-11-20.html`. */
function reportName(uri: vscode.Uri, ext: string): string {
  return (uri.path.split('/').pop() ?? 'note').replace(/\.soap\.ya?ml$/i, '').replace(/\.ya?ml$/i, '') + ext;
}

/** The server's report of the note at `uri` (opened first, so the server has its text), as HTML or Markdown. */
async function renderNote(client: LanguageClient, uri: vscode.Uri, format: 'html' | 'md'): Promise<string> {
  await noteDocument(uri);
  const result = await requestRender(client, { uri: uri.toString(), format });
  const report = format === 'html' ? result?.html : result?.markdown;
  if (report === undefined || (format === 'html' && !report)) {
    throw new Error('the language server has no report for this note');
  }
  return report;
}

function failed(what: string, e: unknown): void {
  void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: {0} failed: {1}', what, e instanceof Error ? e.message : String(e)));
}

/**
 * "Export Report as HTML": asks the server for the report without the preview's script and webview
 * source, so the file stands alone (inline nonce'd style, strict CSP), and saves it where the user says,
 * or at `answers.target` ({@link ExportAnswers}) without asking. Returns where it was saved.
 */
export async function exportHtml(client: LanguageClient, arg: unknown, fallback: vscode.Uri | undefined, answersArgument?: unknown): Promise<vscode.Uri | undefined> {
  const answers = answersArg<ExportAnswers>(answersArgument);
  const uri = targetNoteUri(arg, fallback);
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: open a note to export its report.'));
    return undefined;
  }
  try {
    const html = await renderNote(client, uri, 'html');
    const base = uri.scheme === 'file' ? uri : vscode.workspace.workspaceFolders?.[0]?.uri;
    const given = answers?.target instanceof vscode.Uri ? answers.target : undefined;
    const target = given ?? await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the report as HTML'),
      defaultUri: base ? vscode.Uri.joinPath(base, uri.scheme === 'file' ? '..' : '.', reportName(uri, '.html')) : undefined,
      filters: { 'HTML report': ['html'] },
      saveLabel: 'Export',
    });
    if (!target) {
      return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    const saved = vscode.l10n.t('soapnote: report saved to {0}.', vscode.workspace.asRelativePath(target));
    const open = vscode.l10n.t('Open');
    if (given) {
      void vscode.window.showInformationMessage(saved); // no "Open" question: the caller answered already
    } else if ((await vscode.window.showInformationMessage(saved, open)) === open) {
      await vscode.env.openExternal(target);
    }
    return target;
  } catch (e) {
    failed('export', e);
    return undefined;
  }
}

/** "Copy Report as Markdown": the server's Markdown rendering of the note, to the clipboard; returns that Markdown. */
export async function copyMarkdown(client: LanguageClient, arg: unknown, fallback: vscode.Uri | undefined): Promise<string | undefined> {
  const uri = targetNoteUri(arg, fallback);
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: open a note to copy its report.'));
    return undefined;
  }
  try {
    const markdown = await renderNote(client, uri, 'md');
    await vscode.env.clipboard.writeText(markdown);
    vscode.window.setStatusBarMessage('$(check) soapnote: report copied as Markdown', 3000);
    return markdown;
  } catch (e) {
    failed('copy', e);
    return undefined;
  }
}
