import * as assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const CLINIC_PACK = `soapnote_pack: 1
id: student-clinic
name: Student clinic
techniques:
  - id: gua-sha
    name: gua sha
    synonyms: [spooning]
    description: Instrument scraping of the skin, taught here as an elective.
    pressure: 3
    tags: [instrument]
targets:
  - id: upper-traps-local
    name: top of the shoulder
    tissue: muscle
    region: posterior-neck
    description: What our students call the upper trapezius area.
conditions:
  - id: student-clinic-policy
    name: student clinic
    description: Recorded on every note from the student clinic.
    category: precaution
    source: Clinic policy 2026
    rules:
      - type: technique
        techniques: [iastm, gua-sha]
        message: No instrument work in the student clinic.
`;

const NOTE = (technique: string, condition = 'student clinic'): string => `soapnote: 1
client: C-0001
date: 2026-11-02
therapist: J. Lee, RMT
health:
  conditions:
    - {condition: ${condition}}
treatment:
  - {technique: ${technique}, target: top of the shoulder, side: left, pressure: light, minutes: 5}
`;

function engineWith(...packs: string[]): ReturnType<typeof createEngine> {
  return createEngine({ packs: [...builtinPackSources(), ...packs.map((text, i) => ({ uri: `file:///clinic/pack${i}.yaml`, text }))], host: nodeHost() });
}

describe('vocabulary and rule packs', () => {
  it('a pack that adds a technique and a local name makes them valid terms', () => {
    const engine = engineWith(CLINIC_PACK);
    const findings = engine.check(NOTE('effleurage'));
    assert.deepEqual(findings.map((f) => f.ruleId), [], JSON.stringify(findings));
    assert.equal(engine.vocabulary.resolve('technique', 'spooning')?.id, 'gua-sha');
    assert.equal(engine.vocabulary.resolvePlace('top of the shoulder')?.region, 'posterior-neck');
  });

  it('without the pack the same words are unknown', () => {
    const findings = engineWith().check(NOTE('bamboo massage', 'diabetes'));
    assert.ok(findings.some((f) => f.ruleId === 'vocabulary.unknown-term' && f.message.includes('bamboo massage')));
  });

  it("a pack's rule fires, once per entry, pointing at the condition", () => {
    const findings = engineWith(CLINIC_PACK).check(NOTE('gua sha'));
    const barred = findings.filter((f) => f.ruleId === 'contraindication.technique');
    assert.equal(barred.length, 1);
    assert.equal(barred[0]?.range.start.line, 8);
    assert.equal(barred[0]?.related?.[0]?.range.start.line, 6);
    assert.equal(barred[0]?.source, 'Clinic policy 2026');
  });

  it('a later pack overrides an earlier one by id', () => {
    const lighter = `soapnote_pack: 1\nid: override\nname: Override\ntechniques:\n  - {id: effleurage, name: effleurage, description: Our effleurage is firm., pressure: 4}\n`;
    assert.equal(engineWith(lighter).vocabulary.get('technique', 'effleurage')?.pressure, 4);
  });

  const badPacks: { name: string; text: string; line: number; rule: string }[] = [
    { name: 'not YAML', text: 'soapnote_pack: 1\nid: [x\n', line: 3, rule: 'yaml.syntax' },
    { name: 'missing description', text: 'soapnote_pack: 1\nid: p\nname: P\ntechniques:\n  - {id: x, name: x, pressure: 2}\n', line: 5, rule: 'config.invalid' },
    { name: 'pressure out of range', text: 'soapnote_pack: 1\nid: p\nname: P\ntechniques:\n  - id: x\n    name: x\n    description: d\n    pressure: 9\n', line: 8, rule: 'config.invalid' },
    { name: 'unknown region reference', text: 'soapnote_pack: 1\nid: p\nname: P\ntargets:\n  - {id: t, name: tee, tissue: muscle, region: nowhere, description: d}\n', line: 5, rule: 'config.invalid' },
    { name: 'a synonym that names a built-in term', text: 'soapnote_pack: 1\nid: p\nname: P\ntechniques:\n  - {id: rub, name: rub, synonyms: [effleurage], description: d, pressure: 2}\n', line: 5, rule: 'pack.conflict' },
  ];
  for (const bad of badPacks) {
    it(`a bad pack gives positioned findings: ${bad.name}`, () => {
      const engine = engineWith(bad.text);
      const findings = engine.packFindings.get('file:///clinic/pack0.yaml') ?? [];
      assert.ok(findings.length > 0, 'findings expected');
      assert.equal(findings[0]?.ruleId, bad.rule, JSON.stringify(findings));
      assert.equal((findings[0]?.range.start.line ?? -1) + 1, bad.line, JSON.stringify(findings));
    });
  }
});

describe('workspace config', () => {
  it('required sections are reported when missing or empty', () => {
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { rules: {}, packs: [], templates: '', required: ['objective.findings', 'plan.home_care'], pressures: [], maxNoteBytes: 1e6 } });
    const findings = engine.check('soapnote: 1\nclient: C-1\ndate: 2026-11-02\ntherapist: T\nobjective:\n  findings: []\n');
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line + 1]), [['record.required-section', 6], ['record.required-section', 1]].sort((a, b) => (a[1] as number) - (b[1] as number)));
  });
  it('the clinic pressure vocabulary adds words', () => {
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { rules: {}, packs: [], templates: '', required: [], pressures: [{ word: 'feather', level: 1, description: 'barely touching' }], maxNoteBytes: 1e6 } });
    assert.equal(engine.vocabulary.pressureLevel('Feather'), 1);
  });
});
