import * as assert from 'node:assert/strict';
import { createEngine, type Analysis } from '../../../server/src/core/engine';
import { renderFhir } from '../../../server/src/core/render/fhir';
import { renderHtml } from '../../../server/src/core/render/html';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { buildReport } from '../../../server/src/core/render/reportModel';
import { signNote } from '../../../server/src/core/sign';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const host = { ...nodeHost(), today: () => '2026-11-21' };
const engine = createEngine({ packs: builtinPackSources(), host });

const HEAD = 'soapnote: 1\nclient: C-0001\ndate: 2026-03-10\ntherapist: A. Test, RMT\n';
const TREAT = 'treatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light}\n';
/** The case: "deep vein thrombosis" written once in the complaint and aliased into the condition. */
const DVT_ALIAS = `${HEAD}subjective:\n  complaint: &c deep vein thrombosis\nhealth:\n  conditions:\n    - condition: *c\n${TREAT}`;

function ids(analysis: Analysis): string[] {
  return analysis.findings.map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.severity}`);
}

function fhir(analysis: Analysis): { entry: { resource: Record<string, unknown> }[] } {
  return renderFhir(analysis, engine.vocabulary, { idSeed: 'a.soap.yaml', sha256: host.sha256 }) as { entry: { resource: Record<string, unknown> }[] };
}

describe('aliases, anchors, merge keys and tags in a note (yaml.alias, yaml.tag)', () => {
  // Every shape is an error finding at its node, whatever else the note holds.
  const cases: { name: string; text: string; expected: string[] }[] = [
    { name: 'anchor and alias', text: DVT_ALIAS, expected: ['6 yaml.alias error', '9 yaml.alias error'] },
    { name: 'anchor alone', text: `${HEAD}subjective: {complaint: &x sore back}\n`, expected: ['5 yaml.alias error'] },
    { name: 'alias of a mapping', text: `${HEAD}objective: &o {posture: upright}\nassessment: *o\n`, expected: ['5 yaml.alias error', '6 yaml.alias error'] },
    { name: 'merge key', text: `${HEAD}treatment:\n  - <<: {technique: deep tissue}\n    target: gastrocnemius\n`, expected: ['6 yaml.alias error'] },
    { name: 'merge key of an alias', text: `${HEAD}subjective: &s {complaint: x}\nassessment:\n  <<: *s\n`, expected: ['5 yaml.alias error', '7 yaml.alias error'] },
    { name: 'alias in a list', text: `${HEAD}subjective: {complaint: &m warfarin}\nhealth:\n  medications: [*m]\n`, expected: ['5 yaml.alias error', '7 yaml.alias error'] },
    { name: 'alias as a key', text: `${HEAD}subjective: {complaint: &k goals}\nplan:\n  *k : x\n`, expected: ['5 yaml.alias error', '7 yaml.alias error'] },
    { name: 'core tag', text: `${HEAD}subjective: {complaint: x, pain: !!str 5}\n`, expected: ['5 yaml.tag error'] },
    { name: 'local tag', text: `${HEAD}subjective: {complaint: !foo x}\n`, expected: ['5 yaml.tag error'] },
    { name: 'tagged mapping', text: `${HEAD}subjective: !!map\n  complaint: x\n`, expected: ['5 yaml.tag error'] },
    { name: 'tagged key', text: `${HEAD}subjective:\n  !!str complaint: x\n`, expected: ['6 yaml.tag error'] },
    { name: 'tagged document', text: `--- !note\n${HEAD}`, expected: ['1 yaml.tag error'] },
  ];
  for (const { name, text, expected } of cases) {
    it(`rules: ${name}`, () => {
      assert.deepEqual(ids(engine.analyze(text)).filter((id) => /yaml\.(alias|tag)/.test(id)), expected);
      assert.ok(engine.check(text).some((f) => f.severity === 'error'), 'a note with an alias or a tag never checks clean');
    });
  }

  it('a quoted "<<" key, an asterisk or exclamation mark in text, and "&" in a value are no findings', () => {
    const text = `${HEAD}subjective:\n  complaint: "pain *after* work & rest!"\n  notes: 'a & b, !c'\n`;
    assert.deepEqual(ids(engine.analyze(text)), []);
  });

  it('rules: the aliased condition is not read as deep vein thrombosis, and nothing is clean', () => {
    const analysis = engine.analyze(DVT_ALIAS);
    assert.deepEqual(ids(analysis), ['6 yaml.alias error', '9 yaml.alias error']);
    assert.equal(analysis.note.conditions[0]?.condition, undefined);
  });

  it('report, model and data read the same note: the aliased condition is empty in all three', () => {
    const analysis = engine.analyze(DVT_ALIAS);
    const report = buildReport(analysis, engine.vocabulary);
    const data = analysis.note.data as { health: { conditions: { condition: unknown }[] } };
    assert.equal(report.health.conditions[0]?.fields['condition'], undefined);
    assert.equal(analysis.note.conditions[0]?.condition, undefined);
    assert.equal(data.health.conditions[0]?.condition, null);
    assert.deepEqual(report.checks.map((c) => c.ruleId), ['yaml.alias', 'yaml.alias']);
    assert.match(renderMarkdown(analysis, engine.vocabulary), /yaml\.alias|alias/);
    assert.match(renderHtml(analysis, engine.vocabulary, { nonce: 'bm9uY2Vub25jZQ==' }), /an alias/);
  });

  it('FHIR: no Condition or Flag says deep vein thrombosis from an alias; the Composition stays preliminary', () => {
    const bundle = fhir(engine.analyze(DVT_ALIAS));
    const conditions = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Condition' || r.resourceType === 'Flag');
    assert.ok(!JSON.stringify(conditions).toLowerCase().includes('thrombosis'), JSON.stringify(conditions));
  });

  it('a merge key does not bring its fields in: rules, report, data and FHIR all see the entry without them', () => {
    const text = `${HEAD}treatment:\n  - <<: {technique: deep tissue, pressure: deep}\n    target: gastrocnemius\n    side: left\n`;
    const analysis = engine.analyze(text);
    assert.equal(analysis.note.treatment[0]?.technique, undefined);
    assert.deepEqual(analysis.note.data, { soapnote: 1, client: 'C-0001', date: '2026-03-10', therapist: 'A. Test, RMT', treatment: [{ target: 'gastrocnemius', side: 'left' }] });
    assert.equal(buildReport(analysis, engine.vocabulary).treatment.rows[0]?.technique, undefined);
    assert.ok(!JSON.stringify(fhir(analysis)).includes('deep tissue'));
  });

  it('a repeated key: rules, report, data and FHIR read the first one, never the last', () => {
    const text = `${HEAD}subjective:\n  complaint: first\n  complaint: second\n`;
    const analysis = engine.analyze(text);
    assert.deepEqual(ids(analysis), ['7 yaml.duplicate-key error']);
    assert.deepEqual((analysis.note.data as { subjective: unknown }).subjective, { complaint: 'first' });
    assert.equal(buildReport(analysis, engine.vocabulary).subjective.fields['complaint']?.text, 'first');
    assert.ok(!JSON.stringify(fhir(analysis)).includes('second'));
  });

  describe('hash: an alias can never make an edited signed note verify', () => {
    const base = `${HEAD}subjective:\n  complaint: Low back pain\n${TREAT}`;
    const signed = signNote(base, engine.analyze(base), 'A. Test, RMT', '2026-03-10T18:00:00Z', host.sha256);
    assert.ok('text' in signed);
    const hash = signed.sha256;

    it('the untouched signed note verifies (the control)', () => {
      const analysis = engine.analyze(signed.text);
      assert.deepEqual(ids(analysis), []);
      assert.equal(buildReport(analysis, engine.vocabulary).signature?.valid, true);
    });

    // Edited after signing, with the hash moved behind an anchor and read through an alias.
    const edited = signed.text
      .replace('Low back pain', `Low back pain\n  notes: &h "${hash}"`)
      .replace('pressure: light', 'pressure: deep')
      .replace(`sha256: "${hash}"`, 'sha256: *h');
    const tagged = signed.text.replace('pressure: light', 'pressure: deep').replace(`sha256: "${hash}"`, `sha256: !!str ${hash}`);

    for (const [name, text] of [['alias', edited], ['tag', tagged]] as const) {
      it(`${name}: an error in check, not valid in the report, preliminary in FHIR, and sign still refuses`, () => {
        const analysis = engine.analyze(text);
        assert.ok(analysis.findings.some((f) => f.severity === 'error' && (f.ruleId === 'yaml.alias' || f.ruleId === 'yaml.tag')), ids(analysis).join('\n'));
        assert.equal(buildReport(analysis, engine.vocabulary).signature?.valid, false);
        const composition = fhir(analysis).entry[0]?.resource;
        assert.equal(composition?.['status'], 'preliminary');
        assert.equal(composition?.['attester'], undefined);
        assert.ok(!fhir(analysis).entry.some((e) => e.resource['resourceType'] === 'Provenance'));
        assert.ok('refused' in signNote(text, analysis, 'X', '2026-03-11T00:00:00Z', host.sha256));
      });
    }
  });
});
