import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionList, DocumentSymbol, FoldingRange, Hover, InitializeResult, MarkupContent } from 'vscode-languageserver-protocol';
import type { FindingCounts, RenderResult, SignResult } from '../../server/src/protocol';
import { LspClient, REPO, SERVER_MAIN, withCursor } from './client';

const example = (...parts: string[]): string => readFileSync(join(REPO, 'examples', ...parts), 'utf8');
const DVT = example('conflicts', 'dvt-calf-effleurage.soap.yaml');
const MISSPELLED = example('conflicts', 'misspelled-terms.soap.yaml');
const CLEAN = example('clean', 'C-0142-2026-09-08.soap.yaml');

/** 0-based lines of the lines that start with `prefix` (after indentation). */
function linesStarting(text: string, prefix: string): number[] {
  return text.split('\n').flatMap((line, i) => (line.trimStart().startsWith(prefix) ? [i] : []));
}

const labels = (list: CompletionList | null): string[] => (list?.items ?? []).map((item) => item.label);

describe('language server over stdio', function () {
  this.timeout(20_000);
  let client: LspClient;
  let nextDoc = 0;
  /** A fresh uri per test, so diagnostics of one test never satisfy another's wait. */
  const uri = (name: string): string => `file:///virtual/t${++nextDoc}-${name}.soap.yaml`;

  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
  });

  it('announces its capabilities', () => {
    const caps = (client.initializeResult as InitializeResult).capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, [':', ' ', '-']);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.codeActionProvider);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes contraindication errors on open, on the treatment lines, with the version', async () => {
    const doc = uri('dvt');
    await client.open(doc, DVT, 1);
    const published = await client.waitForDiagnostics(doc, 1);
    const absolute = published.diagnostics.filter((d) => d.code === 'contraindication.absolute');
    assert.deepEqual(absolute.map((d) => d.range.start.line), linesStarting(DVT, '- technique:'));
    for (const d of absolute) {
      assert.equal(d.severity, 1);
      assert.equal(d.source, 'soapnote');
      assert.ok(d.relatedInformation?.every((r) => r.location.uri === doc), 'related information points into the note');
    }
    const counts = await client.waitForNotification<FindingCounts>('soapnote/findingCounts', (c) => c.uri === doc);
    assert.ok(counts.errors >= absolute.length);
  });

  it('publishes the new version after a change, and nothing older afterwards', async () => {
    const doc = uri('change');
    await client.open(doc, DVT, 1);
    await client.waitForDiagnostics(doc, 1);
    await client.replace(doc, 2, CLEAN);
    const second = await client.waitForDiagnostics(doc, 2);
    assert.deepEqual(second.diagnostics.filter((d) => d.severity === 1), []);
    const versions = client.published.filter((p) => p.uri === doc).map((p) => p.version);
    assert.deepEqual(versions, [1, 2]);
  });

  const completionCases: { name: string; doc: string; includes: string[]; excludes?: string[]; first?: string }[] = [
    { name: 'technique value', doc: 'soapnote: 1\ntreatment:\n  - technique: |\n', includes: ['effleurage', 'petrissage'], excludes: ['gastrocnemius'] },
    { name: 'technique value with a prefix', doc: 'soapnote: 1\ntreatment:\n  - technique: effl|\n', includes: ['effleurage'], first: 'effleurage' },
    { name: 'target value', doc: 'soapnote: 1\ntreatment:\n  - technique: effleurage\n    target: gastro|\n', includes: ['gastrocnemius'], excludes: ['effleurage'] },
    { name: 'side value', doc: 'soapnote: 1\ntreatment:\n  - technique: effleurage\n    side: |\n', includes: ['left', 'right', 'bilateral'] },
    { name: 'pressure value', doc: 'soapnote: 1\ntreatment:\n  - technique: effleurage\n    pressure: |\n', includes: ['light', 'moderate', 'firm'] },
    { name: 'condition value', doc: 'soapnote: 1\nhealth:\n  conditions:\n    - condition: deep vein|\n', includes: ['deep vein thrombosis'] },
    { name: 'top-level key', doc: 'soapnote: 1\n|\n', includes: ['treatment', 'subjective'], excludes: ['soapnote'] },
  ];
  for (const c of completionCases) {
    it(`completes: ${c.name}`, async () => {
      const doc = uri('complete');
      const { text, position } = withCursor(c.doc);
      await client.open(doc, text, 1);
      const got = labels(await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: doc }, position })).map((l) => l.toLowerCase());
      for (const label of c.includes) {
        assert.ok(got.includes(label), `${label} in ${JSON.stringify(got.slice(0, 30))}`);
      }
      for (const label of c.excludes ?? []) {
        assert.ok(!got.includes(label), `${label} not in the list`);
      }
      if (c.first) {
        assert.equal(got[0], c.first);
      }
      await client.close(doc);
    });
  }

  it('hovers a condition with its description', async () => {
    const doc = uri('hover');
    await client.open(doc, DVT, 1);
    const line = linesStarting(DVT, '- condition:')[0] ?? 0;
    const character = (DVT.split('\n')[line] ?? '').indexOf('deep vein') + 3;
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line, character } });
    assert.ok(result, 'a hover');
    assert.match((result.contents as MarkupContent).value.toLowerCase(), /thrombosis|clot/);
  });

  it('offers a quick fix that corrects a misspelled term', async () => {
    const doc = uri('fix');
    await client.open(doc, MISSPELLED, 1);
    const published = await client.waitForDiagnostics(doc, 1);
    const unknown = published.diagnostics.find((d) => d.code === 'vocabulary.unknown-term' && d.range.start.line === linesStarting(MISSPELLED, '- technique: efleurage')[0]);
    assert.ok(unknown, 'an unknown-term diagnostic on efleurage');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: unknown.range, context: { diagnostics: [unknown] } });
    const fix = actions.find((a) => a.edit?.changes?.[doc]?.some((e) => e.newText === 'effleurage'));
    assert.ok(fix, `a fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    const edits = fix.edit?.changes?.[doc] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(doc, 'soapnote', 1, MISSPELLED), edits);
    assert.equal(fixed, MISSPELLED.replace('technique: efleurage', 'technique: effleurage'));
  });

  it('lists the SOAP sections as symbols and folds them', async () => {
    const doc = uri('symbols');
    await client.open(doc, CLEAN, 1);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: doc } });
    const names = symbols.map((s) => s.name.toLowerCase()).join(' ');
    for (const section of ['subjective', 'objective', 'treatment', 'assessment', 'plan']) {
      assert.ok(names.includes(section), `${section} in ${names}`);
    }
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: doc } });
    assert.ok(folds.length >= 5);
  });

  it('renders the report as HTML with the alerts section, and as Markdown', async () => {
    const doc = uri('render');
    await client.open(doc, DVT, 1);
    const html = await client.request<RenderResult>('soapnote/render', { uri: doc, format: 'html', nonce: 'testNonce123' });
    assert.equal(html.version, 1);
    const alerts = /<section class="alerts"[^>]*>([\s\S]*?)<\/section>/.exec(html.html ?? '');
    assert.ok(alerts, 'an alerts section (with alerts, not the clear one)');
    assert.match(alerts[1] ?? '', /deep vein thrombosis/i);
    assert.match(html.html ?? '', /nonce="testNonce123"/);
    const md = await client.request<RenderResult>('soapnote/render', { uri: doc, format: 'md' });
    assert.match(md.markdown ?? '', /deep vein thrombosis/i);
  });

  it('signs a clean note and refuses one with errors', async () => {
    const clean = uri('sign-clean');
    await client.open(clean, CLEAN, 1);
    const signed = await client.request<SignResult>('soapnote/sign', { uri: clean, by: 'J. Lee, RMT', at: '2026-09-08T18:00:00Z' });
    assert.ok(signed.text?.startsWith(CLEAN), 'the original text is kept');
    assert.match(signed.text ?? '', /signed:\n {2}by: "J\. Lee, RMT"\n {2}at: "2026-09-08T18:00:00Z"\n {2}sha256: "[0-9a-f]{64}"/);
    const dvt = uri('sign-dvt');
    await client.open(dvt, DVT, 1);
    const refused = await client.request<SignResult>('soapnote/sign', { uri: dvt, by: 'M. Okafor' });
    assert.match(refused.refused ?? '', /error/);
  });

  it('never hands back a signed text its own checker rejects (a bad signing time)', async () => {
    const clean = uri('sign-bad-at');
    await client.open(clean, CLEAN, 1);
    const refused = await client.request<SignResult>('soapnote/sign', { uri: clean, by: 'J. Lee, RMT', at: 'yesterday' });
    assert.equal(refused.text, undefined);
    assert.match(refused.refused ?? '', /would not pass its own check \(line \d+: schema\.invalid/);
  });

  it('also speaks over Node IPC (how the VS Code client starts it)', async () => {
    const child = fork(SERVER_MAIN, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exited = new Promise((done) => child.on('exit', done));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(result.capabilities.hoverProvider, true);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
    connection.dispose();
  });

  it('exits with code 0 after shutdown and exit', async () => {
    const own = await LspClient.start();
    assert.equal(await own.shutdown(), 0);
  });
});
