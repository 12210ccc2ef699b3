/**
 * The language server as a web worker (vscode.dev, github.dev): the shared adapter
 * (`lsp/languageServer.ts`) over a host whose files come from the extension over `soapnote/readFile`,
 * `soapnote/listNotes` and `soapnote/readDirectory` (it reads them with `vscode.workspace.fs`, so a
 * virtual file system works); the built-in packs are bundled as data; hashing is the pure SHA-256.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, type Connection } from 'vscode-languageserver/browser';
import { startLanguageServer } from '../lsp/languageServer';
import { ListNotesRequest, ReadDirectoryRequest, ReadFileRequest, type ListNotesResult, type ReadDirectoryResult, type ReadFileResult } from '../protocolTypes';
import { browserCapabilities, BROWSER_NOTE_SCHEMES } from './capabilities';
import { workerHost } from './workerHost';

/** Starts the server on a message port (the worker's global scope in the extension; a test may pass its own). */
export function startBrowserServer(port: ConstructorParameters<typeof BrowserMessageReader>[0]): Connection {
  const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
  startLanguageServer(
    connection,
    (deps) =>
      workerHost({
        workspaceFolders: deps.workspaceFolders,
        openText: deps.openText,
        readFile: (params) => connection.sendRequest<ReadFileResult>(ReadFileRequest.method, params),
        listNotes: (params) => connection.sendRequest<ListNotesResult>(ListNotesRequest.method, params),
        // An extension without the request (an older one) lists nothing: completion then offers no file names.
        readDirectory: (params) => connection.sendRequest<ReadDirectoryResult>(ReadDirectoryRequest.method, params).catch(() => ({ entries: [] })),
        knowledgeUri: () => {
          const given = deps.initializationOptions().knowledgeUri;
          return typeof given === 'string' && given !== '' ? given : undefined;
        },
        onRuleError: deps.onRuleError,
      }),
    {
      serverName: 'soapnote (web worker)',
      capabilities: browserCapabilities,
      formattingSelector: BROWSER_NOTE_SCHEMES.flatMap((scheme) => [{ scheme, language: 'soapnote' }, { scheme, pattern: '**/*.soap.{yaml,yml}' }]),
      // A worker has no process to exit: it stops listening and closes itself (the client terminates it too).
      exit: () => {
        connection.dispose();
        (globalThis as { close?: () => void }).close?.();
      },
    },
  );
  return connection;
}

startBrowserServer(globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0]);
