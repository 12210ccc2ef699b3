import {
  CodeLensRefreshRequest,
  createConnection,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type FileSystemWatcher,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { registerFeatures } from './lsp/features';
import { registerCustomRequests } from './lsp/custom';
import { NOTE_SELECTOR, serverCapabilities } from './lsp/capabilities';
import { Guard } from './lsp/guard';
import { PackWatchers } from './lsp/packWatchers';
import { ServerState } from './lsp/state';
import { uriToPath } from './lsp/workspaces';
import { FindingCountsNotification } from './protocol';
import { localeOf } from './core/l10n/localize';

/** How long notes wait for the first `soapnote.rules` from the client before they are checked without them. */
const SETTINGS_WAIT_MS = 2000;

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
  let packWatchers: PackWatchers | undefined;
  const state = new ServerState(
    {
      diagnostics: (params) => void connection.sendDiagnostics(params),
      counts: (counts) => void connection.sendNotification(FindingCountsNotification, counts),
    },
    (kind, error) => guard.logOnce(kind, error),
    (paths) => packWatchers?.update(paths),
  );
  let watchDynamically = false;
  let formatDynamically = false;
  let codeLensRefresh = false;
  let pullSettings = false;
  let settingsScope: string | undefined;

  /** Asks the client for `soapnote.rules` (for the editor's workspace folder) and applies them. */
  const fetchSettings = async (): Promise<void> => {
    try {
      const soapnote = (await connection.workspace.getConfiguration({ section: 'soapnote', scopeUri: settingsScope })) as { rules?: unknown } | null;
      state.setRuleSettings(soapnote?.rules);
    } catch (error) {
      guard.logOnce('settings', error);
      state.setRuleSettings(undefined);
    }
  };

  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as SoapnoteInitOptions;
    state.init(initRoot(params), typeof options.debounceMs === 'number' ? options.debounceMs : undefined);
    state.locale = localeOf(params.locale);
    const watched = params.capabilities.workspace?.didChangeWatchedFiles;
    watchDynamically = watched?.dynamicRegistration === true;
    if (watchDynamically) {
      const register = (watchers: FileSystemWatcher[]) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      packWatchers = new PackWatchers(register, watched?.relativePatternSupport === true, (error) => guard.logOnce('pack watcher registration', error));
    }
    pullSettings = params.capabilities.workspace?.configuration === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    settingsScope = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (pullSettings) {
      state.holdForSettings(SETTINGS_WAIT_MS);
    }
    formatDynamically = params.capabilities.textDocument?.formatting?.dynamicRegistration === true;
    return { capabilities: serverCapabilities({ dynamicFormatting: formatDynamically }), serverInfo: { name: 'soapnote' } };
  });

  connection.onInitialized(() => {
    if (formatDynamically) {
      connection.client.register(DocumentFormattingRequest.type, { documentSelector: NOTE_SELECTOR })
        .catch((error: unknown) => guard.logOnce('formatting registration', error));
    }
    // Settings first, so the warm-up builds the engine once, with them.
    const settings = pullSettings ? fetchSettings() : Promise.resolve();
    void settings.then(() => setImmediate(() => guard.run('workspace load', () => state.warmUp())));
    if (watchDynamically) {
      // The config and clinic packs live under .soapnote/; a change there rebuilds the engine.
      // Notes on disk feed the client record (health history carried between visits); review files hold an educator's comments.
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.soapnote/**' }, { globPattern: '**/*.soap.{yaml,yml}' }, { globPattern: '**/*.review.yaml' }] })
        .catch((error: unknown) => guard.logOnce('file watcher registration', error));
    }
  });

  state.documents.onDidOpen((e) => guard.run('open', () => state.changed(e.document, true)));
  state.documents.onDidChangeContent((e) => guard.run('change', () => state.changed(e.document, false)));
  state.documents.onDidClose((e) => guard.run('close', () => state.closed(e.document)));
  // VS Code's client pushes `{soapnote: {...}}` (synchronize.configurationSection); pull clients send null and are asked.
  connection.onDidChangeConfiguration((params) => {
    if (pullSettings) {
      void fetchSettings();
    } else {
      guard.run('settings', () => state.setRuleSettings((params.settings as { soapnote?: { rules?: unknown } } | null)?.soapnote?.rules));
    }
  });
  connection.onDidChangeWatchedFiles((params) => guard.run('watched files', () => {
    state.filesChanged(params.changes.map((c) => c.uri));
    // A new or changed rubric changes every note's grade lens: the client asks for them again.
    if (codeLensRefresh && params.changes.some((c) => /\/\.soapnote\/rubric\.yaml$/.test(c.uri))) {
      void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => guard.logOnce('code lens refresh', error));
    }
  }));
  connection.onShutdown(() => {
    guard.shutDown();
    state.dispose();
  });

  registerFeatures(connection, state, guard);
  registerCustomRequests(connection, state, guard);
  state.documents.listen(connection);
  connection.listen();
}
