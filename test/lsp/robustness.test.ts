import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type CompletionList } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine } from '../../server/src/core/engine';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { prng } from '../../scripts/generateNotes';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import type { RenderResult } from '../../server/src/protocol';
import { LspClient, REPO } from './client';

const DVT = readFileSync(join(REPO, 'examples', 'conflicts', 'dvt-calf-effleurage.soap.yaml'), 'utf8');
const CLEAN = readFileSync(join(REPO, 'examples', 'clean', 'C-0142-2026-09-08.soap.yaml'), 'utf8');

const FRAGMENTS = ['\n  - technique: effleurage\n    target: calf\n', 'side: left', '{target: gastroc, side: R}', '&a ', '*a', '\t', '---\n', '"unterminated', '? ', '|\n  ', '- ', ': ', '[', ']', '{', '}', '#', 'pressure: 9', 'condition: deep vein thrombosis', '\uFEFF', '😀', '\r\n'];
const CHARS = 'ab: -\n{}[]"\'#&*!%@`|>,?';

/** The error code of a rejected request, or 'ok' for an answer. */
async function outcome(request: Promise<unknown>): Promise<string | number> {
  try {
    await request;
    return 'ok';
  } catch (error) {
    return (error as { code?: number }).code ?? String(error);
  }
}

describe('language server robustness', function () {
  this.timeout(60_000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
  });

  it('survives 1,000 random edits with completion and hover requests in between', async () => {
    const uri = 'file:///virtual/fuzz.soap.yaml';
    const random = prng(20261120);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let mirror = TextDocument.create(uri, 'soapnote', 1, DVT);
    await client.open(uri, DVT, 1);
    const requests: Promise<string | number>[] = [];
    for (let version = 2; version <= 1001; version++) {
      const text = mirror.getText();
      const offset = Math.floor(random() * (text.length + 1));
      const start = mirror.positionAt(offset);
      const roll = random();
      const change = roll < 0.4
        ? { range: { start, end: mirror.positionAt(Math.min(text.length, offset + 1 + Math.floor(random() * 20))) }, text: '' }
        : { range: { start, end: start }, text: roll < 0.7 ? pick(FRAGMENTS) : pick([...CHARS]) };
      mirror = TextDocument.update(mirror, [change], version);
      void client.change(uri, version, [change]);
      if (version % 4 === 0) {
        const position = mirror.positionAt(Math.floor(random() * (mirror.getText().length + 1)));
        requests.push(outcome(client.request('textDocument/completion', { textDocument: { uri }, position })));
        requests.push(outcome(client.request('textDocument/hover', { textDocument: { uri }, position })));
      }
      if (version % 50 === 0) {
        const range = { start: { line: 0, character: 0 }, end: mirror.positionAt(mirror.getText().length) };
        requests.push(outcome(client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })));
        requests.push(outcome(client.request('textDocument/documentSymbol', { textDocument: { uri } })));
        requests.push(outcome(client.request('textDocument/foldingRange', { textDocument: { uri } })));
        requests.push(outcome(client.request('textDocument/inlayHint', { textDocument: { uri }, range })));
        requests.push(outcome(client.request('textDocument/codeLens', { textDocument: { uri } })));
        requests.push(outcome(client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })));
        requests.push(outcome(client.request('soapnote/render', { uri, format: 'html' })));
      }
    }
    const outcomes = await Promise.all(requests);
    assert.deepEqual(outcomes.filter((o) => o !== 'ok'), []);
    await client.waitForDiagnostics(uri, 1001);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only go up');
    // The server's text is the mirror's: its report of the last version equals one made in-process from the mirror.
    const render = await client.request<RenderResult>('soapnote/render', { uri, format: 'md' });
    assert.equal(render.version, 1001);
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
    assert.equal(render.markdown, renderMarkdown(engine.analyze(mirror.getText()), engine.vocabulary));
    assert.ok(client.alive);
    assert.doesNotMatch(client.stderr, /Error|Uncaught/);
    // A handler that threw would still answer (empty), so its log line is the only trace.
    assert.deepEqual(client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message), []);
  });

  it('honours $/cancelRequest and keeps serving', async () => {
    const uri = 'file:///virtual/cancel.soap.yaml';
    await client.open(uri, DVT, 1);
    const results = [];
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      results.push(outcome(client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 35, character: 15 } }, source.token)));
      source.cancel();
    }
    const outcomes = await Promise.all(results);
    assert.ok(outcomes.every((o) => o === 'ok' || o === -32800), JSON.stringify(outcomes));
    assert.ok(outcomes.includes(-32800), 'at least one request was cancelled before it ran');
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 20 } }));
  });

  it('ignores a didChange with a stale version', async () => {
    const uri = 'file:///virtual/stale.soap.yaml';
    await client.open(uri, DVT, 1);
    await client.replace(uri, 3, CLEAN);
    await client.replace(uri, 2, DVT);
    const render = await client.request<RenderResult>('soapnote/render', { uri, format: 'md' });
    assert.equal(render.version, 3);
    assert.match(render.markdown ?? '', /C-0142/);
    await client.waitForDiagnostics(uri, 3);
    assert.ok(!client.published.some((p) => p.uri === uri && p.version === 2));
  });

  it('answers requests on closed or unknown documents with empty results', async () => {
    const uri = 'file:///virtual/closed.soap.yaml';
    await client.open(uri, DVT, 1);
    await client.waitForDiagnostics(uri, 1);
    await client.close(uri);
    const position = { line: 3, character: 3 };
    for (const target of [uri, 'file:///virtual/never-opened.soap.yaml']) {
      const textDocument = { uri: target };
      assert.equal(await client.request('textDocument/completion', { textDocument, position }), null);
      assert.equal(await client.request('textDocument/hover', { textDocument, position }), null);
      assert.deepEqual(await client.request('textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }), []);
      assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument }), []);
      assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument }), []);
      assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument, range: { start: position, end: position } }), []);
      assert.deepEqual(await client.request('textDocument/codeLens', { textDocument }), []);
      assert.deepEqual(await client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }), []);
      assert.equal(await client.request('soapnote/render', { uri: target, format: 'html' }), null);
    }
    const cleared = client.published.filter((p) => p.uri === uri).at(-1);
    assert.deepEqual(cleared?.diagnostics, [], 'closing clears the diagnostics');
  });

  it('answers an unknown request with MethodNotFound and keeps serving', async () => {
    assert.equal(await outcome(client.request('soapnote/noSuchThing', {})), -32601);
    const uri = 'file:///virtual/after-unknown.soap.yaml';
    await client.open(uri, 'soapnote: 1\ntreatment:\n  - technique: \n', 1);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 15 } });
    assert.ok(list.items.length > 0);
  });
});

