import * as assert from 'node:assert/strict';
import { LspClient } from './client';

const NOTE = 'soapnote: 1\nclient: C-0001\ndate: 2026-11-02\ntherapist: J. Lee, RMT\n';

describe('language server: text that lost characters in decoding', function () {
  this.timeout(20_000);
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    if (client.alive) {
      assert.equal(await client.shutdown(), 0);
    }
  });

  const cases: { name: string; text: string; line: number; character: number }[] = [
    // What VS Code hands over for a Latin-1 file opened as UTF-8: U+FFFD where the byte was.
    { name: 'U+FFFD from a Latin-1 file', text: `${NOTE}subjective: {complaint: Jos\uFFFD}\n`, line: 4, character: 27 },
    { name: 'a NUL character', text: `${NOTE}x: \u0000\n`, line: 4, character: 3 },
  ];
  cases.forEach((c, i) => {
    it(`publishes one note.encoding error for ${c.name}, at the character`, async () => {
      const uri = `file:///virtual/encoding-${i}.soap.yaml`;
      await client.open(uri, c.text, 1);
      const published = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
        [['note.encoding', 1, c.line, c.character]],
      );
    });
  });
});
