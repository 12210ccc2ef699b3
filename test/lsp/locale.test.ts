import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, CompletionList, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, withCursor } from './client';

const HEAD = (date: string, visit: number): string => `soapnote: 1\nclient: C-0142\ndate: ${date}\ntherapist: J. Lee, RMT\nvisit: ${visit}\n`;
const EARLIER = `${HEAD('2026-09-08', 1)}treatment:\n  - {technique: effleurage, target: erector spinae, pressure: light, minutes: 20}\n`;
const TODAY = `${HEAD('2026-09-15', 2)}duration: 30\ntreatment:\n  - technique: effleurage\n    target: erector spinae\n    pressure: moderate\n    minutes: 20\n  - {technique: petrissage, target: upper trapezius, pressure: 4, minutes: 15}\n`;
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } };

/** The real server over stdio, started by an editor whose display language is French (`InitializeParams.locale`). */
describe('language server: labels in the editor\'s language', function () {
  this.timeout(30_000);
  let root: string;
  const uri = (name: string): string => pathToFileURL(join(root, 'notes', name)).toString();

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-locale-'));
    mkdirSync(join(root, '.soapnote'));
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'today: 2026-09-15\n');
    writeFileSync(join(root, 'notes', 'C-0142-2026-09-08.soap.yaml'), EARLIER);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Starts a server with `locale`, opens today's note and waits for its diagnostics. */
  const started = async (locale: string): Promise<{ client: LspClient; today: string }> => {
    const client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 }, locale });
    const today = uri('C-0142-2026-09-15.soap.yaml');
    await client.open(today, TODAY);
    await client.waitForDiagnostics(today, 1);
    return { client, today };
  };

  it("locale 'fr': French lens titles, inlay hints, completion details, report and history page", async () => {
    const { client, today } = await started('fr');
    try {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: today } });
      assert.deepEqual(lenses.map((l) => [l.command?.title, l.command?.command]), [
        ['Aperçu', 'soapnote.openPreviewToSide'],
        ['Signer', 'soapnote.signNote'],
        ['Historique : 2 visites', 'soapnote.showHistory'],
      ]);
      const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: today }, range: WHOLE });
      assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [[5, 'traitement 35 sur 30 min, dépassement de 5'], [9, 'niveau de Walton 3'], [11, 'firm']]);

      const pressure = withCursor(TODAY.replace('pressure: moderate', 'pressure: |'));
      await client.replace(today, 2, pressure.text);
      await client.waitForDiagnostics(today, 2);
      const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: today }, position: pressure.position });
      assert.equal(completion.items.find((i) => i.label === 'light')?.detail, 'niveau de Walton 2');
      await client.replace(today, 3, TODAY);
      await client.waitForDiagnostics(today, 3);

      const { html } = await client.request<{ html: string }>('soapnote/render', { uri: today, format: 'html', nonce: 'bG9jYWxlLXRlc3Qtbm9uY2U=' });
      assert.match(html, /<html lang="fr">/);
      assert.match(html, /<h2>Alertes santé<\/h2>/);
      assert.match(html, /<h2>Traitement<\/h2>/);
      const { markdown } = await client.request<{ markdown: string }>('soapnote/render', { uri: today, format: 'md' });
      assert.match(markdown, /^# Note de séance · client C-0142\n/);
      const history = await client.request<{ html?: string; visits: number }>('soapnote/history', { uri: today });
      assert.equal(history.visits, 2);
      assert.match(history.html ?? '', /<html lang="fr">/);
      assert.match(history.html ?? '', /<h1>Évolution : C-0142<\/h1>/);
    } finally {
      assert.equal(await client.shutdown(), 0);
    }
  });

  it("a regional form ('fr-CA') is French; a language the server lacks ('de') is English", async () => {
    for (const [locale, expected] of [['fr-CA', ['Aperçu', 'Signer', 'Historique : 2 visites']], ['de', ['Preview', 'Sign', 'History: 2 visits']]] as const) {
      const { client, today } = await started(locale);
      try {
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: today } });
        assert.deepEqual(lenses.map((l) => l.command?.title), expected, locale);
      } finally {
        assert.equal(await client.shutdown(), 0);
      }
    }
  });
});
