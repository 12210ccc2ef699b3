import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type FileSystemWatcher,
} from 'vscode-languageserver/node';
import type { ServiceWorkspace } from './core/languageService';
import { listedPackUris } from './core/serviceAuthoring';
import { isInsideUri } from './core/uris';
import { NOTE_SELECTOR, serverCapabilities } from './lsp/capabilities';
import { startLanguageServer } from './lsp/languageServer';
import { PackWatchers } from './lsp/packWatchers';
import { nodeServiceHost } from './node/serviceHost';

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

/**
 * The packs a workspace lists outside a `.soapnote/` folder of the editor's first folder, as paths:
 * the client's static `**\/.soapnote/**` watcher does not cover them.
 */
function unwatchedPacks(workspace: ServiceWorkspace, folder: string | undefined): string[] {
  const packs = listedPackUris(workspace).filter((uri) => uri.startsWith('file:') && isInsideUri(uri, workspace.root));
  const init = folder?.startsWith('file:') ? fileURLToPath(folder) : undefined;
  return packs.map((uri) => fileURLToPath(uri)).filter((path) => init === undefined || relative(init, path).startsWith('..') || !relative(init, path).split(sep).includes('.soapnote'));
}

/** Starts the language server on stdio or Node IPC (the shared adapter over the disk host); returns when the connection is listening. */
export function startServer(transport: 'stdio' | 'node-ipc'): void {
  const connection = connect(transport);
  let folders: () => readonly string[] = () => [];
  let packWatchers: PackWatchers | undefined;
  /** Per workspace root, the listed packs the static watchers miss. */
  const packsByRoot = new Map<string, string[]>();
  startLanguageServer(
    connection,
    (deps) => {
      folders = deps.workspaceFolders;
      return nodeServiceHost({ workspaceFolders: deps.workspaceFolders, openText: deps.openText, onRuleError: deps.onRuleError });
    },
    {
      serverName: 'soapnote',
      capabilities: (dynamicFormatting) => serverCapabilities({ dynamicFormatting }),
      formattingSelector: NOTE_SELECTOR,
      initialized(params) {
        const watched = params.capabilities.workspace?.didChangeWatchedFiles;
        if (watched?.dynamicRegistration !== true) {
          return;
        }
        const register = (watchers: FileSystemWatcher[]) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
        // The config and clinic packs live under .soapnote/; notes on disk feed the client's record; review files hold an educator's comments.
        register([{ globPattern: '**/.soapnote/**' }, { globPattern: '**/*.soap.{yaml,yml}' }, { globPattern: '**/*.review.yaml' }])
          .catch((error: unknown) => connection.console.error(`file watcher registration: ${String(error)}`));
        packWatchers = new PackWatchers(register, watched.relativePatternSupport === true, (error) => connection.console.error(`pack watcher registration: ${String(error)}`));
      },
      workspaceLoaded(workspace) {
        packsByRoot.set(workspace.root, unwatchedPacks(workspace, folders()[0]));
        packWatchers?.update([...packsByRoot.values()].flat());
      },
    },
  );
}
