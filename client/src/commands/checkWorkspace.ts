import * as vscode from 'vscode';
import type { FindingCountsStore } from '../findingCounts';
import { answersArg } from './answers';

/** Answers instead of the "Show Problems" button: `executeCommand('soapnote.checkWorkspace', {showProblems: false})`. */
export interface CheckAnswers {
  showProblems: boolean;
}

/** What "Check All Notes" found (returned to its caller; the end-to-end test reads it). */
export interface CheckTotals {
  notes: number;
  errors: number;
  warnings: number;
  infos: number;
  notesWithErrors: number;
  /** Notes the server had not announced findings for when the wait ended. */
  unchecked: number;
}

/** How long "Check All Notes" waits for the server to have checked every note. */
const WAIT_MS = 30_000;
/** More notes than this are not opened (each open note costs the server memory). */
const MAX_NOTES = 2000;

/**
 * "Check All Notes": opens every `*.soap.yaml` / `*.soap.yml` in the workspace (not node_modules)
 * as a document without showing it, so the server checks it and its findings fill the Problems
 * panel; then reports the totals once the server has announced them (or after {@link WAIT_MS}),
 * offering to show the Problems panel unless `answers` ({@link CheckAnswers}) says whether to.
 */
export async function checkWorkspace(counts: FindingCountsStore, answersArgument?: unknown): Promise<CheckTotals> {
  const answers = answersArg<CheckAnswers>(answersArgument);
  const uris = await vscode.workspace.findFiles('**/*.soap.{yaml,yml}', '**/node_modules/**', MAX_NOTES + 1);
  if (uris.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: no notes (*.soap.yaml, *.soap.yml) in this workspace.'));
    return { notes: 0, errors: 0, warnings: 0, infos: 0, notesWithErrors: 0, unchecked: 0 };
  }
  const checked = uris.slice(0, MAX_NOTES);
  const pending = new Set(checked.map((u) => u.toString()));
  // A note already open was checked when it opened, and the server announces it again only when it changes.
  for (const doc of vscode.workspace.textDocuments) {
    if (counts.get(doc.uri)) {
      pending.delete(doc.uri.toString());
    }
  }
  const totals = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('soapnote: checking {0} notes', checked.length), cancellable: true },
    async (progress, token) => {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          listener.dispose();
          cancel.dispose();
          resolve();
        };
        const listener = counts.onDidChange((c) => {
          if (pending.delete(c.uri)) {
            progress.report({ increment: 100 / checked.length });
          }
          if (pending.size === 0) {
            done();
          }
        });
        const timer = setTimeout(done, WAIT_MS);
        const cancel = token.onCancellationRequested(done);
        void (async () => {
          for (const uri of checked) {
            if (token.isCancellationRequested) {
              break;
            }
            try {
              await vscode.workspace.openTextDocument(uri);
            } catch {
              pending.delete(uri.toString()); // unreadable: the Problems panel cannot show it either
            }
          }
          if (pending.size === 0) {
            done();
          }
        })();
      });
      const sum = { errors: 0, warnings: 0, infos: 0, notesWithErrors: 0 };
      for (const uri of checked) {
        const c = counts.get(uri);
        sum.errors += c?.errors ?? 0;
        sum.warnings += c?.warnings ?? 0;
        sum.infos += c?.infos ?? 0;
        sum.notesWithErrors += c && c.errors > 0 ? 1 : 0;
      }
      return sum;
    },
  );
  const more = uris.length > MAX_NOTES ? vscode.l10n.t(' (only the first {0})', MAX_NOTES) : '';
  const unchecked = pending.size > 0 ? vscode.l10n.t(' {0} not checked yet.', pending.size) : '';
  const message = vscode.l10n.t('soapnote: checked {0} note(s){1}: {2} error(s) in {3} note(s), {4} warning(s), {5} info.{6}', checked.length, more, totals.errors, totals.notesWithErrors, totals.warnings, totals.infos, unchecked);
  const show = vscode.l10n.t('Show Problems');
  const notice = (...items: string[]) => (totals.errors > 0 ? vscode.window.showWarningMessage(message, ...items) : vscode.window.showInformationMessage(message, ...items));
  let showProblems: boolean;
  if (answers) {
    void notice(); // no button and not waited for: its promise settles only when the notice is closed
    showProblems = answers.showProblems === true;
  } else {
    showProblems = (await notice(show)) === show;
  }
  if (showProblems) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return { notes: checked.length, ...totals, unchecked: pending.size };
}
