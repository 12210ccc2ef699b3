import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryResult, RenderResult } from '../../server/src/protocol';
import { LspClient, REPO, repoUri } from './client';

const CLEAN = ['examples', 'clean'];
const FIRST = 'C-0142-2026-09-08.soap.yaml';
const firstText = readFileSync(join(REPO, ...CLEAN, FIRST), 'utf8');

describe('language server: progress across visits', function () {
  this.timeout(20_000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ rootUri: repoUri(...CLEAN), initializationOptions: { debounceMs: 0 } });
    await client.open(repoUri(...CLEAN, FIRST), firstText, 1);
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
  });

  const history = (uri: string, nonce?: string): Promise<HistoryResult | null> => client.request('soapnote/history', { uri, nonce });

  it("collects the client's notes in the note's workspace folder into one page", async () => {
    const result = await history(repoUri(...CLEAN, FIRST), 'bm9uY2Utbm9uY2U=');
    assert.equal(result?.client, 'C-0142');
    assert.equal(result?.visits, 5);
    assert.match(result?.html ?? '', /<h1>Progress: C-0142<\/h1>/);
    assert.match(result?.html ?? '', /style-src 'nonce-bm9uY2Utbm9uY2U='/);
    assert.doesNotMatch(result?.html ?? '', /<script/);
  });

  it("uses the editor's unsaved text of an open note", async () => {
    const uri = repoUri(...CLEAN, FIRST);
    await client.replace(uri, 2, firstText.replace(/^date: 2026-09-08$/m, 'date: 2026-08-01'));
    const result = await history(uri);
    assert.match(result?.html ?? '', /2026-08-01/);
    assert.doesNotMatch(result?.html ?? '', /2026-09-08/);
    await client.replace(uri, 3, firstText);
  });

  it('replaces a nonce that could break out of the policy', async () => {
    const result = await history(repoUri(...CLEAN, FIRST), "x'; script-src *");
    assert.doesNotMatch(result?.html ?? '', /script-src \*/);
    assert.match(result?.html ?? '', /style-src 'nonce-[A-Za-z0-9+/]+=*'/);
  });

  const cases: [string, string, string, HistoryResult | null][] = [
    ['a note without a client id', 'no-client', 'soapnote: 1\ndate: 2026-09-01\n', { visits: 0 }],
    ['a client with no dated notes', 'undated', 'soapnote: 1\nclient: C-9999\n', { visits: 0, client: 'C-9999' }],
  ];
  for (const [name, file, text, expected] of cases) {
    it(`answers ${JSON.stringify(expected)} for ${name}`, async () => {
      const uri = repoUri(...CLEAN, `${file}.soap.yaml`);
      await client.open(uri, text, 1);
      assert.deepEqual(await history(uri), expected);
      await client.close(uri);
    });
  }

  it('answers null for a note that is not open', async () => {
    assert.equal(await history(repoUri(...CLEAN, 'C-0142-2026-09-15.soap.yaml')), null);
  });

  it('links the report to the history only when asked (the editor preview), to a safe target', async () => {
    const uri = repoUri(...CLEAN, FIRST);
    const render = (historyHref?: string) => client.request<RenderResult>('soapnote/render', { uri, format: 'html', historyHref });
    assert.match((await render('#history')).html ?? '', /<a class="history" href="#history">/);
    assert.doesNotMatch((await render()).html ?? '', /class="history"/);
    assert.doesNotMatch((await render('javascript:alert(1)')).html ?? '', /class="history"/);
  });
});
