import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { decodeNoteBytes } from '../../server/src/core/encoding';
import { createEngine } from '../../server/src/core/engine';
import type { FindingSubject } from '../../server/src/core/types';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { ruleFixtureDirs } from './ruleFixtureDirs';

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
 * The data-driven rule suite: every `test/fixtures/rules/NAME.soap.yaml` (and every one the knowledge
 * base ships in `server/knowledge/fixtures/`) is checked and its
 * findings (rule id, severity, 1-based start line) must equal `NAME.expected.yaml` exactly.
 * A fixture whose expected findings name a `subject` has subjects (and related subjects) compared too.
 */
describe('rule fixtures', () => {
  const engine = createEngine({ packs: builtinPackSources(), host: { ...nodeHost(), today: () => '2026-11-21' } });
  const notes = ruleFixtureDirs().flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.soap.yaml')).sort().map((name) => join(dir, name)));

  it('has a fixture for every rule family', () => {
    assert.ok(notes.length >= 15, `only ${notes.length} fixtures`);
  });

  for (const file of notes) {
    it(basename(file).replace('.soap.yaml', ''), () => {
      const expected = (parse(readFileSync(file.replace(/\.soap\.yaml$/, '.expected.yaml'), 'utf8')) ?? []) as Expected[];
      const withSubjects = expected.some((e) => e.subject !== undefined);
      // Bytes, decoded as the command line decodes them: a fixture may be a file that is not UTF-8.
      const decoded = decodeNoteBytes(readFileSync(file));
      const findings = 'finding' in decoded ? [decoded.finding] : engine.check(decoded.text);
      const actual = findings.map((f): Expected => ({
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
