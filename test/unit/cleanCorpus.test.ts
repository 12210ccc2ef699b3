import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { repoRoot } from './repoRoot';

/**
 * The clean-notes corpus: realistic notes from varied practice (sports, desk workers, prenatal
 * with clearance, geriatric, oncology-aware, post-rehab) written in everyday words. Each must give
 * no error and no warning, so false alarms and unknown-term noise cannot creep back in.
 */
describe('clean-notes corpus', () => {
  const dir = join(repoRoot(), 'test', 'fixtures', 'clean-corpus');
  const engine = createEngine({ packs: builtinPackSources(), host: { ...nodeHost(), today: () => '2026-11-21' } });
  const notes = readdirSync(dir).filter((name) => name.endsWith('.soap.yaml')).sort();

  it('has at least 40 notes', () => {
    assert.ok(notes.length >= 40, `only ${notes.length} notes`);
  });

  for (const name of notes) {
    it(`${name}: no errors or warnings`, () => {
      const findings = engine.check(readFileSync(join(dir, name), 'utf8'));
      const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(loud.map((f) => `${f.range.start.line + 1} ${f.ruleId}: ${f.message}`), []);
    });
  }
});
