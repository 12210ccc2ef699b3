import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, InlayHint, TextEdit, DocumentSymbol, FoldingRange, Hover, InitializeResult, MarkupContent, ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/core/engine';
import type { FillTemplateResult, FindingCounts, HistoryResult, RenderResult, SignResult } from '../../server/src/protocol';
import { ListNotesRequest, ReadFileRequest, type ReadFileResult } from '../../server/src/protocolTypes';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { launchChromium, type Browser } from '../unit/render/chromium';
import { repoRoot } from '../unit/repoRoot';
import { buildWorkerBundle, connectToWorker, serveWorker, type BridgePage } from './workerPage';

const example = (...parts: string[]): string => readFileSync(join(repoRoot(), 'examples', ...parts), 'utf8');
const DVT = example('conflicts', 'dvt-calf-effleurage.soap.yaml');
const MISSPELLED = example('conflicts', 'misspelled-terms.soap.yaml');
const CLEAN = example('clean', 'C-0142-2026-09-08.soap.yaml');
const CLEAN_LATER = example('clean', 'C-0142-2026-09-15.soap.yaml');

/** The repository as github.dev shows it: a virtual file system the worker reads only through the client. */
const FOLDER = 'vscode-vfs://github/clinic/notes';
/** The earlier visit of the DVT client, only on "disk": its condition must reach the later note through `soapnote/readFile`. */
const EARLIER_DVT = DVT.replace('date: 2026-10-14', 'date: 2026-10-01');
const WORKSPACE: Record<string, string> = {
  // "today" pinned by the workspace config, read through the client like every workspace file.
  '.soapnote/config.yaml': 'today: 2026-11-21\n',
  'C-0217-2026-10-01.soap.yaml': EARLIER_DVT,
  'C-0142-2026-09-15.soap.yaml': CLEAN_LATER,
};

const linesStarting = (text: string, prefix: string): number[] => text.split('\n').flatMap((line, i) => (line.trimStart().startsWith(prefix) ? [i] : []));

