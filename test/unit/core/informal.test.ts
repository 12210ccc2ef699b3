import * as assert from 'node:assert/strict';
import { readInformalCondition } from '../../../server/src/core/vocabulary/informal';
import { HEADER, testEngine } from '../features/helpers';

/** Informal phrasing in a condition value: read the condition, keep its rules, and say what the qualifier may mean. */
describe('informal condition phrasing', () => {
  const engine = testEngine();
  const v = engine.vocabulary;

  it('reads the condition behind a qualifier, and what the qualifier says', () => {
    const table: [string, string | undefined, string?, string?][] = [
      // written, condition id, qualifier kind, region from the words
      ['hx of DVT', 'deep-vein-thrombosis', 'history'],
      ['Hx DVT', 'deep-vein-thrombosis', 'history'],
      ['h/o DVT', 'deep-vein-thrombosis', 'history'],
      ['history of deep vein thrombosis', 'deep-vein-thrombosis', 'history'],
      ['past medical history of varicose veins', 'varicose-veins', 'history'],
      ['PMHx: DVT', 'deep-vein-thrombosis', 'history'],
      ['PMH DVT', 'deep-vein-thrombosis', 'history'],
      ['old fracture', 'recent-fracture', 'history'],
      ['previous shingles', 'shingles', 'history'],
      ['DVT (resolved)', 'deep-vein-thrombosis', 'history'],
      ['DVT, healed', 'deep-vein-thrombosis', 'history'],
      ['DVT 2019-03-01', 'deep-vein-thrombosis', 'recent'],
      ['s/p surgery', 'recent-surgery', 'surgery'],
      ['status post surgery', 'recent-surgery', 'surgery'],
      ['post-op knee', 'recent-surgery', 'surgery', 'knee'],
      ['postop shoulder', 'recent-surgery', 'surgery', 'shoulder'],
      ['recent fracture', undefined],
      ['recent shingles', 'shingles', 'recent'],
      ['known hypertension', 'hypertension', 'plain'],
      ['suspected DVT', 'deep-vein-thrombosis', 'plain'],
      ['7 months pregnant', 'third-trimester', 'plain'],
      ['28 weeks pregnant', 'third-trimester', 'plain'],
      ['pregnant (30 wks)', 'third-trimester', 'plain'],
      ['hx of nothing we know', undefined],
      ['history', undefined],
      ['s/p', undefined],
    ];
    for (const [written, id, kind, region] of table) {
      const reading = readInformalCondition(written, v);
      if (written === 'recent fracture') {
        // A term in its own right: the plain resolver reads it, the informal one is never asked.
        assert.equal(v.resolve('condition', written)?.id, 'recent-fracture');
        continue;
      }
      assert.equal(reading?.condition.id, id, written);
      if (reading) {
        assert.equal(reading.kind, kind, written);
        assert.equal(reading.region, region, written);
      }
    }
  });

  // Backtracking on hostile text would show as a timeout here; how fast it is belongs to the bench.
  it('does not read long text as shorthand, even hostile text', () => {
    assert.equal(readInformalCondition(`hx of ${','.repeat(100_000)}DVT`, v), undefined);
    assert.equal(readInformalCondition(`DVT${' ,'.repeat(50)}x`, v), undefined);
  });

  it('takes a written date for the quick fix only', () => {
    assert.equal(readInformalCondition('hx of DVT 2019-03-01', v)?.date, '2019-03-01');
  });

  it('keeps the rules of a history-of condition in force (fail closed) and says why', () => {
    const note = `${HEADER}health:\n  conditions:\n    - condition: hx of DVT\ntreatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light}\n`;
    const findings = engine.check(note).map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.severity}`);
    assert.deepEqual(findings, ['7 record.informal-qualifier information', '9 contraindication.absolute error']);
    const message = engine.check(note)[0]?.message ?? '';
    assert.match(message, /'hx of DVT' is read as deep vein thrombosis, and its rules stay in force/);
  });

  it('says nothing more once the structured field is written', () => {
    const table = [
      `${HEADER}health:\n  conditions:\n    - {condition: hx of DVT, status: resolved}\ntreatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light}\n`,
      `${HEADER}health:\n  conditions:\n    - {condition: s/p knee, since: 2026-01-02}\ntreatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light}\n`,
      `${HEADER}health:\n  conditions:\n    - {condition: 7 months pregnant, clearance: true}\ntreatment:\n  - {technique: effleurage, target: upper trapezius, side: left, pressure: light}\n`,
    ];
    for (const note of table) {
      // The third trimester keeps its positioning precaution (information); nothing else is said.
      assert.deepEqual(engine.check(note).filter((f) => f.ruleId !== 'contraindication.precaution').map((f) => f.ruleId), [], note);
    }
  });

  it('places a post-op condition at the place in its words, before the since is known', () => {
    const note = `${HEADER}health:\n  conditions:\n    - {condition: post-op knee, side: left, clearance: true}\ntreatment:\n  - {technique: effleurage, target: knee, side: left, pressure: light}\n  - {technique: effleurage, target: knee, side: right, pressure: light}\n`;
    assert.deepEqual(engine.check(note).map((f) => `${f.range.start.line + 1} ${f.ruleId}`), ['7 record.informal-qualifier', '9 contraindication.local']);
  });
});
