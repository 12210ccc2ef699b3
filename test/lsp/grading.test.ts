import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient, REPO } from './client';

const CLASS = join(REPO, 'test', 'fixtures', 'grading');


/** The grade lenses among a note's lenses (the others are Preview, Sign and History). */
function gradeLenses(lenses: CodeLens[]): CodeLens[] {
  return lenses.filter((l) => l.command?.title.startsWith('Grade') === true);
}

describe('language server: the grade code lens, review comments as hints, both in the preview', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  let uri: string;
  let text: string;
  let refreshes = 0;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-grading-'));
    mkdirSync(join(root, '.soapnote'));
    cpSync(join(CLASS, '.soapnote'), join(root, '.soapnote'), { recursive: true });
    text = readFileSync(join(CLASS, '03-no-home-care.soap.yaml'), 'utf8');
    writeFileSync(join(root, 'student.soap.yaml'), text);
    cpSync(join(CLASS, '03-no-home-care.review.yaml'), join(root, 'student.review.yaml'));
    uri = pathToFileURL(join(root, 'student.soap.yaml')).toString();
    const capabilities = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } } };
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 }, capabilities });
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes++;
      return null;
    });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('announces a code lens provider', () => {
    assert.deepEqual(client.initializeResult?.capabilities.codeLensProvider, { resolveProvider: false });
  });

  it('shows each review comment as a hint on its line (source review); a comment whose line is gone on line 1', async () => {
    const waiting = client.waitForDiagnostics(uri, 1);
    await client.open(uri, text, 1);
    const review = (await waiting).diagnostics.filter((d) => d.source === 'review');
    assert.deepEqual(review.map((d) => [d.range.start.line, d.severity, d.code]), [
      [13, 4, 'review.comment'],
      [20, 4, 'review.comment'],
      [0, 3, 'review.unanchored'],
      [0, 3, 'review.unanchored'],
    ]);
    assert.equal(review[0]?.message, 'Review (Dr. K. Moss, 2026-11-22): Good. Say where in the muscle the trigger point is.');
    assert.match(String(review[1]?.message ?? ''), /written on line 18; the line has moved/);
    assert.match(String(review[2]?.message ?? ''), /place is gone \(line 27 no longer exists\): What stretch will the client do at home\?/);
    // The status bar counts the checker's findings only: a reviewed clean note is still clean.
    const counts = await client.waitForNotification<{ uri: string; errors: number; warnings: number; infos: number }>('soapnote/findingCounts', (c) => c.uri === uri);
    assert.deepEqual([counts.errors, counts.warnings, counts.infos], [0, 0, 0]);
  });

  it('the code lens on line 1 shows the score and the criteria missed', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    // After the note's own lenses (Preview, Sign, History).
    assert.deepEqual(lenses.at(-1), { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'Grade 11/13 · missed: home-care, signed', command: '' } });
    assert.deepEqual(gradeLenses(lenses).length, 1);
  });

  it('the lens follows the editor: adding home care raises the score', async () => {
    const withCare = text.replace('  next_visit: 2026-11-27\n', '  next_visit: 2026-11-27\n  home_care: [stretch twice a day]\n');
    await client.replace(uri, 2, withCare);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(gradeLenses(lenses).map((l) => l.command?.title), ['Grade 12/13 · missed: signed']);
    const back = client.waitForDiagnostics(uri, 3);
    await client.replace(uri, 3, text);
    await back;
  });

  it('the preview report lists the criteria met and missed, and the review comments', async () => {
    const { html } = await client.request<{ html: string }>('soapnote/render', { uri, format: 'html', nonce: 'bm9uY2Utbm9uY2U=' });
    assert.match(html, /<section class="grade">\n<h2>Grade: 11 \/ 13<\/h2>/);
    assert.match(html, /<h3>Criteria missed<\/h3>\n<ul class="criteria-missed"><li class="missed"><strong>missed<\/strong> home-care \(1 pt\): Give home care\./);
    assert.match(html, /<h3>Criteria met<\/h3>\n<ul class="criteria-met"><li class="met"><strong>met<\/strong> sections/);
    assert.match(html, /<section class="review">[\s\S]*<li data-line="13"><strong>Dr. K. Moss, 2026-11-22<\/strong>, line 14: <span class="text">Good\./);
    assert.match(html, /<li class="lost"><strong>Dr. K. Moss, 2026-11-22<\/strong>, place gone \(line 27 no longer exists\)/);
    const { markdown } = await client.request<{ markdown: string }>('soapnote/render', { uri, format: 'md' });
    assert.match(markdown, /## Grade: 11 \/ 13\n\n- \*\*missed\*\* home-care \(1 pt\): Give home care\./);
    assert.match(markdown, /## Review comments\n\n- \*\*Dr\. K\. Moss, 2026-11-22\*\*, line 14: Good\./);
  });

  it('an open rubric is checked as it is typed, its errors on their lines', async () => {
    const rubricUri = pathToFileURL(join(root, '.soapnote', 'rubric.yaml')).toString();
    const waiting = client.waitForDiagnostics(rubricUri, 1);
    await client.open(rubricUri, 'soapnote_rubric: 1\ncriteria:\n  - {id: pain, check: pain-reasessed, points: 1, message: Record pain.}\n', 1, 'yaml');
    const diagnostics = (await waiting).diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code, d.severity]), [[2, 'rubric.invalid', 1]]);
    const fixed = client.waitForDiagnostics(rubricUri, 2);
    await client.replace(rubricUri, 2, 'soapnote_rubric: 1\ncriteria:\n  - {id: pain, check: pain-reassessed, points: 1, message: Record pain.}\n');
    assert.deepEqual((await fixed).diagnostics, []);
    await client.close(rubricUri);
  });

  it('a review file changed on disk is shown again; without a rubric there is no lens', async () => {
    client.forget();
    writeFileSync(join(root, 'student.review.yaml'), 'soapnote_review: 1\ncomments:\n  - {author: Dr. K. Moss, date: 2026-11-23, line: 2, text: Client id checked.}\n');
    const waiting = client.waitForDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'student.review.yaml')).toString(), type: 2 }] });
    const review = (await waiting).diagnostics.filter((d) => d.source === 'review');
    assert.deepEqual(review.map((d) => [d.range.start.line, d.message]), [[1, 'Review (Dr. K. Moss, 2026-11-23): Client id checked.']]);
    rmSync(join(root, '.soapnote', 'rubric.yaml'));
    // The editor is asked to fetch the lenses again when the rubric changes.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, '.soapnote', 'rubric.yaml')).toString(), type: 3 }] });
    for (let i = 0; i < 100 && refreshes === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(refreshes, 1);
    assert.deepEqual(gradeLenses(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })), []);
    const { html } = await client.request<{ html: string }>('soapnote/render', { uri, format: 'html', nonce: 'bm9uY2Utbm9uY2U=' });
    assert.doesNotMatch(html, /class="grade"/);
  });
});