describe('language server in a web worker (browser bundle, real chromium, LSP over postMessage)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let site: { url: string; close(): Promise<void> } | undefined;
  let connection: ProtocolConnection;
  let errors: string[] = [];
  let codeGeneration = '';
  const published: PublishDiagnosticsParams[] = [];
  const counts: FindingCounts[] = [];
  const reads: string[] = [];
  let nextDoc = 0;
  const uri = (name: string): string => `${FOLDER}/t${++nextDoc}-${name}.soap.yaml`;

  const waitFor = async <T>(what: string, find: () => T | undefined, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`${what}: not within ${timeoutMs} ms (worker errors: ${JSON.stringify(errors)})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const diagnosticsOf = (doc: string, version: number): Promise<PublishDiagnosticsParams> => waitFor(`diagnostics of ${doc} v${version}`, () => published.find((p) => p.uri === doc && p.version === version));
  const open = (doc: string, text: string, version = 1): Promise<void> => connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'soapnote', version, text } });

  before(async function () {
    browser = await launchChromium();
    if (!browser) {
      if (process.env.CI) {
        throw new Error('chromium or playwright-core is missing: test/e2e/install-tools.sh installs them');
      }
      this.skip();
    }
    site = await serveWorker(await buildWorkerBundle());
    const page = (await browser.newPage()) as unknown as BridgePage;
    ({ connection, errors } = await connectToWorker(page, site.url));
    // The policy the worker runs under really refuses run-time code generation (a probe worker under the same header tries).
    codeGeneration = await page.evaluate(() => (globalThis as unknown as { __probe: Promise<string> }).__probe, undefined);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
    connection.onNotification('soapnote/findingCounts', (c: FindingCounts) => void counts.push(c));
    connection.onRequest(ReadFileRequest, ({ uri: file }): ReadFileResult => {
      reads.push(file);
      const text = file.startsWith(`${FOLDER}/`) ? WORKSPACE[file.slice(FOLDER.length + 1)] : undefined;
      return text === undefined ? { missing: true } : { text };
    });
    connection.onRequest(ListNotesRequest, ({ folderUri }) => ({
      uris: folderUri === FOLDER ? Object.keys(WORKSPACE).filter((p) => p.endsWith('.soap.yaml')).map((p) => `${FOLDER}/${p}`) : [],
    }));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ rules: {} })));
  });

  after(async () => {
    await site?.close();
    await browser?.close();
  });

  it('initializes and announces the same capabilities as the Node server', async () => {
    const result = await connection.sendRequest<InitializeResult>('initialize', {
      processId: null,
      rootUri: FOLDER,
      workspaceFolders: [{ uri: FOLDER, name: 'notes' }],
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { debounceMs: 0 },
    });
    await connection.sendNotification('initialized', {});
    const caps = result.capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, [':', ' ', '-']);
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.inlayHintProvider, true);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(caps.documentFormattingProvider, true, 'announced: this client does not register formatting dynamically');
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes the DVT contraindication on open, on the treatment lines, with the version and the counts (under a CSP without unsafe-eval)', async () => {
    const doc = uri('dvt');
    await open(doc, DVT);
    const { diagnostics } = await diagnosticsOf(doc, 1);
    const absolute = diagnostics.filter((d) => d.code === 'contraindication.absolute');
    assert.deepEqual(absolute.map((d) => d.range.start.line), linesStarting(DVT, '- technique:'));
    assert.ok(absolute.every((d) => d.severity === 1 && d.source === 'soapnote'));
    assert.ok(!diagnostics.some((d) => d.code === 'record.future-date'), 'today comes from the config the worker read through the client');
    const count = await waitFor('finding counts', () => counts.find((c) => c.uri === doc));
    assert.ok(count.errors >= absolute.length);
    assert.ok(reads.includes(`${FOLDER}/.soapnote/config.yaml`), `the config was read through the client: ${JSON.stringify(reads)}`);
    assert.deepEqual(errors, []);
    assert.equal(codeGeneration, 'refused', 'the CSP without unsafe-eval is in force');
  });

  it("carries a condition from the client's earlier note on the virtual file system (read through the client)", async () => {
    const doc = `${FOLDER}/C-0217-2026-10-14.soap.yaml`;
    const later = DVT.replace(/health:\n {2}conditions:\n[\s\S]*?\n {2}medications/, 'health:\n  medications');
    assert.notEqual(later, DVT);
    await open(doc, later);
    const { diagnostics } = await diagnosticsOf(doc, 1);
    assert.ok(diagnostics.some((d) => d.code === 'contraindication.absolute'), JSON.stringify(diagnostics.map((d) => d.code)));
    assert.ok(reads.includes(`${FOLDER}/C-0217-2026-10-01.soap.yaml`));
  });

  it('completes a technique prefix', async () => {
    const doc = uri('complete');
    await open(doc, 'soapnote: 1\ntreatment:\n  - technique: effl\n');
    const list = await connection.sendRequest<CompletionList | null>('textDocument/completion', { textDocument: { uri: doc }, position: { line: 2, character: 17 } });
    assert.equal(list?.items[0]?.label, 'effleurage');
  });

  it('hovers a condition with its description', async () => {
    const doc = uri('hover');
    await open(doc, DVT);
    const line = linesStarting(DVT, '- condition:')[0] ?? 0;
    const character = (DVT.split('\n')[line] ?? '').indexOf('deep vein') + 3;
    const result = await connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line, character } });
    assert.match(((result?.contents as MarkupContent | undefined)?.value ?? '').toLowerCase(), /thrombosis|clot/);
  });

  it('offers the quick fix that corrects a misspelled technique', async () => {
    const doc = uri('fix');
    await open(doc, MISSPELLED);
    const { diagnostics } = await diagnosticsOf(doc, 1);
    const unknown = diagnostics.find((d: Diagnostic) => d.code === 'vocabulary.unknown-term' && d.range.start.line === linesStarting(MISSPELLED, '- technique: efleurage')[0]);
    assert.ok(unknown);
    const actions = await connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc }, range: unknown.range, context: { diagnostics: [unknown] } });
    const fix = actions.find((a) => a.edit?.changes?.[doc]?.some((e) => e.newText === 'effleurage'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = TextDocument.applyEdits(TextDocument.create(doc, 'soapnote', 1, MISSPELLED), fix.edit?.changes?.[doc] ?? []);
    assert.equal(fixed, MISSPELLED.replace('technique: efleurage', 'technique: effleurage'));
  });

  it('lists the SOAP sections as symbols and folds them', async () => {
    const doc = uri('symbols');
    await open(doc, CLEAN);
    const symbols = await connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: doc } });
    const names = symbols.map((s) => s.name.toLowerCase()).join(' ');
    for (const section of ['subjective', 'objective', 'treatment', 'assessment', 'plan']) {
      assert.ok(names.includes(section), names);
    }
    assert.ok((await connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: doc } })).length >= 5);
  });

  it('gives inlay hints, the lenses above the note, and formatting edits', async () => {
    const doc = uri('editor');
    const text = 'soapnote: 1\nclient: C-0142\ndate: 2026-09-20\ntherapist: T\nduration: 60\nsubjective:\n    complaint: sore\ntreatment:\n  - technique: effleurage\n    target: gastrocnemius\n    pressure: firm\n';
    await open(doc, text);
    const hints = await connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: doc }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    assert.ok(hints.length > 0);
    const lenses = await connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: doc } });
    assert.ok(lenses.some((l) => l.command?.command === 'soapnote.showHistory'), JSON.stringify(lenses.map((l) => l.command?.title)));
    const edits = await connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: doc }, options: { tabSize: 4, insertSpaces: true } });
    assert.match(TextDocument.applyEdits(TextDocument.create(doc, 'soapnote', 1, text), edits), /\nsubjective:\n {2}complaint: sore\n/);
  });

  it('renders the report (soapnote/render) as HTML with the alerts and as Markdown', async () => {
    const doc = uri('render');
    await open(doc, DVT);
    const html = await connection.sendRequest<RenderResult>('soapnote/render', { uri: doc, format: 'html', nonce: 'testNonce123' });
    assert.equal(html.version, 1);
    assert.match(/<section class="alerts"[^>]*>([\s\S]*?)<\/section>/.exec(html.html ?? '')?.[1] ?? '', /deep vein thrombosis/i);
    assert.match(html.html ?? '', /nonce="testNonce123"/);
    const own = await connection.sendRequest<RenderResult>('soapnote/render', { uri: doc, format: 'html' });
    assert.match(own.html ?? '', /nonce="[A-Za-z0-9+/]{22}=="/, 'a nonce from the worker\'s WebCrypto');
    const md = await connection.sendRequest<RenderResult>('soapnote/render', { uri: doc, format: 'md' });
    assert.match(md.markdown ?? '', /deep vein thrombosis/i);
  });

  it('signs with the pure SHA-256: the signature verifies on Node', async () => {
    const doc = uri('sign');
    await open(doc, CLEAN);
    const signed = await connection.sendRequest<SignResult>('soapnote/sign', { uri: doc, by: 'J. Lee, RMT', at: '2026-09-08T18:00:00Z' });
    assert.ok(signed.text?.startsWith(CLEAN));
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
    assert.deepEqual(engine.check(signed.text ?? '').filter((f) => f.ruleId === 'signature.mismatch'), []);
  });

  it('draws the history of the client from the notes the client lists', async () => {
    const doc = `${FOLDER}/C-0142-2026-09-08.soap.yaml`;
    await open(doc, CLEAN);
    const history = await connection.sendRequest<HistoryResult>('soapnote/history', { uri: doc, nonce: 'historyNonce1' });
    assert.equal(history.client, 'C-0142');
    // The open notes of the client (earlier tests opened copies of this visit) and the one only on "disk".
    assert.ok(history.visits >= 2, String(history.visits));
    assert.match(history.html ?? '', /2026-09-15/, 'the visit read through soapnote/listNotes and soapnote/readFile');
    assert.match(history.html ?? '', /nonce="historyNonce1"/);
  });

  it('fills a New Note template (soapnote/fillTemplate) with the pinned today and the next visit', async () => {
    const filled = await connection.sendRequest<FillTemplateResult>('soapnote/fillTemplate', { folderUri: FOLDER, template: 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\nvisit: {{visit}}\n', client: 'C-0217', therapist: 'M. Okafor' });
    assert.equal(filled.date, '2026-11-21');
    assert.ok(filled.visit >= 4, String(filled.visit));
    assert.match(filled.text, /client: C-0217\ndate: 2026-11-21\n/);
  });

  it('publishes the new version after a change and ignores a stale one', async () => {
    const doc = uri('change');
    await open(doc, DVT);
    await diagnosticsOf(doc, 1);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version: 2 }, contentChanges: [{ text: CLEAN }] });
    const second = await diagnosticsOf(doc, 2);
    assert.deepEqual(second.diagnostics.filter((d) => d.severity === 1), []);
    // A late change with an older version must not rewind the text.
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc, version: 1 }, contentChanges: [{ text: DVT }] });
    const report = await connection.sendRequest<RenderResult>('soapnote/render', { uri: doc, format: 'md' });
    assert.equal(report.version, 2);
    assert.doesNotMatch(report.markdown ?? '', /deep vein thrombosis/i);
    assert.deepEqual(published.filter((p) => p.uri === doc).map((p) => p.version), [1, 2]);
  });

  it("re-checks open notes with the config's unsaved text, and with the saved one again when it closes", async () => {
    const doc = uri('config-edit');
    await open(doc, DVT);
    await diagnosticsOf(doc, 1);
    const config = `${FOLDER}/.soapnote/config.yaml`;
    const at = published.length;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: config, languageId: 'yaml', version: 1, text: 'today: 2026-11-21\nrules:\n  contraindication.absolute: off\n' } });
    const lowered = await waitFor('diagnostics with the rule off', () => published.slice(at).find((p) => p.uri === doc && !p.diagnostics.some((d) => d.code === 'contraindication.absolute')));
    assert.equal(lowered.diagnostics[0]?.code, 'config.weakened');
    const closedAt = published.length;
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: config } });
    await waitFor('diagnostics with the saved config', () => published.slice(closedAt).find((p) => p.uri === doc && p.diagnostics.some((d) => d.code === 'contraindication.absolute')));
  });

  it('answers shutdown, refuses requests after it, and stops on exit', async () => {
    assert.equal(await connection.sendRequest('shutdown'), null);
    await assert.rejects(connection.sendRequest('textDocument/hover', { textDocument: { uri: `${FOLDER}/x.soap.yaml` }, position: { line: 0, character: 0 } }), /after shutdown|InvalidRequest|-32600/);
    await connection.sendNotification('exit');
    assert.deepEqual(errors, []);
    connection.dispose();
  });
});
