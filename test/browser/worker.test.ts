import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, InlayHint, TextEdit, DocumentSymbol, FoldingRange, Hover, InitializeResult, Location, MarkupContent, ProtocolConnection, PublishDiagnosticsParams, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/core/engine';
import type { FillTemplateResult, FindingCounts, HistoryResult, RenderResult, SignResult } from '../../server/src/protocol';
import { ListNotesRequest, ReadDirectoryRequest, ReadFileRequest, type ReadDirectoryResult, type ReadFileResult } from '../../server/src/protocolTypes';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { launchChromium, type Browser } from '../unit/render/chromium';
import { repoRoot } from '../unit/repoRoot';
import { withCursor } from '../lsp/client';
import { buildWorkerBundle, connectToWorker, serveWorker, type BridgePage } from './workerPage';
import { CLINIC_PACK, practiceNote } from '../lsp/authoringFixtures';

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

/** A second repository, outside the editor's folder: a class with a rubric and a student's review file, and a clinic pack. */
const SCHOOL = 'vscode-vfs://github/clinic/school';
/** Where the extension ships the built-in knowledge (\`initializationOptions.knowledgeUri\`); the "client" reads it for go to definition. */
const KNOWLEDGE = 'vscode-vfs://extension/soapnote/server/knowledge';
/** The class the grading tests use (its config pins today), with a student's note, its review file and the rubric. */
const CLASS = 'vscode-vfs://github/clinic/class';
/** A third one whose rubric and review file the client cannot read: never a silent pass. */
const LOCKED = 'vscode-vfs://github/clinic/locked';
const grading = (...parts: string[]): string => readFileSync(join(repoRoot(), 'test', 'fixtures', 'grading', ...parts), 'utf8');
const STUDENT = grading('03-no-home-care.soap.yaml');
/** Every file of the other repositories, by URI (\`undefined\`: there, but it cannot be read). */
const OTHER_FILES: Record<string, string | undefined> = {
  [`${SCHOOL}/.soapnote/config.yaml`]: 'today: 2026-06-01\npacks: [.soapnote/packs/clinic.yaml]\n',
  [`${SCHOOL}/.soapnote/packs/clinic.yaml`]: CLINIC_PACK,
  [`${SCHOOL}/.soapnote/packs/draft.yaml`]: 'soapnote_pack: 1\nid: draft\nname: Draft\n',
  [`${CLASS}/.soapnote/config.yaml`]: grading('.soapnote', 'config.yaml'),
  [`${CLASS}/.soapnote/rubric.yaml`]: grading('.soapnote', 'rubric.yaml'),
  [`${CLASS}/student.soap.yaml`]: STUDENT,
  [`${CLASS}/student.review.yaml`]: grading('03-no-home-care.review.yaml'),
  [`${SCHOOL}/notes/C-0001-2026-03-02.soap.yaml`]: practiceNote('C-0001', 'bamboo fusion'),
  [`${SCHOOL}/notes/C-0002-2026-03-02.soap.yaml`]: practiceNote('C-0002', 'Bamboo Fusion'),
  [`${SCHOOL}/notes/C-0003-2026-03-02.soap.yaml`]: practiceNote('C-0003', 'effleurage'),
  [`${LOCKED}/.soapnote/config.yaml`]: 'today: 2026-06-01\n',
  [`${LOCKED}/.soapnote/rubric.yaml`]: undefined,
  [`${LOCKED}/student.review.yaml`]: undefined,
};
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

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
      if (file.startsWith(`${KNOWLEDGE}/`)) {
        // What the extension does with its own files: read them through workspace.fs.
        return { text: readFileSync(join(repoRoot(), 'server', 'knowledge', file.slice(KNOWLEDGE.length + 1)), 'utf8') };
      }
      if (file in OTHER_FILES) {
        const other = OTHER_FILES[file];
        return other === undefined ? { problem: 'permission denied' } : { text: other };
      }
      const text = file.startsWith(`${FOLDER}/`) ? WORKSPACE[file.slice(FOLDER.length + 1)] : undefined;
      return text === undefined ? { missing: true } : { text };
    });
    connection.onRequest(ListNotesRequest, ({ folderUri }) => ({
      uris: folderUri === FOLDER
        ? Object.keys(WORKSPACE).filter((p) => p.endsWith('.soap.yaml')).map((p) => `${FOLDER}/${p}`)
        : Object.keys(OTHER_FILES).filter((u) => u.startsWith(`${folderUri}/`) && u.endsWith('.soap.yaml')),
    }));
    connection.onRequest(ReadDirectoryRequest, ({ folderUri }): ReadDirectoryResult => {
      const below = Object.keys(OTHER_FILES).filter((u) => u.startsWith(`${folderUri}/`)).map((u) => u.slice(folderUri.length + 1).split('/'));
      const entries = new Map(below.map((parts): [string, 'file' | 'directory'] => [parts[0] ?? '', parts.length > 1 ? 'directory' : 'file']));
      return { entries: [...entries] };
    });
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
      initializationOptions: { debounceMs: 0, knowledgeUri: KNOWLEDGE },
    });
    await connection.sendNotification('initialized', {});
    const caps = result.capabilities;
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.workspaceSymbolProvider, true);
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

  /** Opens `marked` (with a `|` cursor) as a fresh version of a file and asks `method` at the cursor. */
  const ask = async <R>(method: string, file: string, marked: string, extra: object = {}): Promise<R> => {
    const { text, position } = withCursor(marked);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: file, languageId: file.endsWith('.soap.yaml') ? 'soapnote' : 'yaml', version: ++nextDoc, text } });
    try {
      return await connection.sendRequest<R>(method, { textDocument: { uri: file }, position, ...extra });
    } finally {
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri: file } });
    }
  };
  const labels = (list: CompletionList | null): string[] => (list?.items ?? []).map((i) => i.label);
  const PACK = `${SCHOOL}/.soapnote/packs/clinic.yaml`;

  it('completes in a pack: technique ids, the pack\'s own and tags; and pack files in the config', async () => {
    const rule = CLINIC_PACK.replace('        techniques: [iastm, bamboo-fusion]\n', '        techniques: [|]\n');
    const got = labels(await ask<CompletionList>('textDocument/completion', PACK, rule));
    for (const label of ['bamboo-fusion', 'iastm', 'tag:deep', 'tag:instrument']) {
      assert.ok(got.includes(label), `${label} missing from ${got.slice(0, 30).join(', ')}`);
    }
    const files = labels(await ask<CompletionList>('textDocument/completion', `${SCHOOL}/.soapnote/config.yaml`, 'packs: [|]'));
    assert.ok(files.includes('.soapnote/packs/clinic.yaml') && files.includes('.soapnote/packs/draft.yaml'), files.join(', '));
    assert.ok(!files.includes('.soapnote/config.yaml'));
    const hover = await ask<Hover | null>('textDocument/hover', PACK, CLINIC_PACK.replace('[iastm, bamboo-fusion]', '[ias|tm, bamboo-fusion]'));
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /instrument-assisted soft tissue mobilisation/);
  });

  it('goes from a rule\'s built-in technique id to its entry in the shipped knowledge, and from a note\'s term to the clinic pack', async () => {
    const found = await ask<Location[]>('textDocument/definition', PACK, CLINIC_PACK.replace('[iastm, bamboo-fusion]', '[ia|stm, bamboo-fusion]'));
    const techniques = readFileSync(join(repoRoot(), 'server', 'knowledge', '20-techniques.yaml'), 'utf8');
    assert.deepEqual(found.map((l) => [l.uri, l.range.start]), [[`${KNOWLEDGE}/20-techniques.yaml`, { line: lineOf(techniques, '- id: iastm'), character: 8 }]]);
    const same = await ask<Location[]>('textDocument/definition', PACK, CLINIC_PACK.replace('[iastm, bamboo-fusion]', '[iastm, bamboo-fu|sion]'));
    assert.deepEqual(same.map((l) => [l.uri, l.range.start.line]), [[PACK, lineOf(CLINIC_PACK, 'id: bamboo-fusion')]]);
    const fromNote = await ask<Location[]>('textDocument/definition', `${SCHOOL}/notes/new.soap.yaml`, practiceNote('C-0009', 'Bamboo fus|ion'));
    assert.deepEqual(fromNote.map((l) => [l.uri, l.range.start.line]), [[PACK, lineOf(CLINIC_PACK, 'id: bamboo-fusion')]]);
  });

  it('finds the notes that use a term, from the pack entry and from a note', async () => {
    const notes = ['C-0001-2026-03-02.soap.yaml', 'C-0002-2026-03-02.soap.yaml'].map((f) => `${SCHOOL}/notes/${f}`);
    const techniqueLine = lineOf(practiceNote('x', 'y'), 'technique:');
    const fromPack = await ask<Location[]>('textDocument/references', PACK, CLINIC_PACK.replace('  - id: bamboo-fusion', '  - id: bamboo-fu|sion'), { context: { includeDeclaration: false } });
    assert.deepEqual(fromPack.map((l) => [l.uri, l.range.start.line]), notes.map((u) => [u, techniqueLine]));
    const other = `${SCHOOL}/notes/C-0003-2026-03-02.soap.yaml`;
    const fromNote = await ask<Location[]>('textDocument/references', other, practiceNote('C-0003', 'bamboo fus|ion'), { context: { includeDeclaration: true } });
    // The note's own (unsaved) text uses it too; the declaration comes first.
    assert.deepEqual(fromNote.map((l) => l.uri), [PACK, notes[0], notes[1], other]);
  });

  it('workspace symbols: a client\'s notes by id, oldest first, read through the client, the open ones included', async () => {
    const byClient = await connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'C-0142' });
    const names = byClient.map((s) => s.name);
    assert.ok(names.length >= 2, JSON.stringify(names));
    assert.ok(names.every((n) => n.startsWith('C-0142 · ')), JSON.stringify(names));
    assert.ok(byClient.some((s) => s.location.uri === `${FOLDER}/C-0142-2026-09-15.soap.yaml`), 'the visit only on the virtual file system');
    assert.deepEqual(names, [...names].sort(), 'oldest first');
    const dvt = await connection.sendRequest<SymbolInformation[]>('workspace/symbol', { query: 'C-0217' });
    assert.ok(dvt.some((s) => s.location.uri === `${FOLDER}/C-0217-2026-10-01.soap.yaml`), JSON.stringify(dvt.map((s) => s.location.uri)));
  });

  it('shows review comments as hints and the grade lens under the rubric, both in the report', async () => {
    const student = `${CLASS}/student.soap.yaml`;
    await open(student, STUDENT);
    const review = (await diagnosticsOf(student, 1)).diagnostics.filter((d) => d.source === 'review');
    assert.deepEqual(review.map((d) => [d.range.start.line, d.severity, d.code]), [
      [13, 4, 'review.comment'],
      [20, 4, 'review.comment'],
      [0, 3, 'review.unanchored'],
      [0, 3, 'review.unanchored'],
    ]);
    const count = await waitFor('finding counts', () => counts.find((c) => c.uri === student));
    assert.deepEqual([count.errors, count.warnings, count.infos], [0, 0, 0], 'the status bar counts the checker\'s findings only');
    const lenses = await connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: student } });
    assert.deepEqual(lenses.at(-1), { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'Grade 11/13 · missed: home-care, signed', command: '' } });
    const md = await connection.sendRequest<RenderResult>('soapnote/render', { uri: student, format: 'md' });
    assert.match(md.markdown ?? '', /## Grade: 11 \/ 13\n\n- \*\*missed\*\* home-care \(1 pt\): Give home care\./);
    assert.match(md.markdown ?? '', /## Review comments\n\n- \*\*Dr\. K\. Moss, 2026-11-22\*\*, line 14: Good\./);
  });

  it('an open rubric is checked as it is typed, its errors on their lines', async () => {
    const rubric = `${CLASS}/.soapnote/rubric.yaml`;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: rubric, languageId: 'yaml', version: 1, text: 'soapnote_rubric: 1\ncriteria:\n  - {id: pain, check: pain-reasessed, points: 1, message: Record pain.}\n' } });
    const diagnostics = (await diagnosticsOf(rubric, 1)).diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code, d.severity]), [[2, 'rubric.invalid', 1]]);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri: rubric } });
  });

  it('fails closed: a rubric or a review file the client cannot read is said on the note, never a silent pass', async () => {
    const student = `${LOCKED}/student.soap.yaml`;
    await open(student, STUDENT);
    const { diagnostics } = await diagnosticsOf(student, 1);
    const invalid = diagnostics.filter((d) => d.code === 'review.invalid');
    assert.equal(invalid.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.match(String(invalid[0]?.message ?? ''), /could not be used: cannot read the review file: permission denied/);
    const lenses = await connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: student } });
    assert.equal(lenses.at(-1)?.command?.title, 'Grade: the rubric cannot be used (cannot read .soapnote/rubric.yaml: permission denied)');
  });

  it('answers shutdown, refuses requests after it, and stops on exit', async () => {
    assert.equal(await connection.sendRequest('shutdown'), null);
    await assert.rejects(connection.sendRequest('textDocument/hover', { textDocument: { uri: `${FOLDER}/x.soap.yaml` }, position: { line: 0, character: 0 } }), /after shutdown|InvalidRequest|-32600/);
    await connection.sendNotification('exit');
    assert.deepEqual(errors, []);
    connection.dispose();
  });
});