describe('language server workspace config and packs', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  const pack = (techniques: string[]): string =>
    `soapnote_pack: 1\nid: clinic\nname: Clinic pack\ntechniques:\n${techniques.map((t) => `  - {id: ${t}, name: ${t.replace(/-/g, ' ')}, description: A clinic technique., pressure: 2}\n`).join('')}`;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-lsp-'));
    mkdirSync(join(root, '.soapnote', 'packs'), { recursive: true });
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'packs: [.soapnote/packs/clinic.yaml]\n');
    writeFileSync(join(root, '.soapnote', 'packs', 'clinic.yaml'), pack(['bamboo-fusion']));
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  const noteUri = (): string => pathToFileURL(join(root, 'visit.soap.yaml')).toString();
  const techniques = async (): Promise<string[]> =>
    (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: noteUri() }, position: { line: 2, character: 15 } })).items.map((i) => i.label);

  /** Retries until `check` passes: a reload happens on the server's next turn, not before the notification returns. */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await check()) {
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail('condition not reached within 2 s');
  }

  it('completes terms from the clinic pack the config lists', async () => {
    await client.open(noteUri(), 'soapnote: 1\ntreatment:\n  - technique: \n', 1);
    assert.ok((await techniques()).includes('bamboo fusion'));
  });

  it('uses a pack edited in the editor at once, before it is saved', async () => {
    const packUri = pathToFileURL(join(root, '.soapnote', 'packs', 'clinic.yaml')).toString();
    await client.open(packUri, pack(['bamboo-fusion', 'hot-stone-glide']), 1, 'yaml');
    await eventually(async () => (await techniques()).includes('hot stone glide'));
    await client.close(packUri);
    await eventually(async () => !(await techniques()).includes('hot stone glide'));
  });

  it('publishes findings on a broken config and reloads it when it is fixed on disk', async () => {
    const configPath = join(root, '.soapnote', 'config.yaml');
    const configUri = pathToFileURL(configPath).toString();
    await client.open(configUri, 'rules: {no.such-rule: error}\n', 1, 'yaml');
    const published = await client.waitForDiagnostics(configUri, 1);
    assert.ok(published.diagnostics.some((d) => d.code === 'config.invalid'));
    await client.close(configUri);
    writeFileSync(configPath, 'packs: [.soapnote/packs/clinic.yaml]\nrules: {vocabulary.unknown-term: error}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    await eventually(async () => client.published.filter((p) => p.uri === configUri).at(-1)?.diagnostics.length === 0);
    assert.ok((await techniques()).includes('bamboo fusion'));
  });
});
