import * as assert from 'node:assert/strict';
import { base64Utf8, fhirDate, fhirInstant, uuidFor } from '../../../server/src/core/render/fhirIds';
import { escapeXhtml, sectionNarrative } from '../../../server/src/core/render/fhirNarrative';
import { nodeHost } from '../../../server/src/node/nodeHost';

describe('FHIR export helpers', () => {
  const { sha256 } = nodeHost();

  it('derives RFC 9562 version-8 UUIDs from the seed and name', () => {
    const id = uuidFor(sha256, 'a.soap.yaml', 'composition');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(uuidFor(sha256, 'a.soap.yaml', 'composition'), id);
    assert.notEqual(uuidFor(sha256, 'a.soap.yaml', 'encounter'), id);
    assert.notEqual(uuidFor(sha256, 'b.soap.yaml', 'composition'), id);
  });

  const base64Cases = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'é ü', 'a'.repeat(64)];
  for (const text of base64Cases) {
    it(`base64 of ${JSON.stringify(text)}`, () => {
      assert.equal(base64Utf8(text), Buffer.from(text, 'utf8').toString('base64'));
    });
  }

  const dateCases: [string | undefined, string | undefined, string | undefined][] = [
    ['2026-11-20', '2026-11-20', undefined],
    ['2026-13-01', undefined, undefined],
    ['2026-11-20T18:05:00Z', undefined, '2026-11-20T18:05:00Z'],
    ['2026-11-20T18:05:00+01:00', undefined, '2026-11-20T18:05:00+01:00'],
    ['2026-11-20T18:05', undefined, undefined],
    [undefined, undefined, undefined],
  ];
  for (const [text, date, instant] of dateCases) {
    it(`reads ${String(text)} as date ${String(date)}, instant ${String(instant)}`, () => {
      assert.equal(fhirDate(text), date);
      assert.equal(fhirInstant(text), instant);
    });
  }

  it('escapes XHTML and drops characters XML cannot carry', () => {
    assert.equal(escapeXhtml(`<b>"Tom" & 'Jerry'</b>\u0001`), '&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;');
  });

  it('says "Not recorded." for an empty section, since FHIR needs a non-empty div', () => {
    assert.equal(sectionNarrative([undefined, {}]).div, '<div xmlns="http://www.w3.org/1999/xhtml"><p>Not recorded.</p></div>');
    assert.equal(sectionNarrative([{ complaint: 'Low back pain', home_care: ['walk'] }]).div, '<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Complaint:</b> Low back pain</p><p><b>Home care:</b></p><ul><li>walk</li></ul></div>');
  });
});
