import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanShapes } from '../../../server/src/core/features/yamlContext';

const NOTE = `soapnote: 1
client: C-0001
subjective:
  complaint: |
    neck: stiff
    - not a list
  pain: 4
treatment:
  - technique: effleurage
    target: upper trapezius
  - {technique: petrissage, target: rhomboids}
plan:
  home_care: [stretch]
`;

/** What a scan that reuses the last one must equal: a fresh scan of the new text. */
function assertSameAsFresh(before: string, after: string): void {
  const reused = scanShapes(after, scanShapes(before));
  const fresh = scanShapes(after);
  assert.deepEqual(reused.shapes, fresh.shapes);
  assert.deepEqual(reused.states, fresh.states);
  assert.deepEqual(reused.lines, fresh.lines);
  assert.deepEqual(reused.starts, fresh.starts);
}

describe('lineShapes after an edit: reusing the last scan gives what a fresh scan gives', () => {
  const EDITS: [string, (t: string) => string][] = [
    ['a space on the last line', (t) => `${t} `],
    ['a line added at the end', (t) => `${t}notes: x\n`],
    ['a key edited in the middle', (t) => t.replace('pain: 4', 'pain: 5')],
    ['a block scalar opened (later lines become its text)', (t) => t.replace('treatment:', 'treatment: |')],
    ['a block scalar closed (its text becomes keys)', (t) => t.replace('complaint: |', 'complaint: stiff')],
    ['lines deleted', (t) => t.replace('  pain: 4\n', '')],
    ['lines inserted before a block scalar', (t) => t.replace('subjective:\n', 'subjective:\n  goals: sleep\n')],
    ['everything removed', () => ''],
    ['CRLF line ends', (t) => t.replace(/\n/g, '\r\n')],
    ['the same lines twice', (t) => t + t],
    ['a CRLF note edited in the middle', (t) => t.replace(/\n/g, '\r\n').replace('pain: 4', 'pain: 44')],
    ['a line end removed (two lines joined)', (t) => t.replace('pain: 4\n', 'pain: 4')],
    ['a line end added at the very end', (t) => `${t}\n`],
  ];
  for (const [name, edit] of EDITS) {
    it(name, () => {
      assertSameAsFresh(NOTE, edit(NOTE));
      assertSameAsFresh(edit(NOTE), NOTE);
    });
  }

  it('any edit of any lines (property)', () => {
    const line = fc.constantFrom('a: 1', '  b: |', '    text', '  - c: 2', '', '# x', 'd: >-', '      folded', '  e:', '- f', 'g: 1\r');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), fc.nat(), fc.nat(), fc.string({ maxLength: 6 }), fc.nat(), (base, insert, at, remove, chars, where) => {
        const lines = [...base];
        const start = base.length === 0 ? 0 : at % (base.length + 1);
        lines.splice(start, remove % 5, ...insert);
        assertSameAsFresh(base.join('\n'), lines.join('\n'));
        // A character-level edit anywhere (it may join or split lines).
        const text = base.join('\n');
        const k = text.length === 0 ? 0 : where % (text.length + 1);
        assertSameAsFresh(text, text.slice(0, k) + chars + text.slice(k + (remove % 3)));
      }),
      { numRuns: 2000 },
    );
  });
});
