import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FillTemplateResult } from '../../server/src/protocol';
import { LspClient } from './client';

/** A workspace whose "today" is pinned, with two earlier notes of C-1 (visits 1 and 2) and one of another client. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'soapnote-fill-'));
  mkdirSync(join(dir, '.soapnote'));
  writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'today: 2026-11-20\n');
  const note = (client: string, date: string, visit: number) => `soapnote: 1\nclient: ${client}\ndate: ${date}\ntherapist: J. Lee\nvisit: ${visit}\n`;
  writeFileSync(join(dir, 'a.soap.yaml'), note('C-1', '2026-11-06', 1));
  writeFileSync(join(dir, 'b.soap.yaml'), note('C-1', '2026-11-13', 2));
  writeFileSync(join(dir, 'c.soap.yaml'), note('C-2', '2026-11-13', 7));
  return dir;
}

describe('language server: soapnote/fillTemplate (the editor\'s New Note)', function () {
  this.timeout(20_000);
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = workspace();
    client = await LspClient.start({ rootUri: pathToFileURL(dir).toString(), initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
  });

  const template = 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\nvisit: {{visit}}\n';
  const cases: [string, string, string, FillTemplateResult][] = [
    ['the next visit of a client with earlier notes', 'C-1', 'J. Lee, RMT', { text: 'soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: "J. Lee, RMT"\nvisit: 3\n', date: '2026-11-20', visit: 3 }],
    ['visit 1 for a new client, and a numeric-looking id kept a string', '0142', 'Sam', { text: 'soapnote: 1\nclient: "0142"\ndate: 2026-11-20\ntherapist: Sam\nvisit: 1\n', date: '2026-11-20', visit: 1 }],
  ];
  for (const [name, clientId, therapist, expected] of cases) {
    it(`fills every placeholder: ${name}`, async () => {
      const result = await client.request<FillTemplateResult>('soapnote/fillTemplate', { folderUri: pathToFileURL(dir).toString(), template, client: clientId, therapist });
      assert.deepEqual(result, expected);
    });
  }
});
