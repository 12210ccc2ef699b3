import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, InitializeResult, InlayHint, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { soapnote } from '../cli/run';
import { LspClient, REPO } from './client';

const HEAD = (client: string, date: string, visit: number, therapist = 'J. Lee, RMT'): string => `soapnote: 1\nclient: ${client}\ndate: ${date}\ntherapist: ${therapist}\nvisit: ${visit}\n`;
const INTAKE = `${HEAD('C-0142', '2026-09-08', 1)}treatment:\n  - {technique: effleurage, target: erector spinae, pressure: light, minutes: 20}\n`;
const SECOND = `${HEAD('C-0142', '2026-09-15', 2, 'A. Moreau, RMT')}treatment:\n  - {technique: petrissage, target: upper trapezius, pressure: 3, minutes: 15}\n`;
const OTHER = `${HEAD('C-0007', '2026-10-01', 1, 'A. Moreau, RMT')}treatment:\n  - {technique: effleurage, target: gastrocnemius, pressure: light}\n`;
// Open in the editor only, with the clinic's own pressure word.
const TODAY = `${HEAD('C-0142', '2026-09-20', 3)}duration: 30\ntreatment:\n  - technique: effleurage\n    target: erector spinae\n    pressure: medium\n    minutes: 20\n  - {technique: petrissage, target: upper trapezius, pressure: 4, minutes: 15}\n`;

describe('language server: inlay hints, code lens, workspace symbols, formatting', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  const uri = (name: string): string => pathToFileURL(join(root, 'notes', name)).toString();

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-features-'));
    mkdirSync(join(root, '.soapnote'));
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'today: 2026-09-20\npressures:\n  - {word: medium, level: 3, description: Our medium pressure.}\n');
    writeFileSync(join(root, 'notes', 'C-0142-2026-09-08.soap.yaml'), INTAKE);
    writeFileSync(join(root, 'notes', 'C-0142-2026-09-15.soap.yaml'), SECOND);
    writeFileSync(join(root, 'notes', 'C-0007-2026-10-01.soap.yaml'), OTHER);
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('announces inlay hints, code lens (not resolved), workspace symbols, document formatting', () => {
    const caps = (client.initializeResult as InitializeResult).capabilities;
    assert.equal(caps.inlayHintProvider, true);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.equal(caps.documentFormattingProvider, true);
  });

  it('inlay hints: the Walton level after a pressure word (the config\'s word too), the word after a level, minutes against duration, only in range', async () => {
    const today = uri('C-0142-2026-09-20.soap.yaml');
    await client.open(today, TODAY);
    await client.waitForDiagnostics(today, 1);
    const all = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: today }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    assert.deepEqual(all.map((h) => [h.position.line, h.label]), [[5, 'treatment 35 of 30 min, over by 5'], [9, 'Walton 3'], [11, 'firm']]);
    const some = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: today }, range: { start: { line: 6, character: 0 }, end: { line: 11, character: 0 } } });
    assert.deepEqual(some.map((h) => h.label), ['Walton 3']);
    const closed = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: uri('never-opened.soap.yaml') }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } });
    assert.deepEqual(closed, []);
  });

  it('code lens above the note: Preview, Sign, History counting the client\'s notes on disk and this one', async () => {
    const today = uri('C-0142-2026-09-20.soap.yaml');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: today } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments]), [
      [0, 'Preview', 'soapnote.openPreviewToSide', [today]],
      [0, 'Sign', 'soapnote.signNote', [today]],
      [0, 'History: 3 visits', 'soapnote.showHistory', [today]],
    ]);
  });

  it('the lens commands are ones the VS Code extension contributes', async () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri('C-0142-2026-09-20.soap.yaml') } });
    for (const lens of lenses) {
      assert.ok(contributed.has(lens.command?.command ?? ''), lens.command?.command);
    }
  });

  it('workspace symbols: a client\'s notes by id, oldest first, the unsaved open one included; by therapist; all for an empty query', async () => {
    const byClient = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'C-0142' });
    assert.deepEqual(byClient.map((s) => [s.name, s.location.uri, s.location.range.start.line]), [
      ['C-0142 · 2026-09-08 · visit 1 · J. Lee, RMT', uri('C-0142-2026-09-08.soap.yaml'), 0],
      ['C-0142 · 2026-09-15 · visit 2 · A. Moreau, RMT', uri('C-0142-2026-09-15.soap.yaml'), 0],
      ['C-0142 · 2026-09-20 · visit 3 · J. Lee, RMT', uri('C-0142-2026-09-20.soap.yaml'), 0],
    ]);
    const byTherapist = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'moreau' });
    assert.deepEqual(byTherapist.map((s) => s.containerName), ['C-0007-2026-10-01.soap.yaml', 'C-0142-2026-09-15.soap.yaml']);
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.equal(all.length, 4);
  });

  it('formatting a note signed by the CLI: indentation normalised, the hash still valid, and soapnote check finds no signature problem', async () => {
    const path = join(root, 'signed', 'C-0007-2026-10-08.soap.yaml');
    mkdirSync(join(root, 'signed'));
    const messy = `${HEAD('C-0007', '2026-10-08', 2)}subjective:   \n    # in the client's words\n    complaint: |\n        Calves tight after the race.  \n    pain: 4\ntreatment:\n    -   technique: effleurage   # warm-up\n        target: gastrocnemius\n        minutes: 10\n`;
    writeFileSync(path, messy);
    const signed = soapnote(['sign', path, '--by', 'J. Lee, RMT', '--at', '2026-10-08T17:00:00Z'], root);
    assert.equal(signed.code, 0, signed.stdout + signed.stderr);
    const text = readFileSync(path, 'utf8');
    const doc = pathToFileURL(path).toString();
    await client.open(doc, text);
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: doc }, options: { tabSize: 4, insertSpaces: true } });
    assert.ok(edits.length > 0);
    const formatted = TextDocument.applyEdits(TextDocument.create(doc, 'soapnote', 1, text), edits);
    assert.match(formatted, /\nsubjective:\n  # in the client's words\n  complaint: \|\n    Calves tight after the race\. {2}\n  pain: 4\ntreatment:\n  - technique: effleurage   # warm-up\n    target: gastrocnemius\n/);
    writeFileSync(path, formatted);
    const checked = soapnote(['check', path, '--format', 'json'], root);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.doesNotMatch(checked.stdout, /signature\./);
    // The same check does see a changed value: the hash is really checked.
    writeFileSync(path, formatted.replace('pain: 4', 'pain: 5'));
    const tampered = soapnote(['check', path, '--format', 'json'], root);
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, /signature\.mismatch/);
  });

  it('a note with a YAML error is not formatted', async () => {
    const doc = uri('broken.soap.yaml');
    await client.open(doc, `${HEAD('C-0007', '2026-10-09', 3)}subjective:\n    complaint: [calves\n    pain: 4\n`);
    assert.deepEqual(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: doc }, options: { tabSize: 2, insertSpaces: true } }), []);
  });
});

