import * as vscode from 'vscode';
import { workerStartsFromUrl } from './workerScheme';

/** The browser's `Worker` as the language client takes it (the extension compiles without the DOM library's types). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
}
declare const Worker: new (scriptUrl: string) => WorkerLike;

/**
 * Starts the language server's web worker from the script at `scriptUri`: by its URL where a web
 * worker host allows it, else from its bytes (read with `workspace.fs`) through a `blob:` URL.
 */
export async function startServerWorker(scriptUri: vscode.Uri): Promise<WorkerLike> {
  if (workerStartsFromUrl(scriptUri.scheme)) {
    return new Worker(scriptUri.toString(true));
  }
  const bytes = await vscode.workspace.fs.readFile(scriptUri);
  return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));
}
