import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { builtinPacksAt } from '../../../server/src/core/builtinKnowledge';
import { createLanguageService, type HostFile, type LanguageServiceHost, type NoteAnalysis, type SoapnoteLanguageService } from '../../../server/src/core/languageService';
import { sha256Hex } from '../../../server/src/core/sha256';
import { repoRoot } from '../repoRoot';

const example = (...parts: string[]): string => readFileSync(join(repoRoot(), 'examples', ...parts), 'utf8');
const DVT = example('conflicts', 'dvt-calf-effleurage.soap.yaml');
const MISSPELLED = example('conflicts', 'misspelled-terms.soap.yaml');
const CLEAN = example('clean', 'C-0142-2026-09-08.soap.yaml');
const CLEAN_LATER = example('clean', 'C-0142-2026-09-15.soap.yaml');

/** A repository as github.dev shows it: a virtual file system, no disk. */
const FOLDER = 'vscode-vfs://github/clinic/notes';

/** An in-memory host: files by URI, a fixed today, node:crypto only to cross-check the pure hash. */
function memoryHost(files: Record<string, string>, reads: string[] = []): LanguageServiceHost & { files: Map<string, string> } {
  const map = new Map(Object.entries(files).map(([path, text]) => [`${FOLDER}/${path}`, text]));
  return {
    files: map,
    workspaceFolders: () => [FOLDER],
    readFile: (uri): Promise<HostFile> => {
      reads.push(uri);
      const text = map.get(uri);
      return Promise.resolve(text === undefined ? { missing: true } : { text });
    },
    listNotes: (folder) => Promise.resolve([...map.keys()].filter((u) => u.startsWith(`${folder}/`) && /\.soap\.ya?ml$/.test(u))),
    today: () => '2026-11-21',
    sha256: sha256Hex,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    builtinPacks: (languages) => builtinPacksAt('soapnote-builtin:/knowledge', languages),
  };
}

const doc = (path: string, text: string, version = 1): TextDocument => TextDocument.create(`${FOLDER}/${path}`, 'soapnote', version, text);
const lineOf = (text: string, prefix: string): number => text.split('\n').findIndex((l) => l.trimStart().startsWith(prefix));
const ids = (analysis: NoteAnalysis, service: SoapnoteLanguageService): string[] => service.diagnostics(analysis).map((f) => f.ruleId);

