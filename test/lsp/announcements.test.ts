import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

const NOTE = 'soapnote: 1\nclient: C-0001\ndate: 2026-11-02\ntherapist: T\ntreatment:\n  - {technique: effleurage, target: calf}\n';

/** A workspace folder with the given config text. */
function folder(config?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'soapnote-announce-'));
  if (config !== undefined) {
    mkdirSync(join(root, '.soapnote'));
    writeFileSync(join(root, '.soapnote', 'config.yaml'), config);
  }
  return root;
}

const weakened = (diagnostics: Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.code === 'config.weakened');

describe('language server: weakened checks are announced on every note', function () {
  this.timeout(30_000);
  const roots: string[] = [];
  const clients: LspClient[] = [];
  const open = async (root: string, settings?: unknown): Promise<Diagnostic[]> => {
    const client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 } });
    clients.push(client);
    if (settings !== undefined) {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { soapnote: { rules: settings } } });
    }
    const uri = pathToFileURL(join(root, 'a.soap.yaml')).toString();
    await client.open(uri, NOTE, 1);
    for (let i = 0; i < 100; i++) {
      const latest = client.published.filter((p) => p.uri === uri).at(-1);
      if (latest && (settings === undefined || weakened(latest.diagnostics).length > 0)) {
        return latest.diagnostics;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    return client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
  };
  after(async () => {
    for (const c of clients) {
      if (c.alive) {
        await c.shutdown();
      }
    }
    roots.forEach((r) => rmSync(r, { recursive: true, force: true }));
  });

  it('an information diagnostic on the first line names each change and the config line', async () => {
    const root = folder('rules:\n  contraindication.local: warning\n');
    roots.push(root);
    const found = weakened(await open(root));
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 3);
    assert.deepEqual(found[0]?.range.start, { line: 0, character: 0 });
    assert.match(String(found[0]?.message ?? ''), /\.soapnote\/config\.yaml:2: rule 'contraindication\.local' is lowered to warning/);
  });

  it('the editor setting soapnote.rules is announced as its own source', async () => {
    const root = folder();
    roots.push(root);
    const found = weakened(await open(root, { 'contraindication.technique': 'off' }));
    assert.match(String(found[0]?.message ?? ''), /VS Code setting soapnote\.rules:1: rule 'contraindication\.technique' is off/);
  });

  it('nothing is announced when the checks are as shipped', async () => {
    const root = folder('rules:\n  vocabulary.unknown-term: error\n');
    roots.push(root);
    assert.deepEqual(weakened(await open(root)), []);
  });
});

describe('language server: after shutdown', function () {
  this.timeout(30_000);

  it('answers requests with InvalidRequest, then exits 0 on exit', async () => {
    const client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
    const uri = 'untitled:a.soap.yaml';
    await client.open(uri, NOTE, 1);
    await client.connection.sendRequest('shutdown');
    const requests: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 18 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['soapnote/render', { uri, format: 'md' }],
    ];
    for (const [method, params] of requests) {
      await assert.rejects(client.connection.sendRequest(method, params), (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidRequest, method);
    }
    await client.connection.sendNotification('exit');
    const code = await new Promise<number | null>((done) => (client.alive ? client.process.on('exit', (c) => done(c)) : done(client.process.exitCode)));
    assert.equal(code, 0);
    client.connection.dispose();
  });
});
