import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AbstractMessageReader, AbstractMessageWriter, createProtocolConnection, type DataCallback, type Disposable, type Message, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../unit/repoRoot';

/** The CSP every response carries: no `unsafe-eval`, so a validator compiled at run time (`new Function`) would fail in the worker. */
export const WORKER_CSP = "default-src 'none'; script-src 'self'; worker-src 'self'";

/** The page that starts the worker and relays its messages both ways. */
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>soapnote worker</title></head><body>
<script src="/bridge.js"></script></body></html>`;
const BRIDGE = `
const worker = new Worker('/server.js');
worker.onmessage = (e) => window.__deliver(e.data);
worker.onerror = (e) => window.__workerError(String(e.message || e));
window.__send = (message) => worker.postMessage(message);
// A worker under the same policy that tries to generate code: 'refused' proves the policy holds for workers.
window.__probe = new Promise((resolve) => {
  const probe = new Worker('/probe.js');
  probe.onmessage = (e) => resolve(e.data);
});
`;
const PROBE = `try { postMessage(String(new Function('return "allowed"')())); } catch (e) { postMessage('refused'); }`;

/** Builds the browser bundle of the server (scripts/browserBundles.mjs, as `npm run bundle` does) into a temporary folder; returns its text. */
export async function buildWorkerBundle(): Promise<string> {
  const root = repoRoot();
  const dir = mkdtempSync(join(tmpdir(), 'soapnote-worker-'));
  try {
    const { BROWSER_BUNDLES, browserBuildOptions } = (await import(pathToFileURL(join(root, 'scripts', 'browserBundles.mjs')).href)) as {
      BROWSER_BUNDLES: { entry: string }[];
      browserBuildOptions: (root: string, bundle: unknown, options: { outfile: string }) => object;
    };
    const server = BROWSER_BUNDLES.find((b) => b.entry.endsWith('serverMain.ts'));
    const esbuild = (await import('esbuild')) as { build(options: object): Promise<unknown> };
    const outfile = join(dir, 'server.js');
    await esbuild.build({ ...browserBuildOptions(root, server, { outfile }), sourcemap: false, logLevel: 'error' });
    return readFileSync(outfile, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves the page, the bridge and the worker bundle on a loopback port, each with {@link WORKER_CSP}. */
export async function serveWorker(bundle: string): Promise<{ url: string; close(): Promise<void> }> {
  const files: Record<string, [string, string]> = { '/': ['text/html', PAGE], '/bridge.js': ['text/javascript', BRIDGE], '/server.js': ['text/javascript', bundle], '/probe.js': ['text/javascript', PROBE] };
  const server: Server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${file[0]}; charset=utf-8`, 'content-security-policy': WORKER_CSP, 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The part of playwright's Page this bridge uses. */
export interface BridgePage {
  goto(url: string): Promise<unknown>;
  exposeFunction(name: string, fn: (arg: unknown) => void): Promise<void>;
  evaluate<T, A>(fn: (arg: A) => T, arg: A): Promise<T>;
}

class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  private readonly early: Message[] = [];

  deliver(message: Message): void {
    if (this.callback) {
      this.callback(message);
    } else {
      this.early.push(message);
    }
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    this.early.splice(0).forEach((m) => callback(m));
    return { dispose: () => (this.callback = undefined) };
  }
}

class PageWriter extends AbstractMessageWriter {
  constructor(private readonly page: BridgePage) {
    super();
  }

  async write(message: Message): Promise<void> {
    await this.page.evaluate((m) => (window as unknown as { __send(m: unknown): void }).__send(m), message as unknown);
  }

  end(): void {}
}

declare const window: unknown;

/** Opens the page and returns an LSP connection to the worker over `postMessage`, and the worker's errors as they come. */
export async function connectToWorker(page: BridgePage, url: string): Promise<{ connection: ProtocolConnection; errors: string[] }> {
  const reader = new PageReader();
  const errors: string[] = [];
  await page.exposeFunction('__deliver', (message) => reader.deliver(message as Message));
  await page.exposeFunction('__workerError', (message) => void errors.push(String(message)));
  await page.goto(url);
  const connection = createProtocolConnection(reader, new PageWriter(page));
  connection.listen();
  return { connection, errors };
}
