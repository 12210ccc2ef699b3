import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

const HEAD = (date: string, visit: number): string => `soapnote: 1\nclient: C-0142\ndate: ${date}\ntherapist: J. Lee, RMT\nvisit: ${visit}\n`;
const intake = (status: string): string => `${HEAD('2026-09-08', 1)}health:\n  conditions:\n    - condition: deep vein thrombosis\n      region: calf\n      side: left\n      status: ${status}\n`;
const FOLLOW_UP = `${HEAD('2026-09-15', 2)}treatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light}\n`;

describe('language server: the client record across visits', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  let intakeUri: string;
  let followUri: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'soapnote-record-'));
    mkdirSync(join(root, '.soapnote'));
    writeFileSync(join(root, '.soapnote', 'config.yaml'), 'today: 2026-09-20\n');
    writeFileSync(join(root, 'intake.soap.yaml'), intake('active'));
    writeFileSync(join(root, 'follow-up.soap.yaml'), FOLLOW_UP);
    intakeUri = pathToFileURL(join(root, 'intake.soap.yaml')).toString();
    followUri = pathToFileURL(join(root, 'follow-up.soap.yaml')).toString();
    client = await LspClient.start({ rootUri: pathToFileURL(root).toString(), initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('a follow-up opened in a workspace whose intake note (on disk, not open) records an active DVT gets the conflict, pointing at the intake note', async () => {
    const waiting = client.waitForDiagnostics(followUri, 1);
    await client.open(followUri, FOLLOW_UP, 1);
    const published = await waiting;
    const conflict = published.diagnostics.find((d) => d.code === 'contraindication.absolute');
    assert.ok(conflict, JSON.stringify(published.diagnostics));
    assert.match(String(conflict.message), /recorded 2026-09-08, visit 1/);
    assert.equal(conflict.relatedInformation?.[0]?.location.uri, intakeUri);
    assert.equal(conflict.relatedInformation?.[0]?.location.range.start.line, 7);
    assert.ok(published.diagnostics.some((d) => d.code === 'record.carried-history' && d.range.start.line === 0));
  });

  it('New Note (soapnote/fillTemplate) writes the carried history as comments under health:', async () => {
    const template = 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\nvisit: {{visit}}\nhealth:\n  conditions: []\n';
    const result = await client.request<{ text: string; visit: number } | null>('soapnote/fillTemplate', { folderUri: pathToFileURL(root).toString(), template, client: 'C-0142', therapist: 'J. Lee, RMT' });
    assert.equal(result?.visit, 3);
    assert.match(result?.text ?? '', /\nhealth:\n  # Health history carried[^\n]*\n  # carried from 2026-09-08, visit 1: deep vein thrombosis, left calf, active\n  conditions: \[\]\n/);
  });

  it('hover on the carried conflict shows the earlier note\'s line', async () => {
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: followUri }, position: { line: 6, character: 20 } });
    const text = (result?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(text, /intake\.soap\.yaml/);
    assert.match(text, /- condition: deep vein thrombosis/);
  });

  it('editing the open intake note to status: resolved clears the follow-up without touching it', async () => {
    await client.open(intakeUri, intake('active'), 1);
    const cleared = new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('follow-up diagnostics never cleared')), 10_000);
      const poll = setInterval(() => {
        const last = client.published.filter((p) => p.uri === followUri).at(-1);
        if (last && !last.diagnostics.some((d) => d.code === 'contraindication.absolute')) {
          clearInterval(poll);
          clearTimeout(timer);
          done();
        }
      }, 20);
    });
    await client.replace(intakeUri, 2, intake('resolved'));
    await cleared;
    const last = client.published.filter((p) => p.uri === followUri).at(-1);
    assert.equal(last?.version, 1);
    assert.deepEqual(last?.diagnostics.filter((d) => d.severity === 1 || d.severity === 2), []);
  });

  it('closing the intake note without saving brings the disk text back: the conflict returns', async () => {
    const before = client.published.length;
    await client.close(intakeUri);
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('conflict did not return')), 10_000);
      const poll = setInterval(() => {
        const last = client.published.slice(before).filter((p) => p.uri === followUri).at(-1);
        if (last?.diagnostics.some((d) => d.code === 'contraindication.absolute')) {
          clearInterval(poll);
          clearTimeout(timer);
          done();
        }
      }, 20);
    });
  });

  it('a change on disk reported by the file watcher re-checks the open follow-up', async () => {
    const before = client.published.length;
    writeFileSync(join(root, 'intake.soap.yaml'), intake('resolved'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: intakeUri, type: 2 }] });
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('follow-up not re-checked')), 10_000);
      const poll = setInterval(() => {
        const last = client.published.slice(before).filter((p) => p.uri === followUri).at(-1);
        if (last && !last.diagnostics.some((d) => d.code === 'contraindication.absolute')) {
          clearInterval(poll);
          clearTimeout(timer);
          done();
        }
      }, 20);
    });
  });
});