describe('createLanguageService (one service, any host)', () => {
  it('carries its text, version, uri, vocabulary and workspace in the analysis, cached per version', async () => {
    const service = createLanguageService({ host: memoryHost({}) });
    const note = doc('dvt.soap.yaml', DVT, 3);
    const analysis = await service.analyze(note);
    assert.equal(analysis.text, DVT);
    assert.equal(analysis.version, 3);
    assert.equal(analysis.uri, note.uri);
    assert.equal(analysis.vocabulary, analysis.workspace.engine.vocabulary);
    assert.equal(analysis.today, '2026-11-21');
    assert.equal(await service.analyze(note), analysis, 'the same version is analysed once');
    assert.notEqual(await service.analyze(doc('dvt.soap.yaml', DVT, 4)), analysis);
    assert.equal(service.latest(note.uri)?.version, 4);
  });

  const features: { name: string; text: string; run: (s: SoapnoteLanguageService, a: NoteAnalysis) => unknown; expect: (result: unknown) => void }[] = [
    {
      name: 'diagnostics: the DVT contraindication on every treatment line',
      text: DVT,
      run: (s, a) => s.diagnostics(a).filter((f) => f.ruleId === 'contraindication.absolute').map((f) => f.range.start.line),
      expect: (lines) => assert.deepEqual(lines, DVT.split('\n').flatMap((l, i) => (l.trimStart().startsWith('- technique:') ? [i] : []))),
    },
    {
      name: 'completion of a technique prefix',
      text: 'soapnote: 1\ntreatment:\n  - technique: effl\n',
      run: (s, a) => s.complete(a, { line: 2, character: 17 }).items.map((i) => i.label),
      expect: (labels) => assert.equal((labels as string[])[0], 'effleurage'),
    },
    {
      name: 'hover on a condition',
      text: DVT,
      run: (s, a) => s.hover(a, { line: lineOf(DVT, '- condition:'), character: (DVT.split('\n')[lineOf(DVT, '- condition:')] ?? '').indexOf('deep vein') + 3 }),
      expect: (h) => assert.match(((h as { contents: MarkupContent }).contents.value ?? '').toLowerCase(), /thrombosis|clot/),
    },
    {
      name: 'a quick fix for a misspelled technique',
      text: MISSPELLED,
      run: (s, a) => {
        const finding = a.findings.find((f) => f.ruleId === 'vocabulary.unknown-term' && f.range.start.line === lineOf(MISSPELLED, '- technique: efleurage'));
        return finding ? s.codeActions(a, finding.range).flatMap((c) => Object.values(c.edit?.changes ?? {}).flat().map((e) => e.newText)) : [];
      },
      expect: (texts) => assert.ok((texts as string[]).includes('effleurage'), JSON.stringify(texts)),
    },
    {
      name: 'symbols and folding of the SOAP sections',
      text: CLEAN,
      run: (s, a) => ({ names: s.symbols(a).map((x) => x.name.toLowerCase()).join(' '), folds: s.folding(a).length }),
      expect: (r) => {
        const { names, folds } = r as { names: string; folds: number };
        for (const section of ['subjective', 'objective', 'treatment', 'assessment', 'plan']) {
          assert.ok(names.includes(section), names);
        }
        assert.ok(folds >= 5);
      },
    },
    {
      name: 'inlay hints: the Walton level after a pressure word',
      text: 'soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\nduration: 60\ntreatment:\n  - technique: effleurage\n    target: gastrocnemius\n    pressure: firm\n    minutes: 10\n',
      run: (s, a) => s.inlayHints(a, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }).map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))),
      expect: (labels) => assert.ok((labels as string[]).some((l) => /4/.test(l)), JSON.stringify(labels)),
    },
    {
      name: 'formatting: two-space indentation',
      text: 'soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\nsubjective:\n    complaint: sore\n',
      run: (s, a) => TextDocument.applyEdits(TextDocument.create('x', 'soapnote', 1, a.text), s.format(a)),
      expect: (text) => assert.match(text as string, /\nsubjective:\n {2}complaint: sore\n/),
    },
    {
      name: 'render: HTML with the alerts and a host nonce, and Markdown',
      text: DVT,
      run: (s, a) => ({ html: s.render(a, { format: 'html' }), given: s.render(a, { format: 'html', nonce: 'testNonce123' }), md: s.render(a, { format: 'md' }) }),
      expect: (r) => {
        const { html, given, md } = r as Record<string, string>;
        assert.match(/<section class="alerts"[^>]*>([\s\S]*?)<\/section>/.exec(html ?? '')?.[1] ?? '', /deep vein thrombosis/i);
        assert.match(html ?? '', /nonce="[A-Za-z0-9+/]{22}=="/);
        assert.match(given ?? '', /nonce="testNonce123"/);
        assert.match(md ?? '', /deep vein thrombosis/i);
      },
    },
    {
      name: 'sign: the same signature as node:crypto would make, and a refusal for a note with errors',
      text: CLEAN,
      run: async (s, a) => ({ signed: s.sign(a, 'J. Lee, RMT', '2026-09-08T18:00:00Z'), refused: s.sign(await s.analyze(doc('dvt.soap.yaml', DVT)), 'M. Okafor', '2026-09-08T18:00:00Z') }),
      expect: (r) => {
        const { signed, refused } = r as { signed: { text?: string }; refused: { refused?: string } };
        assert.ok(signed.text?.startsWith(CLEAN));
        assert.match(signed.text ?? '', /sha256: "[0-9a-f]{64}"/);
        assert.match(refused.refused ?? '', /error/);
      },
    },
  ];
  for (const c of features) {
    it(c.name, async () => {
      const service = createLanguageService({ host: memoryHost({}) });
      const analysis = await service.analyze(doc('note.soap.yaml', c.text));
      c.expect(await c.run(service, analysis));
    });
  }

  it('signs with the pure hash exactly as with node:crypto (the signed note verifies on Node)', async () => {
    const nodeHash = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');
    const pure = createLanguageService({ host: memoryHost({}) });
    const node = createLanguageService({ host: { ...memoryHost({}), sha256: nodeHash } });
    const at = '2026-09-08T18:00:00Z';
    const a = pure.sign(await pure.analyze(doc('c.soap.yaml', CLEAN)), 'J. Lee, RMT', at);
    const b = node.sign(await node.analyze(doc('c.soap.yaml', CLEAN)), 'J. Lee, RMT', at);
    assert.deepEqual(a, b);
    const verified = await node.analyze(doc('signed.soap.yaml', 'text' in a ? a.text : ''));
    assert.deepEqual(verified.findings.filter((f) => f.ruleId === 'signature.mismatch'), []);
  });

  it("carries a condition from the client's earlier note read through the host (the record is awaited, never skipped)", async () => {
    const earlier = DVT.replace('date: 2026-10-14', 'date: 2026-10-01');
    const later = DVT.replace(/health:\n {2}conditions:\n[\s\S]*?\n {2}medications/, 'health:\n  medications');
    assert.notEqual(later, DVT);
    const service = createLanguageService({ host: memoryHost({ 'C-0217-2026-10-01.soap.yaml': earlier }) });
    const analysis = await service.analyze(doc('C-0217-2026-10-14.soap.yaml', later));
    assert.ok(analysis.carried.conditions.some((c) => /thrombosis/.test(c.condition)), JSON.stringify(analysis.carried));
    assert.ok(ids(analysis, service).includes('contraindication.absolute'));
  });

  it("puts the lenses above a note, History with the client's notes in the record", async () => {
    const service = createLanguageService({ host: memoryHost({ 'C-0142-2026-09-15.soap.yaml': CLEAN_LATER }) });
    const lenses = await service.codeLenses(await service.analyze(doc('C-0142-2026-09-08.soap.yaml', CLEAN)));
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(lenses.some((l) => l.command?.command === 'soapnote.openPreviewToSide'), JSON.stringify(titles));
    assert.ok(titles.some((t) => /2/.test(t) && lenses.find((l) => l.command?.title === t)?.command?.command === 'soapnote.showHistory'), JSON.stringify(titles));
  });

  it("speaks the editor's language once told (setLocale, from InitializeParams.locale): lenses, inlay hints, completion details, report, history", async () => {
    const service = createLanguageService({ host: memoryHost({ 'C-0142-2026-09-15.soap.yaml': CLEAN_LATER }) });
    service.setLocale('fr-CA');
    const analysis = await service.analyze(doc('C-0142-2026-09-08.soap.yaml', CLEAN));
    assert.deepEqual((await service.codeLenses(analysis)).map((l) => l.command?.title), ['Aperçu', 'Signer', 'Historique : 2 visites']);
    assert.ok(service.inlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }).some((h) => /^niveau de Walton \d$/.test(String(h.label))));
    assert.match(service.render(analysis, { format: 'html', nonce: 'localeNonce1' }), /<html lang="fr">/);
    assert.match(service.render(analysis, { format: 'md' }), /^# Note de séance/);
    assert.match((await service.history(analysis, { nonce: 'localeNonce1' })).html ?? '', /<html lang="fr">/);
    service.setLocale(undefined);
    assert.deepEqual((await service.codeLenses(analysis)).map((l) => l.command?.title), ['Preview', 'Sign', 'History: 2 visits']);
  });

  it('draws the history of the client from the open notes and the notes the host lists', async () => {
    const service = createLanguageService({ host: memoryHost({ 'C-0142-2026-09-15.soap.yaml': CLEAN_LATER, 'other.soap.yaml': DVT }) });
    const page = await service.history(await service.analyze(doc('C-0142-2026-09-08.soap.yaml', CLEAN)), { nonce: 'historyNonce1' });
    assert.equal(page.client, 'C-0142');
    assert.equal(page.visits, 2);
    assert.match(page.html ?? '', /nonce="historyNonce1"/);
  });

  const workspaces: { name: string; files: Record<string, string>; note: string; expect: (diagnostics: string[], config: Map<string, string[]>) => void }[] = [
    {
      name: 'a rule turned off in the config is dropped and announced',
      files: { '.soapnote/config.yaml': 'rules:\n  contraindication.absolute: off\n' },
      note: 'dvt.soap.yaml',
      expect: (d) => {
        assert.ok(!d.includes('contraindication.absolute'));
        assert.equal(d[0], 'config.weakened');
      },
    },
    {
      name: "a clinic pack's technique is known",
      files: { '.soapnote/config.yaml': 'packs: [.soapnote/packs/clinic.yaml]\n', '.soapnote/packs/clinic.yaml': 'soapnote_pack: 1\nid: clinic\nname: Clinic\ntechniques:\n  - id: gua-sha\n    name: gua sha\n    description: Instrument scraping.\n    pressure: 3\n' },
      note: 'gua.soap.yaml',
      expect: (d) => assert.ok(!d.includes('vocabulary.unknown-term'), JSON.stringify(d)),
    },
    {
      name: 'a pack outside the workspace is refused unread, said on the config',
      files: { '.soapnote/config.yaml': 'packs: [../../etc/pack.yaml]\n' },
      note: 'dvt.soap.yaml',
      expect: (_d, config) => assert.deepEqual(config.get(`${FOLDER}/.soapnote/config.yaml`), ['config.invalid']),
    },
    {
      name: 'a listed pack that is missing is a problem on the config (fail closed: never silently fewer terms)',
      files: { '.soapnote/config.yaml': 'packs: [.soapnote/packs/gone.yaml]\n' },
      note: 'dvt.soap.yaml',
      expect: (_d, config) => assert.deepEqual(config.get(`${FOLDER}/.soapnote/config.yaml`), ['config.invalid']),
    },
    {
      name: 'a note in a subfolder belongs to the root with the config',
      files: { '.soapnote/config.yaml': 'rules:\n  contraindication.absolute: warning\n' },
      note: 'clients/2026/dvt.soap.yaml',
      expect: (d) => assert.ok(d.includes('config.weakened')),
    },
  ];
  for (const c of workspaces) {
    it(`workspace: ${c.name}`, async () => {
      const service = createLanguageService({ host: memoryHost(c.files) });
      const text = c.note.startsWith('gua') ? 'soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\ntreatment:\n  - technique: gua sha\n    target: gastrocnemius\n' : DVT;
      const analysis = await service.analyze(doc(c.note, text));
      const config = new Map([...service.workspaceFindings(analysis.workspace)].map(([uri, f]) => [uri, f.map((x) => x.ruleId)]));
      c.expect(ids(analysis, service), config);
    });
  }

  it('reloads the workspace when its config changes, and re-reads a changed note into the record', async () => {
    const host = memoryHost({});
    const service = createLanguageService({ host });
    const note = doc('dvt.soap.yaml', DVT);
    assert.ok(ids(await service.analyze(note), service).includes('contraindication.absolute'));
    host.files.set(`${FOLDER}/.soapnote/config.yaml`, 'rules:\n  contraindication.absolute: off\n');
    await service.filesChanged([`${FOLDER}/.soapnote/config.yaml`]);
    assert.ok(!ids(await service.analyze(note), service).includes('contraindication.absolute'));
  });

  it('checks an untitled note with no folder open, reading no workspace file', async () => {
    const reads: string[] = [];
    const service = createLanguageService({ host: { ...memoryHost({}, reads), workspaceFolders: () => [] } });
    const analysis = await service.analyze(TextDocument.create('untitled:Untitled-1', 'soapnote', 1, DVT));
    assert.ok(analysis.findings.some((f) => f.ruleId === 'contraindication.absolute'));
    assert.deepEqual(reads, []);
    assert.deepEqual([...service.workspaceFindings(analysis.workspace).values()].flat(), []);
  });

  it("applies the editor's severities over the config's", async () => {
    const service = createLanguageService({ host: memoryHost({}) });
    service.setSeverities({ 'contraindication.absolute': 'warning' });
    const analysis = await service.analyze(doc('dvt.soap.yaml', DVT));
    assert.ok(analysis.findings.filter((f) => f.ruleId === 'contraindication.absolute').every((f) => f.severity === 'warning'));
    assert.equal(service.diagnostics(analysis)[0]?.ruleId, 'config.weakened');
  });

  const newNotes: { name: string; files: Record<string, string>; client: string; expect: (r: { text: string; date: string; visit: number }) => void }[] = [
    { name: 'a new client: visit 1, the host today', files: {}, client: 'C-9', expect: (r) => assert.deepEqual([r.date, r.visit], ['2026-11-21', 1]) },
    { name: "the config's today", files: { '.soapnote/config.yaml': 'today: 2026-12-01\n' }, client: 'C-9', expect: (r) => assert.equal(r.date, '2026-12-01') },
    {
      name: "the visit after the client's earlier notes, and their conditions as comments",
      files: { 'C-0217-2026-10-01.soap.yaml': DVT.replace('date: 2026-10-14', 'date: 2026-10-01') },
      client: 'C-0217',
      expect: (r) => {
        assert.equal(r.visit, 4);
        assert.match(r.text, /#.*deep vein thrombosis/i);
      },
    },
  ];
  for (const c of newNotes) {
    it(`fills a new note's template: ${c.name}`, async () => {
      const service = createLanguageService({ host: memoryHost(c.files) });
      const filled = await service.newNote({ folderUri: FOLDER, template: 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\nvisit: {{visit}}\nhealth:\n  conditions: []\n', client: c.client, therapist: 'J. Lee, RMT' });
      assert.match(filled.text, new RegExp(`client: ${c.client}\\ndate: ${filled.date}\\ntherapist: "?J\\. Lee, RMT"?\\nvisit: ${filled.visit}`));
      c.expect(filled);
    });
  }

  it('tells which open notes to check again when another note of their client changes', async () => {
    const changed: string[][] = [];
    const service = createLanguageService({ host: memoryHost({}), onRecordChanged: (uris) => changed.push(uris) });
    const later = doc('C-0142-2026-09-15.soap.yaml', CLEAN_LATER);
    await service.analyze(later);
    await service.analyze(doc('C-0142-2026-09-08.soap.yaml', CLEAN));
    assert.ok(changed.flat().some((u) => u.endsWith('C-0142-2026-09-15.soap.yaml')), JSON.stringify(changed));
  });
});
