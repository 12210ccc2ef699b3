import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createEngine } from '../../server/src/core/engine';
import type { FindingSubject } from '../../server/src/core/types';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { repoRoot } from './repoRoot';

interface Expected {
  rule: string;
  severity: string;
  line: number;
  /** `LIST/INDEX` (0-based) of the entry the finding is about, e.g. `treatment/1`; `none` for the note as a whole. */
  subject?: string;
  /** The subjects its related information points at, e.g. `[conditions/1]`. */
  related?: string[];
}

const subjectText = (s: FindingSubject | undefined): string => (s ? `${s.list}/${s.index}` : 'none');

/**
 * The data-driven rule suite: every `test/fixtures/rules/NAME.soap.yaml` is checked and its
 * findings (rule id, severity, 1-based start line) must equal `NAME.expected.yaml` exactly.
 * A fixture whose expected findings name a `subject` has subjects (and related subjects) compared too.
 */
describe('rule fixtures', () => {
  const dir = join(repoRoot(), 'test', 'fixtures', 'rules');
  const engine = createEngine({ packs: builtinPackSources(), host: { ...nodeHost(), today: () => '2026-11-21' } });
  const notes = readdirSync(dir).filter((name) => name.endsWith('.soap.yaml')).sort();

  it('has a fixture for every rule family', () => {
    assert.ok(notes.length >= 15, `only ${notes.length} fixtures`);
  });

  for (const name of notes) {
    it(name.replace('.soap.yaml', ''), () => {
      const expected = (parse(readFileSync(join(dir, name.replace('.soap.yaml', '.expected.yaml')), 'utf8')) ?? []) as Expected[];
      const withSubjects = expected.some((e) => e.subject !== undefined);
      const actual = engine.check(readFileSync(join(dir, name), 'utf8')).map((f): Expected => ({
        rule: f.ruleId,
        severity: f.severity,
        line: f.range.start.line + 1,
        subject: subjectText(f.subject),
        related: (f.related ?? []).map((r) => subjectText(r.subject)),
      }));
      const key = (e: Expected): string => `${e.line} ${e.rule} ${e.severity}${withSubjects ? ` ${e.subject ?? 'none'} [${(e.related ?? []).join(', ')}]` : ''}`;
      assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
    });
  }
});
