import * as assert from 'node:assert/strict';
import { CancellationToken, CancellationTokenSource, ResponseError, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../server/src/core/types';
import { createLanguageService, type LanguageServiceHost } from '../../server/src/core/languageService';
import { isConfigUri } from '../../server/src/core/serviceAuthoring';
import { countFindings, toDiagnostic } from '../../server/src/lsp/diagnostics';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { isNoteDocument } from '../../server/src/lsp/documents';
import { Guard } from '../../server/src/lsp/guard';
import { AsyncPublisher } from '../../server/src/lsp/asyncPublisher';

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 9 } });

describe('LSP adapter pieces (in memory)', () => {
  it('converts a finding into a diagnostic', () => {
    const fix = { replace: [{ range: range(3), text: 'effleurage', title: 'Change to effleurage' }] };
    const finding: Finding = { ruleId: 'contraindication.absolute', severity: 'error', message: 'No.', range: range(3), related: [{ message: 'condition', range: range(1) }], fix };
    assert.deepEqual(toDiagnostic(finding, 'file:///n.soap.yaml'), {
      range: range(3),
      severity: 1,
      code: 'contraindication.absolute',
      source: 'soapnote',
      message: 'No.',
      relatedInformation: [{ location: { uri: 'file:///n.soap.yaml', range: range(1) }, message: 'condition' }],
      data: fix,
    });
  });

  const severities: [Finding['severity'], number][] = [['error', 1], ['warning', 2], ['information', 3], ['hint', 4]];
  for (const [severity, expected] of severities) {
    it(`maps severity ${severity} to ${expected}`, () => {
      assert.equal(toDiagnostic({ ruleId: 'x', severity, message: '', range: range(0) }, 'u').severity, expected);
    });
  }

  it('counts findings for the status bar', () => {
    const f = (severity: Finding['severity']): Finding => ({ ruleId: 'x', severity, message: '', range: range(0) });
    assert.deepEqual(countFindings('u', [f('error'), f('warning'), f('warning'), f('hint'), f('information')]), { uri: 'u', errors: 1, warnings: 2, infos: 2 });
  });

  const noteCases: [string, string, boolean][] = [
    ['file:///a/visit.soap.yaml', 'yaml', true],
    ['file:///a/visit.SOAP.YML', 'plaintext', true],
    ['untitled:Untitled-1', 'soapnote', true],
    ['file:///a/visit.yaml', 'yaml', false],
    ['file:///a/.soapnote/config.yaml', 'yaml', false],
  ];
  for (const [uri, languageId, expected] of noteCases) {
    it(`treats ${uri} (${languageId}) as ${expected ? 'a note' : 'not a note'}`, () => {
      assert.equal(isNoteDocument(uri, languageId), expected);
    });
  }

  it('recognises the workspace config path', () => {
    assert.equal(isConfigUri('file:///w/.soapnote/config.yaml'), true);
    assert.equal(isConfigUri('file:///w/soapnote/config.yaml'), false);
  });

  it('never publishes a version older than the current document or the last one published', async () => {
    const sent: PublishDiagnosticsParams[] = [];
    let current = TextDocument.create('u', 'soapnote', 5, 'soapnote: 1');
    let editDuringAnalysis = false;
    let runs = 0;
    const publisher = new AsyncPublisher(
      () => current,
      async () => {
        runs++;
        if (editDuringAnalysis) {
          current = TextDocument.update(current, [{ text: 'x' }], current.version + 1);
        }
        return [];
      },
      (document) => sent.push({ uri: document.uri, version: document.version, diagnostics: [] }),
      (e) => assert.fail(String(e)),
    );
    /** Schedules a publish now and waits until its analysis has run. */
    const publish = async (): Promise<void> => {
      const before = runs;
      publisher.schedule('u', 0);
      while (runs === before) {
        await new Promise((r) => setTimeout(r, 1));
      }
      await new Promise((r) => setTimeout(r, 1));
    };
    await publish();
    assert.deepEqual(sent.map((p) => p.version), [5]);
    editDuringAnalysis = true;
    await publish();
    assert.deepEqual(sent.map((p) => p.version), [5], 'the text changed while it was analysed: nothing sent');
    editDuringAnalysis = false;
    current = TextDocument.create('u', 'soapnote', 3, 'soapnote: 1');
    await publish();
    assert.deepEqual(sent.map((p) => p.version), [5], 'older than the last published');
  });

  it('answers a throwing handler with its empty result and logs once per kind', () => {
    const logs: string[] = [];
    const guard = new Guard((m) => logs.push(m));
    const handler = guard.request('hover', null, () => {
      throw new Error('boom');
    });
    assert.equal(handler({}, CancellationToken.None), null);
    assert.equal(handler({}, CancellationToken.None), null);
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? '', /hover failed.*boom/s);
  });

  it('answers a cancelled request with RequestCancelled without running it', () => {
    const source = new CancellationTokenSource();
    source.cancel();
    let ran = false;
    const result = new Guard(() => undefined).request('completion', null, () => (ran = true))({}, source.token);
    assert.ok(result instanceof ResponseError);
    assert.equal(result.code, -32800);
    assert.equal(ran, false);
  });
});

describe('analysis cache', () => {
  const host: LanguageServiceHost = {
    workspaceFolders: () => [],
    readFile: async () => ({ missing: true }),
    listNotes: async () => [],
    today: () => '2026-11-02',
    sha256: (text) => nodeHost().sha256(text),
    randomBytes: (length) => new Uint8Array(length),
    builtinPacks: () => builtinPackSources(),
  };
  const v1 = TextDocument.create('file:///n.soap.yaml', 'soapnote', 1, 'soapnote: 1\nclient: C-1\ndate: 2026-11-02\ntherapist: T\n');
  const v2 = TextDocument.create('file:///n.soap.yaml', 'soapnote', 2, 'soapnote: 1\nclient: C-2\ndate: 2026-11-02\ntherapist: T\n');

  it('analyses each version once', async () => {
    const service = createLanguageService({ host });
    const first = await service.analyze(v1);
    assert.equal(await service.analyze(v1), first);
    assert.notEqual(await service.analyze(v2), first);
  });

  it('gives completion the last analysis instead of waiting for a new one, and a fresh one when there is none', async () => {
    const service = createLanguageService({ host });
    assert.equal(service.latest(v1.uri), undefined, 'none yet: the adapter analyses the current version');
    const first = await service.analyze(v1);
    assert.equal(first.note.client?.value, 'C-1');
    assert.equal(service.latest(v2.uri), first, 'an edit does not force a re-analysis for ranking');
    assert.equal((await service.analyze(v2)).note.client?.value, 'C-2');
    assert.equal(service.latest(v2.uri)?.note.client?.value, 'C-2');
  });
});
