import * as vscode from 'vscode';
import { checkWorkspace } from './commands/checkWorkspace';
import { copyMarkdown, exportHtml } from './commands/exportReport';
import { newNote } from './commands/newNote';
import { HistoryPanel } from './commands/showHistory';
import { signNote } from './commands/signNote';
import { FindingCountsStore } from './findingCounts';
import { createLanguageClient, type SoapnoteClient } from './languageClient';
import { getLastPreviewHtml } from './preview/lastHtml';
import { PreviewManager } from './preview/previewManager';
import { registerStatusBar } from './statusBar';
import { registerTaskProvider } from './tasks';

let soapnote: SoapnoteClient | undefined;

/**
 * Starts the extension: the language server (checks, completion, hover, fixes, rendering), the
 * report preview, the commands and the status-bar counts. Activated by a note or a command.
 */
/** Milliseconds from activation to a running language server, for the e2e timing report. */
let activationMs: number | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('soapnote', { log: true });
  context.subscriptions.push(output);
  soapnote = createLanguageClient(context, output);
  const { client } = soapnote;
  const counts = new FindingCountsStore(client);
  const preview = new PreviewManager(context, client, output);
  const history = new HistoryPanel(context, client);
  context.subscriptions.push(counts, preview, history, registerStatusBar(counts));

  // Command ids are written out in each registerCommand call: the manifest test greps for them.
  context.subscriptions.push(
    vscode.commands.registerCommand('soapnote.openPreview', (uri?: unknown) => preview.open(uri, false)),
    vscode.commands.registerCommand('soapnote.openPreviewToSide', (uri?: unknown) => preview.open(uri, true)),
    // `answers`: what the prompts would ask, for callers without a user (shapes in each command's *Answers type).
    vscode.commands.registerCommand('soapnote.newNote', (answers?: unknown) => newNote(context, client, answers)),
    vscode.commands.registerCommand('soapnote.signNote', (uri?: unknown, answers?: unknown) => signNote(client, uri, preview.currentUri, answers)),
    vscode.commands.registerCommand('soapnote.checkWorkspace', (answers?: unknown) => checkWorkspace(counts, answers)),
    vscode.commands.registerCommand('soapnote.exportHtml', (uri?: unknown, answers?: unknown) => exportHtml(client, uri, preview.currentUri, answers)),
    vscode.commands.registerCommand('soapnote.showHistory', (uri?: unknown) => history.show(uri, preview.currentUri)),
    vscode.commands.registerCommand('soapnote.copyMarkdown', (uri?: unknown) => copyMarkdown(client, uri, preview.currentUri)),
    vscode.commands.registerCommand('soapnote.restartServer', async () => {
      output.info('restarting the language server (user request)');
      await soapnote?.restart();
    }),
    registerTaskProvider(),
  );
  // Hooks for the end-to-end suite (which cannot look inside the webview, and reports activation
  // time): registered only when the extension runs from a development or test host, never in an
  // installed .vsix, and not contributed in the manifest.
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand('soapnote._lastPreviewHtml', () => getLastPreviewHtml()),
      vscode.commands.registerCommand('soapnote._activationMs', () => activationMs),
    );
  }

  try {
    await client.start();
    activationMs = performance.now() - started;
    output.info(`activated, language server ready, in ${activationMs.toFixed(0)} ms`);
  } catch (e) {
    // Activation still succeeds, so the preview and commands can say what is wrong instead of vanishing.
    output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: the language server did not start. See the "soapnote" output channel.'));
  }
}

/** Stops the language server (VS Code waits for the returned promise). */
export async function deactivate(): Promise<void> {
  const client = soapnote?.client;
  soapnote = undefined;
  if (client?.isRunning()) {
    await client.stop();
  }
}
