import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FindingCountsNotification, type FindingCounts } from '../../server/src/protocol';
import { activeNoteEditor } from './noteDocuments';

/** Counts per note URI, as last announced by the server; read by "Check All Notes" too. */
export type CountsByUri = Map<string, FindingCounts>;

/** `2 errors` / `1 warning`: a count and its noun, plural when needed. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Counts of the server's own diagnostics for `uri`, for when no notification has arrived yet. */
function countsFromDiagnostics(client: LanguageClient, uri: vscode.Uri): FindingCounts | undefined {
  const diagnostics = client.diagnostics?.get(uri);
  if (!diagnostics) {
    return undefined;
  }
  const count = (s: vscode.DiagnosticSeverity) => diagnostics.filter((d) => d.severity === s).length;
  return {
    uri: uri.toString(),
    errors: count(vscode.DiagnosticSeverity.Error),
    warnings: count(vscode.DiagnosticSeverity.Warning),
    infos: count(vscode.DiagnosticSeverity.Information) + count(vscode.DiagnosticSeverity.Hint),
  };
}

/**
 * The status-bar item with the active note's findings (`$(error) 1 $(warning) 2`), from the server's
 * `soapnote/findingCounts` notifications (falling back to its diagnostics); a click opens Problems.
 * Hidden when the active editor is not a note.
 */
export function registerStatusBar(client: LanguageClient, counts: CountsByUri): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('soapnote.findings', vscode.StatusBarAlignment.Left, 50);
  item.name = 'soapnote findings';
  item.command = 'workbench.actions.view.problems';

  const update = () => {
    const editor = activeNoteEditor();
    if (!editor) {
      item.hide();
      return;
    }
    const c = counts.get(editor.document.uri.toString()) ?? countsFromDiagnostics(client, editor.document.uri);
    if (!c) {
      item.text = '$(loading~spin) soapnote';
      item.tooltip = 'soapnote: checking this note...';
    } else if (c.errors + c.warnings + c.infos === 0) {
      item.text = '$(pass) soapnote';
      item.tooltip = 'soapnote: no findings in this note';
    } else {
      item.text = `$(error) ${c.errors} $(warning) ${c.warnings}` + (c.infos ? ` $(info) ${c.infos}` : '');
      item.tooltip = `soapnote: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'note')} in this note. Click for the Problems panel.`;
    }
    item.backgroundColor = c && c.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  const notifications = client.onNotification(FindingCountsNotification, (c: FindingCounts) => {
    counts.set(c.uri, c);
    update();
  });
  update();
  return vscode.Disposable.from(
    item,
    notifications,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics(update),
    vscode.workspace.onDidCloseTextDocument((d) => counts.delete(d.uri.toString())),
  );
}