describe('language server: formatting registered for notes only when the client registers dynamically', function () {
  this.timeout(30_000);

  it('no static formatting provider; a registration for the notes (file and untitled), not for .soapnote/ YAML; formatting answers', async () => {
    const capabilities = { textDocument: { formatting: { dynamicRegistration: true } }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } };
    const client = await LspClient.start({ capabilities, initializationOptions: { debounceMs: 0 } });
    try {
      assert.equal((client.initializeResult as InitializeResult).capabilities.documentFormattingProvider, undefined);
      const deadline = Date.now() + 10_000;
      let registration: { method: string; registerOptions?: unknown } | undefined;
      while (!registration && Date.now() < deadline) {
        registration = client.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'textDocument/formatting');
        await new Promise((resolveLater) => setTimeout(resolveLater, 10));
      }
      assert.deepEqual(registration?.registerOptions, {
        documentSelector: [
          { scheme: 'file', language: 'soapnote' },
          { scheme: 'file', pattern: '**/*.soap.{yaml,yml}' },
          { scheme: 'untitled', language: 'soapnote' },
          { scheme: 'untitled', pattern: '**/*.soap.{yaml,yml}' },
        ],
      });
      const doc = 'file:///virtual/format.soap.yaml';
      await client.open(doc, 'soapnote: 1\nplan:\n    frequency: weekly\n');
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: doc }, options: { tabSize: 2, insertSpaces: true } });
      assert.deepEqual(edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 21 } }, newText: '  frequency: weekly' }]);
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  });
});
