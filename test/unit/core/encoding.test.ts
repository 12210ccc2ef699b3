import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { createEngine } from '../../../server/src/core/engine';
import { decodeNoteBytes, textEncodingFinding } from '../../../server/src/core/encoding';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const NOTE = 'soapnote: 1\nclient: C-0001\ndate: 2026-11-02\ntherapist: J. Lee, RMT\n';

/** Bytes from a mix of strings (UTF-8) and byte arrays. */
function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

describe('note bytes: decoding (note.encoding)', () => {
  const bad: { name: string; input: Uint8Array; line: number; column: number; message: RegExp }[] = [
    { name: 'a Latin-1 é', input: bytes('soapnote: 1\nclient: Jos', [0xe9], '\n'), line: 2, column: 12, message: /Byte 0xE9 .*Latin-1/ },
    { name: 'a Latin-1 byte after multi-byte characters on its line (column counts characters)', input: bytes('a: 😀 ü ', [0xfc], '\n'), line: 1, column: 9, message: /0xFC/ },
    { name: 'UTF-16 LE with its BOM', input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTE, 'utf16le')]), line: 1, column: 1, message: /UTF-16/ },
    { name: 'UTF-16 BE with its BOM', input: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NOTE, 'utf16le').swap16()]), line: 1, column: 1, message: /UTF-16/ },
    { name: 'UTF-16 LE without a BOM (NUL bytes)', input: Buffer.from(NOTE, 'utf16le'), line: 1, column: 2, message: /NUL byte/ },
    { name: 'a NUL byte on line 3', input: bytes('a: 1\nb: 2\nc: x', [0], 'y\n'), line: 3, column: 5, message: /NUL byte/ },
    { name: 'a NUL byte after a UTF-8 BOM', input: bytes([0xef, 0xbb, 0xbf], 'ab', [0]), line: 1, column: 3, message: /NUL/ },
    { name: 'an overlong encoding of /', input: bytes('a: ', [0xc0, 0xaf]), line: 1, column: 4, message: /0xC0/ },
    { name: 'an encoded UTF-16 surrogate', input: bytes('a: ', [0xed, 0xa0, 0x80]), line: 1, column: 4, message: /0xED/ },
    { name: 'a code point above U+10FFFF', input: bytes('a: ', [0xf4, 0x90, 0x80, 0x80]), line: 1, column: 4, message: /0xF4/ },
    { name: 'a sequence cut off at the end of the file', input: bytes('a: ', [0xe2, 0x82]), line: 1, column: 4, message: /0xE2/ },
    { name: 'a continuation byte on its own', input: bytes('a: b\n', [0x80]), line: 2, column: 1, message: /0x80/ },
  ];
  for (const c of bad) {
    it(`reports ${c.name} at line ${c.line}, column ${c.column}`, () => {
      const decoded = decodeNoteBytes(c.input);
      assert.ok('finding' in decoded, 'should not decode');
      assert.equal(decoded.finding.ruleId, 'note.encoding');
      assert.equal(decoded.finding.severity, 'error');
      assert.deepEqual([decoded.finding.range.start.line + 1, decoded.finding.range.start.character + 1], [c.line, c.column]);
      assert.match(decoded.finding.message, c.message);
    });
  }

  const good: { name: string; input: Uint8Array; text: string }[] = [
    { name: 'ASCII', input: bytes(NOTE), text: NOTE },
    { name: 'UTF-8 with a BOM (the BOM is dropped)', input: bytes([0xef, 0xbb, 0xbf], NOTE), text: NOTE },
    { name: 'accents, CJK and emoji', input: bytes('a: José, 東京, 😀\n'), text: 'a: José, 東京, 😀\n' },
    { name: 'an empty file', input: bytes(''), text: '' },
  ];
  for (const c of good) {
    it(`decodes ${c.name}`, () => {
      assert.deepEqual(decodeNoteBytes(c.input), { text: c.text });
    });
  }

  it('agrees with a strict UTF-8 decoder on any bytes (fails exactly when they are not UTF-8 or hold a NUL)', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (input) => {
        let expectOk = !input.includes(0) && !(input[0] === 0xff && input[1] === 0xfe) && !(input[0] === 0xfe && input[1] === 0xff);
        try {
          strict.decode(input);
        } catch {
          expectOk = false;
        }
        assert.equal('text' in decodeNoteBytes(input), expectOk);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('note text: characters lost in decoding (note.encoding)', () => {
  const engine = createEngine({ packs: builtinPackSources(), host: { ...nodeHost(), today: () => '2026-11-21' } });
  const cases: { name: string; text: string; line: number; column: number; message: RegExp }[] = [
    { name: 'U+FFFD (an editor opened a Latin-1 file as UTF-8)', text: `${NOTE}subjective: {complaint: Jos\uFFFD}\n`, line: 5, column: 28, message: /U\+FFFD/ },
    { name: 'a NUL character', text: `${NOTE}x: \u0000\n`, line: 5, column: 4, message: /NUL/ },
    { name: 'a lone high surrogate', text: `a: \uD83D\n`, line: 1, column: 4, message: /surrogate/ },
    { name: 'a lone low surrogate', text: `a: \uDE00x\n`, line: 1, column: 4, message: /surrogate/ },
  ];
  for (const c of cases) {
    it(`reports ${c.name}, and the engine checks nothing else`, () => {
      const finding = textEncodingFinding(c.text);
      assert.ok(finding);
      assert.deepEqual([finding.range.start.line + 1, finding.range.start.character + 1], [c.line, c.column]);
      assert.match(finding.message, c.message);
      assert.deepEqual(engine.check(c.text).map((f) => [f.ruleId, f.severity, f.range.start.line + 1, f.range.start.character + 1]), [['note.encoding', 'error', c.line, c.column]]);
    });
  }
  it('accepts a surrogate pair (emoji) and ordinary text', () => {
    assert.equal(textEncodingFinding(`${NOTE}subjective: {complaint: ok 😀}\n`), undefined);
  });
});
