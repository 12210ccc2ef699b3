import {
  createConnection,
  DidChangeWatchedFilesNotification,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { registerFeatures } from './lsp/features';
import { registerCustomRequests } from './lsp/custom';
import { serverCapabilities } from './lsp/capabilities';
import { Guard } from './lsp/guard';
import { ServerState } from './lsp/state';
import { uriToPath } from './lsp/workspaces';
import { FindingCountsNotification } from './protocol';

/** Options the client may pass in `initializationOptions`. */
export interface SoapnoteInitOptions {
  /** Delay between an edit and its diagnostics, in ms (default 150; 0 for tests and benchmarks). */
  debounceMs?: number;
}

function connect(transport: 'stdio' | 'node-ipc'): Connection {
  return transport === 'node-ipc'
    ? createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process))
    : createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
}

/** The workspace root the client names: its first workspace folder, else `rootUri`. */
function initRoot(params: InitializeParams): string | undefined {
  const uri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  return uri ? uriToPath(uri) : undefined;
}

/** Starts the language server on stdio or Node IPC; returns when the connection is listening. */
export function startServer(transport: 'stdio' | 'node-ipc'): void {
  const connection = connect(transport);
  const guard = new Guard((message) => connection.console.error(message));
  const state = new ServerState(
    {
      diagnostics: (params) => void connection.sendDiagnostics(params),
      counts: (counts) => void connection.sendNotification(FindingCountsNotification, counts),
    },
    (kind, error) => guard.logOnce(kind, error),
  );
  let watchDynamically = false;

  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as SoapnoteInitOptions;
    state.init(initRoot(params), typeof options.debounceMs === 'number' ? options.debounceMs : undefined);
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return { capabilities: serverCapabilities(), serverInfo: { name: 'soapnote' } };
  });

  connection.onInitialized(() => {
    setImmediate(() => guard.run('workspace load', () => state.warmUp()));
    if (watchDynamically) {
      // The config and clinic packs live under .soapnote/; a change there rebuilds the engine.
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.soapnote/**' }] })
        .catch((error: unknown) => guard.logOnce('file watcher registration', error));
    }
  });

  state.documents.onDidOpen((e) => guard.run('open', () => state.changed(e.document, true)));
  state.documents.onDidChangeContent((e) => guard.run('change', () => state.changed(e.document, false)));
  state.documents.onDidClose((e) => guard.run('close', () => state.closed(e.document)));
  connection.onDidChangeWatchedFiles((params) => guard.run('watched files', () => state.filesChanged(params.changes.map((c) => c.uri))));
  connection.onShutdown(() => state.dispose());

  registerFeatures(connection, state, guard);
  registerCustomRequests(connection, state, guard);
  state.documents.listen(connection);
  connection.listen();
}
