import * as vscode from 'vscode';
import type { FindingCountsStore } from './findingCounts';
import { activeNoteEditor } from './noteDocuments';

/**
 * The status-bar item with the active note's findings (`$(error) 1 $(warning) 2`); a click opens the
 * Problems panel. Hidden when the active editor is not a note.
 */
export function registerStatusBar(counts: FindingCountsStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('soapnote.findings', vscode.StatusBarAlignment.Left, 50);
  item.name = 'soapnote findings';
  item.command = 'workbench.actions.view.problems';

  const update = () => {
    const editor = activeNoteEditor();
    if (!editor) {
      item.hide();
      return;
    }
    const c = counts.get(editor.document.uri);
    if (!c) {
      item.text = '$(loading~spin) soapnote';
      item.tooltip = vscode.l10n.t('soapnote: checking this note...');
    } else if (c.errors + c.warnings + c.infos === 0) {
      item.text = '$(pass) soapnote';
      item.tooltip = vscode.l10n.t('soapnote: no findings in this note');
    } else {
      item.text = `$(error) ${c.errors} $(warning) ${c.warnings}` + (c.infos ? ` $(info) ${c.infos}` : '');
      item.tooltip = vscode.l10n.t('soapnote: {0} error(s), {1} warning(s), {2} note(s) in this note. Click for the Problems panel.', c.errors, c.warnings, c.infos);
    }
    item.backgroundColor = c && c.errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };

  update();
  return vscode.Disposable.from(
    item,
    counts.onDidChange(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics(update),
  );
}
