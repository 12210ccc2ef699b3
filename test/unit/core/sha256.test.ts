import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as fc from 'fast-check';
import { sha256Bytes, sha256Hex, utf8Bytes } from '../../../server/src/core/sha256';

const node = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('core sha256 (pure, for the web worker)', () => {
  const cases: { name: string; text: string; hex?: string }[] = [
    { name: 'empty', text: '', hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { name: 'abc (FIPS 180-4 example)', text: 'abc', hex: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    { name: '448-bit FIPS example', text: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', hex: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1' },
    { name: '55 bytes (one block, length just fits)', text: 'a'.repeat(55) },
    { name: '56 bytes (length spills into a second block)', text: 'a'.repeat(56) },
    { name: '64 bytes', text: 'b'.repeat(64) },
    { name: 'accents and CJK', text: 'café — 肩こり' },
    { name: 'astral plane (emoji)', text: 'pain 😖 7/10' },
    { name: 'lone surrogate', text: 'a\ud800b' },
    { name: 'a signed note body', text: 'soapnote: 1\nclient: C-0142\ndate: 2026-09-08\ntherapist: J. Lee, RMT\n' },
    { name: 'a million a', text: 'a'.repeat(1_000_000), hex: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0' },
  ];
  for (const c of cases) {
    it(`matches node:crypto: ${c.name}`, () => {
      assert.equal(sha256Hex(c.text), node(c.text));
      if (c.hex) {
        assert.equal(sha256Hex(c.text), c.hex);
      }
    });
  }

  it('matches node:crypto on every length from 0 to 300 bytes of random data', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length);
      assert.equal(sha256Bytes(bytes), createHash('sha256').update(bytes).digest('hex'), `length ${length}`);
    }
  });

  it('matches node:crypto on arbitrary strings, UTF-8 encoding included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        assert.deepEqual(Buffer.from(utf8Bytes(text)), Buffer.from(text, 'utf8'));
        assert.equal(sha256Hex(text), node(text));
      }),
      { numRuns: 500 },
    );
  });
});
