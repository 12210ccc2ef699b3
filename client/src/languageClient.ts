import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_DOCUMENT_SELECTOR } from './documentSelector';
import { BoundedRestartHandler, MAX_RESTARTS } from './restartPolicy';

/** The language client plus a restart that also forgets earlier crashes (for "Restart Language Server"). */
export interface SoapnoteClient {
  client: LanguageClient;
  restart(): Promise<void>;
}

/**
 * Creates (does not start) the language client for the bundled server `dist/server.js`, spoken to
 * over Node IPC. Settings under `soapnote.*` and changes in `.soapnote/` (config, packs, templates)
 * are forwarded to the server; a server that keeps crashing is given up on with a message.
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): SoapnoteClient {
  const module = context.asAbsolutePath('dist/server.js');
  // V8's code cache for the server bundle, in this user's private extension storage (a faster start;
  // see server/src/node/codeCache.ts). Not for debugging: --nolazy compiles differently.
  const codeCache = context.globalStorageUri.scheme === 'file' ? [`--code-cache-dir=${vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath}`] : [];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args: codeCache },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Created here, handed to the client and disposed with the extension, so restarts do not leak watchers.
  const watcher = vscode.workspace.createFileSystemWatcher('**/.soapnote/**');
  // Notes on disk feed the server's index of the client record (health history carried between visits).
  const notesWatcher = vscode.workspace.createFileSystemWatcher('**/*.soap.{yaml,yml}');
  context.subscriptions.push(watcher, notesWatcher);
  const errorHandler = new BoundedRestartHandler(() => {
    const restart = vscode.l10n.t('Restart Server');
    const show = vscode.l10n.t('Show Output');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('The soapnote language server crashed {0} times in 3 minutes and was stopped. Notes are not checked until it is restarted.', MAX_RESTARTS + 1), restart, show)
      .then((choice) => {
        if (choice === restart) {
          void vscode.commands.executeCommand('soapnote.restartServer');
        } else if (choice === show) {
          output.show(true);
        }
      });
  });
  const clientOptions: LanguageClientOptions = {
    documentSelector: SERVER_DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'soapnote', fileEvents: [watcher, notesWatcher] },
    outputChannel: output,
    errorHandler,
    // Without this the server would only hear of notes once they are shown; "Check All Notes" opens them unseen.
    textSynchronization: { delayOpenNotifications: false },
    markdown: { isTrusted: false, supportHtml: false },
  };
  const client = new LanguageClient('soapnote', 'soapnote', serverOptions, clientOptions);
  return {
    client,
    async restart() {
      errorHandler.reset();
      // A client that gave up is stopped: start it; a running one restarts (stop, then start).
      await (client.isRunning() ? client.restart() : client.start());
    },
  };
}
