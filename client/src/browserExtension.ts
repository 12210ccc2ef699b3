import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { ListNotesRequest, ReadDirectoryRequest, ReadFileRequest } from '../../server/src/protocolTypes';
import { checkWorkspace } from './commands/checkWorkspace';
import { copyMarkdown, exportHtml } from './commands/exportReport';
import { newNote } from './commands/newNote';
import { HistoryPanel } from './commands/showHistory';
import { signNote } from './commands/signNote';
import { BROWSER_DOCUMENT_SELECTOR, BROWSER_NOTE_SCHEMES } from './documentSelector';
import { FindingCountsStore } from './findingCounts';
import { useNoteSchemes } from './noteDocuments';
import { getLastPreviewHtml } from './preview/lastHtml';
import { PreviewManager } from './preview/previewManager';
import { startServerWorker, type WorkerLike } from './serverWorker';
import { registerStatusBar } from './statusBar';
import { listWorkspaceNotes, readWorkspaceDirectory, readWorkspaceFile } from './workspaceFiles';

let client: LanguageClient | undefined;

/**
 * The web extension (vscode.dev, github.dev): the language server runs in a web worker
 * (`dist/browser/server.js`) and reads the workspace through this extension host, which answers
 * `soapnote/readFile` and `soapnote/listNotes` with `vscode.workspace.fs`. The commands that need
 * Node (New Note's templates from disk, the `soapnote check` task) are not registered here.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('soapnote', { log: true });
  context.subscriptions.push(output);
  useNoteSchemes(BROWSER_NOTE_SCHEMES);
  let worker: WorkerLike;
  try {
    worker = await startServerWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js'));
  } catch (e) {
    notStarted(output, e);
    return;
  }
  const watcher = vscode.workspace.createFileSystemWatcher('**/.soapnote/**');
  const notesWatcher = vscode.workspace.createFileSystemWatcher('**/*.soap.{yaml,yml}');
  // An educator's review comments beside a note: the open note shows them again when the file changes.
  const reviewWatcher = vscode.workspace.createFileSystemWatcher('**/*.review.yaml');
  context.subscriptions.push(watcher, notesWatcher, reviewWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: BROWSER_DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'soapnote', fileEvents: [watcher, notesWatcher, reviewWatcher] },
    outputChannel: output,
    textSynchronization: { delayOpenNotifications: false },
    markdown: { isTrusted: false, supportHtml: false },
    // The built-in knowledge ships in the extension: go to definition opens its entries there (read through workspace.fs).
    initializationOptions: { knowledgeUri: vscode.Uri.joinPath(context.extensionUri, 'server', 'knowledge').toString() },
  };
  // vscode-languageclient 10+ takes (id, name, serverOptions: the worker, clientOptions).
  client = new LanguageClient('soapnote', 'soapnote', worker as ConstructorParameters<typeof LanguageClient>[2], clientOptions);
  const current = client;
  context.subscriptions.push(current.onRequest(ReadFileRequest, readWorkspaceFile), current.onRequest(ListNotesRequest, listWorkspaceNotes), current.onRequest(ReadDirectoryRequest, readWorkspaceDirectory));
  const counts = new FindingCountsStore(current);
  const preview = new PreviewManager(context, current, output);
  const history = new HistoryPanel(context, current);
  context.subscriptions.push(counts, preview, history, registerStatusBar(counts));
  context.subscriptions.push(
    vscode.commands.registerCommand('soapnote.openPreview', (uri?: unknown) => preview.open(uri, false)),
    vscode.commands.registerCommand('soapnote.openPreviewToSide', (uri?: unknown) => preview.open(uri, true)),
    vscode.commands.registerCommand('soapnote.newNote', (answers?: unknown) => newNote(context, current, answers)),
    vscode.commands.registerCommand('soapnote.signNote', (uri?: unknown, answers?: unknown) => signNote(current, uri, preview.currentUri, answers)),
    vscode.commands.registerCommand('soapnote.checkWorkspace', (answers?: unknown) => checkWorkspace(counts, answers)),
    vscode.commands.registerCommand('soapnote.exportHtml', (uri?: unknown, answers?: unknown) => exportHtml(current, uri, preview.currentUri, answers)),
    vscode.commands.registerCommand('soapnote.copyMarkdown', (uri?: unknown) => copyMarkdown(current, uri, preview.currentUri)),
    vscode.commands.registerCommand('soapnote.showHistory', (uri?: unknown) => history.show(uri, preview.currentUri)),
    vscode.commands.registerCommand('soapnote.restartServer', async () => {
      output.info('restarting the language server (user request)');
      await (current.isRunning() ? current.stop().then(() => current.start()) : current.start());
    }),
  );
  // Hooks for the in-editor suite run in the browser (test/e2e/web/): outside an installed extension only, never contributed.
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand('soapnote._lastPreviewHtml', () => getLastPreviewHtml()),
      vscode.commands.registerCommand('soapnote._serverInfo', () => current.initializeResult?.serverInfo),
    );
  }
  try {
    await current.start();
    output.info('activated (web worker language server)');
  } catch (e) {
    notStarted(output, e);
  }
}

/** Says in the output channel and a message that the language server did not start, and why. */
function notStarted(output: vscode.LogOutputChannel, e: unknown): void {
  output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: the language server did not start. See the "soapnote" output channel.'));
}

/** Stops the worker's language server. */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.isRunning()) {
    await running.stop();
  }
}
