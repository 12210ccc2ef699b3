import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

/** The repository root (tests run from `out/test/lsp`, the bench from `out/scripts/bench`). */
export const REPO = resolve(__dirname, '..', '..', '..');

/** The compiled server entry point the tests start. */
export const SERVER_MAIN = join(REPO, 'out', 'server', 'src', 'lspMain.js');

/** A `file:` uri for a path inside the repo. */
export function repoUri(...parts: string[]): string {
  return pathToFileURL(join(REPO, ...parts)).toString();
}

/** How to start a server: the command line and what to send in `initialize`. */
export interface StartOptions {
  args?: string[];
  rootUri?: string | null;
  initializationOptions?: unknown;
  /** Capabilities to announce (default: dynamic file watching on, so registration is exercised). */
  capabilities?: object;
  /** Settings by section, answered to `workspace/configuration` (yaml-language-server pulls its settings); read at each request, so a test may change them. */
  settings?: Record<string, unknown>;
  /** Delay before answering `workspace/configuration`, in ms (a slow editor). */
  settingsDelayMs?: number;
  /** The editor's language, sent as `InitializeParams.locale` (VS Code sends its display language). */
  locale?: string;
}

interface Waiter {
  uri: string;
  version: number | undefined;
  resolve: (params: PublishDiagnosticsParams) => void;
}

/**
 * A minimal LSP client over a real child process and stdio: what an editor does, without an editor.
 * ```ts
 * const client = await LspClient.start();
 * client.open(uri, text);
 * const diags = await client.waitForDiagnostics(uri, 1);
 * ```
 */
export class LspClient {
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** `soapnote/findingCounts` and `window/logMessage` notifications received, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** `client/registerCapability` params received, in order (dynamic file watchers). */
  readonly registrations: { registrations: { method: string; registerOptions?: unknown }[] }[] = [];
  /** The server's stderr (startup failures and crashes show up here). */
  stderr = '';
  initializeResult: InitializeResult | undefined;
  private readonly waiters: Waiter[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection, settings: Record<string, unknown>, settingsDelayMs = 0) {
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((done) => process.on('exit', (code) => done(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    for (const method of ['soapnote/findingCounts', 'window/logMessage']) {
      connection.onNotification(method, (params: unknown) => void this.notifications.push({ method, params }));
    }
    // The server may register a file watcher; a client must answer.
    connection.onRequest('client/registerCapability', (params: LspClient['registrations'][number]) => {
      this.registrations.push(params);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
      await new Promise((resolveLater) => setTimeout(resolveLater, settingsDelayMs));
      return params.items.map((item) => settings[item.section ?? ''] ?? null);
    });
    connection.listen();
  }

  /** Spawns `node <script> --stdio` (our server by default) and completes the initialize handshake. */
  static async start(options: StartOptions = {}, script = SERVER_MAIN): Promise<LspClient> {
    const child = spawn(process.execPath, [script, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options.settings ?? {}, options.settingsDelayMs);
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: options.capabilities ?? { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: options.initializationOptions,
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a document (didOpen). */
  open(uri: string, text: string, version = 1, languageId = 'soapnote'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces a document's whole text (didChange). */
  replace(uri: string, version: number, text: string): Promise<void> {
    return this.change(uri, version, [{ text }]);
  }

  /** Sends didChange with the given content changes. */
  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** Closes a document (didClose). */
  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends a request and returns its result. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Resolves with the diagnostics for `uri` at `version` (any version when omitted), including ones already received. */
  waitForDiagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const seen = this.published.find((p) => p.uri === uri && (version === undefined || p.version === version));
    if (seen) {
      return Promise.resolve(seen);
    }
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (p) => (clearTimeout(timer), resolvePromise(p)) });
    });
  }

  /** Resolves with the first notification of `method` whose params pass `accept`, including ones already received. */
  async waitForNotification<P>(method: string, accept: (params: P) => boolean, timeoutMs = 10_000): Promise<P> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find((n) => n.method === method && accept(n.params as P));
      if (found) {
        return found.params as P;
      }
      if (Date.now() > deadline) {
        throw new Error(`no ${method} notification within ${timeoutMs} ms`);
      }
      await new Promise((resolveLater) => setTimeout(resolveLater, 5));
    }
  }

  /** Clears what was received so far (so a wait only sees what comes next). */
  forget(): void {
    this.published.length = 0;
    this.notifications.length = 0;
  }

  /** True while the server process is running. */
  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** shutdown + exit; resolves with the process exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Kills the process (cleanup after a failed test). */
  kill(): void {
    if (this.alive) {
      this.process.kill();
    }
    this.connection.dispose();
  }
}

/** Splits a document written with a `|` cursor marker into its text and the cursor position. */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  const offset = marked.indexOf('|');
  if (offset < 0) {
    throw new Error('no | cursor marker');
  }
  const before = marked.slice(0, offset);
  const lines = before.split('\n');
  return { text: before + marked.slice(offset + 1), position: { line: lines.length - 1, character: lines[lines.length - 1]?.length ?? 0 } };
}
