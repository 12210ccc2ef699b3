import * as assert from 'node:assert/strict';
import { cursorContext } from '../../../server/src/core/features/yamlContext';
import { withCursor } from './helpers';

interface Case {
  name: string;
  doc: string;
  /** Expected path, slot, key and prefix; `null` when there is nothing to complete. */
  expect: { path: string[]; slot: 'key' | 'value' | 'item'; key?: string; prefix?: string; siblings?: string[] } | null;
}

const cases: Case[] = [
  { name: 'top level, empty line', doc: 'soapnote: 1\n|', expect: { path: [], slot: 'key', prefix: '', siblings: ['soapnote'] } },
  { name: 'top level, siblings below too', doc: 'soapnote: 1\n|\nplan:\n  frequency: weekly\n', expect: { path: [], slot: 'key', siblings: ['soapnote', 'plan'] } },
  { name: 'section key with prefix', doc: 'plan:\n  freq|\n', expect: { path: ['plan'], slot: 'key', prefix: 'freq' } },
  { name: 'value of a block key', doc: 'treatment:\n  - technique: eff|\n', expect: { path: ['treatment', '[]'], slot: 'value', key: 'technique', prefix: 'eff' } },
  { name: 'second line of an entry', doc: 'treatment:\n  - technique: x\n    target: |\n', expect: { path: ['treatment', '[]'], slot: 'value', key: 'target', siblings: ['technique'] } },
  { name: 'siblings stop at the next entry', doc: 'treatment:\n  - technique: x\n    |\n  - technique: y\n    side: left\n', expect: { path: ['treatment', '[]'], slot: 'key', siblings: ['technique'] } },
  { name: 'flow mapping value', doc: 'treatment:\n  - {technique: x, target: gas|, side: left}\n', expect: { path: ['treatment', '[]'], slot: 'value', key: 'target', prefix: 'gas', siblings: ['technique', 'side'] } },
  { name: 'flow mapping key', doc: 'treatment:\n  - {technique: x, s|}\n', expect: { path: ['treatment', '[]'], slot: 'key', prefix: 's', siblings: ['technique'] } },
  { name: 'flow mapping under a key', doc: 'objective:\n  findings: [{target: calf, finding: |}]\n', expect: { path: ['objective', 'findings', '[]'], slot: 'value', key: 'finding' } },
  { name: 'flow sequence item', doc: 'health:\n  medications: [aspirin, war|]\n', expect: { path: ['health', 'medications', '[]'], slot: 'key', prefix: 'war' } },
  { name: 'block sequence of words', doc: 'health:\n  medications:\n    - war|\n', expect: { path: ['health', 'medications', '[]'], slot: 'key', prefix: 'war' } },
  { name: 'new item position under a list with entries', doc: 'treatment:\n  - technique: x\n    target: y\n  |\n', expect: { path: ['treatment'], slot: 'item' } },
  { name: 'compact list: column 0 is the top level', doc: 'treatment:\n- technique: x\n|\n', expect: { path: [], slot: 'key', siblings: ['treatment'] } },
  { name: 'compact list: inside an entry', doc: 'treatment:\n- technique: x\n  |\n', expect: { path: ['treatment', '[]'], slot: 'key', siblings: ['technique'] } },
  { name: 'nested sections', doc: 'health:\n  conditions:\n    - condition: x\n      region: |\n', expect: { path: ['health', 'conditions', '[]'], slot: 'value', key: 'region' } },
  { name: 'block scalar text is not structure', doc: 'subjective:\n  notes: >\n    target: calf\n    - not a list\n  |\n', expect: { path: ['subjective'], slot: 'key', siblings: ['notes'] } },
  { name: 'CRLF line ends', doc: 'treatment:\r\n  - technique: x\r\n    target: gas|\r\n', expect: { path: ['treatment', '[]'], slot: 'value', key: 'target', prefix: 'gas' } },
  { name: 'quoted value', doc: 'treatment:\n  - target: "IT ba|"\n', expect: { path: ['treatment', '[]'], slot: 'value', key: 'target', prefix: '"IT ba' } },
  { name: 'unclosed flow above', doc: 'treatment:\n  - {technique: x, target: [\n  - technique: |\n', expect: { path: ['treatment', '[]'], slot: 'value', key: 'technique' } },
  { name: 'in a comment', doc: 'treatment: # tech|\n', expect: null },
  { name: 'in the indentation of a written line', doc: 'plan:\n |  frequency: weekly\n', expect: null },
];

describe('features/yamlContext', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { text, position } = withCursor(c.doc);
      const ctx = cursorContext(text, position);
      if (c.expect === null) {
        assert.equal(ctx, undefined);
        return;
      }
      assert.ok(ctx, 'expected a context');
      assert.deepEqual(ctx.path, c.expect.path);
      assert.equal(ctx.slot, c.expect.slot);
      if (c.expect.key !== undefined) {
        assert.equal(ctx.key, c.expect.key);
      }
      if (c.expect.prefix !== undefined) {
        assert.equal(ctx.prefix, c.expect.prefix);
      }
      if (c.expect.siblings) {
        assert.deepEqual([...ctx.siblings.keys()].sort(), [...c.expect.siblings].sort());
      }
    });
  }
});
