import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/config';
import { createEngine } from '../../../server/src/core/engine';
import { DEFAULT_SEVERITY, isIntegrityRule } from '../../../server/src/core/ruleDefaults';
import { RuleId } from '../../../server/src/core/ruleIds';
import { weakenedFinding } from '../../../server/src/core/weakenings';
import { signNote } from '../../../server/src/core/sign';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const NOTE = `soapnote: 1
client: C-0001
date: 2026-11-02
therapist: J. Lee, RMT
health:
  conditions:
    - {condition: DVT, side: left}
treatment:
  - {technique: effleurage, target: calf, side: left, pressure: light}
`;

const PACK_HEAD = 'soapnote_pack: 1\nid: clinic\nname: Clinic\n';

/** An engine over the built-in packs, a config text and clinic packs, as `loadWorkspace` builds it. */
function engineWith(configText: string, packs: Record<string, string> = {}): { engine: ReturnType<typeof createEngine>; configFindings: ReturnType<typeof parseConfig>['findings'] } {
  const parsed = parseConfig(configText);
  const sources = [...builtinPackSources(), ...Object.entries(packs).map(([name, text]) => ({ uri: `file:///ws/${name}`, name, text }))];
  return { engine: createEngine({ packs: sources, config: { ...parsed.config, today: '2026-11-21' }, host: nodeHost(), origins: [parsed.origin] }), configFindings: parsed.findings };
}

describe('weakenings: what a workspace turns down is one list, with its file and line', () => {
  const cases: { name: string; config: string; packs?: Record<string, string>; expected: { kind: string; id: string; file: string; line: number; detail?: RegExp }[] }[] = [
    { name: 'no config', config: '', expected: [] },
    { name: 'a rule raised', config: 'rules:\n  vocabulary.unknown-term: error\n', expected: [] },
    { name: 'a rule at its default', config: 'rules:\n  contraindication.pressure: warning\n', expected: [] },
    {
      name: 'a rule off and one lowered',
      config: 'today: 2026-11-21\nrules:\n  contraindication.local: warning\n  record.future-date: "off"\n',
      expected: [
        { kind: 'rule-lowered', id: 'contraindication.local', file: '.soapnote/config.yaml', line: 3, detail: /lowered to warning \(default error\)/ },
        { kind: 'rule-off', id: 'record.future-date', file: '.soapnote/config.yaml', line: 4, detail: /is off \(default warning\)/ },
      ],
    },
    { name: 'a precaution lowered to hint', config: 'rules: {contraindication.precaution: hint}\n', expected: [{ kind: 'rule-lowered', id: 'contraindication.precaution', file: '.soapnote/config.yaml', line: 1 }] },
    {
      name: 'a pack that replaces the built-in DVT with no rules',
      config: 'packs: [p.yaml]\n',
      packs: { 'p.yaml': `${PACK_HEAD}conditions:\n  - id: deep-vein-thrombosis\n    name: deep vein thrombosis\n    category: contraindication\n    description: x\n    rules: []\n` },
      expected: [{ kind: 'condition-replaced', id: 'deep-vein-thrombosis', file: 'p.yaml', line: 5, detail: /replaced by pack 'clinic': 0 rules instead of 2/ }],
    },
    {
      name: 'a pack condition that takes over a built-in name under another id',
      config: 'packs: [p.yaml]\n',
      packs: { 'p.yaml': `${PACK_HEAD}conditions:\n  - {id: my-dvt, name: deep vein thrombosis, category: indication, description: x}\n` },
      expected: [{ kind: 'condition-replaced', id: 'deep-vein-thrombosis', file: 'p.yaml', line: 5, detail: /takes over the name 'deep vein thrombosis'/ }],
    },
    {
      name: 'a medication that no longer implies anticoagulants',
      config: 'packs: [p.yaml]\n',
      packs: { 'p.yaml': `${PACK_HEAD}conditions:\n  - {id: nothing, name: nothing much, category: indication, description: x}\nmedications:\n  - {id: warfarin, name: warfarin, description: x, drug_class: none, implies: nothing}\n` },
      expected: [{ kind: 'term-replaced', id: 'warfarin', file: 'p.yaml', line: 7, detail: /implies 'nothing' instead of 'anticoagulant-therapy'/ }],
    },
    {
      name: 'a technique with a lower typical pressure (a description change alone is not announced)',
      config: 'packs: [p.yaml]\n',
      packs: { 'p.yaml': `${PACK_HEAD}techniques:\n  - {id: deep-tissue-massage, name: deep tissue massage, description: x, pressure: 2, tags: [deep]}\n  - {id: effleurage, name: effleurage, description: our words, pressure: 2, tags: [gliding, circulatory]}\n` },
      expected: [{ kind: 'term-replaced', id: 'deep-tissue-massage', file: 'p.yaml', line: 5, detail: /typical pressure 2 instead of 5/ }],
    },
    {
      name: 'the pressure word deep redefined as light',
      config: 'pressures:\n  - {word: feather, level: 1}\n  - {word: deep, level: 2}\n',
      expected: [{ kind: 'pressure-redefined', id: 'deep', file: '.soapnote/config.yaml', line: 3 }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { engine, configFindings } = engineWith(c.config, c.packs);
      assert.deepEqual([...configFindings, ...[...engine.packFindings.values()].flat()], [], 'the config and packs are valid');
      const actual = engine.weakenings.map((w) => ({ kind: w.kind, id: w.id, file: w.file, line: w.line }));
      assert.deepEqual(actual, c.expected.map(({ detail: _detail, ...rest }) => rest));
      c.expected.forEach((e, i) => e.detail && assert.match(engine.weakenings[i]?.detail ?? '', e.detail));
      // Every analysis carries the same list, so the report and the editor announce it too.
      assert.deepEqual(engine.analyze(NOTE).weakenings, engine.weakenings);
    });
  }

  it('announces carryForward: false, on its config line, like any lowered safety rule', () => {
    const { engine } = engineWith('today: 2026-11-20\ncarryForward: false\n');
    assert.deepEqual(engine.weakenings.map((w) => ({ kind: w.kind, id: w.id, file: w.file, line: w.line })), [{ kind: 'carry-forward-off', id: 'carryForward', file: '.soapnote/config.yaml', line: 2 }]);
    assert.match(engine.weakenings[0]?.detail ?? '', /checked alone/);
    assert.deepEqual(engineWith('carryForward: true\n').engine.weakenings, []);
  });

  it('gives the editor one information finding on the first line, and none when nothing is weakened', () => {
    const { engine } = engineWith('rules:\n  contraindication.absolute: "off"\n');
    const finding = weakenedFinding(engine.weakenings);
    assert.equal(finding?.ruleId, 'config.weakened');
    assert.equal(finding?.severity, 'information');
    assert.deepEqual(finding?.range.start, { line: 0, character: 0 });
    assert.match(finding?.message ?? '', /\.soapnote\/config\.yaml:2: rule 'contraindication\.absolute' is off/);
    assert.equal(weakenedFinding([]), undefined);
  });
});

describe('integrity rules cannot be lowered', () => {
  const signed = (): string => {
    const base = NOTE.replace(/health:[\s\S]*?treatment:/, 'treatment:');
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
    const outcome = signNote(base, engine.analyze(base), 'J. Lee, RMT', '2026-11-02T18:00:00Z', nodeHost().sha256);
    assert.ok('text' in outcome);
    return outcome.text.replace('pressure: light', 'pressure: deep');
  };

  const integrity: [string, string][] = [
    [RuleId.signatureMismatch, 'off'],
    [RuleId.signatureMismatch, 'information'],
    [RuleId.schemaInvalid, 'warning'],
    [RuleId.yamlSyntax, 'off'],
    [RuleId.yamlDuplicateKey, 'hint'],
    [RuleId.noteTooLarge, 'off'],
  ];
  for (const [ruleId, setting] of integrity) {
    it(`'${ruleId}: ${setting}' is a config.invalid warning on its line, and not applied`, () => {
      const { engine, configFindings } = engineWith(`today: 2026-11-21\nrules:\n  ${ruleId}: "${setting}"\n`);
      assert.deepEqual(configFindings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['config.invalid', 'warning', 2]]);
      assert.match(configFindings[0]?.message ?? '', /cannot be lowered/);
      assert.equal(engine.config.rules[ruleId], undefined);
      assert.deepEqual(engine.weakenings, []);
    });
  }

  it('an edited signed note stays a signature.mismatch error with `signature.mismatch: off` in the config', () => {
    const { engine } = engineWith('rules:\n  signature.mismatch: "off"\n');
    const findings = engine.check(signed());
    assert.deepEqual(findings.filter((f) => f.ruleId === RuleId.signatureMismatch).map((f) => f.severity), ['error']);
  });

  it('the engine ignores a lowered integrity rule whoever asks (the editor settings reach it without parseConfig)', () => {
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { ...parseConfig('').config, rules: { 'signature.mismatch': 'off', 'yaml.syntax': 'hint' } } });
    assert.deepEqual(engine.check(signed()).filter((f) => f.ruleId === RuleId.signatureMismatch).map((f) => f.severity), ['error']);
    assert.deepEqual(engine.check('a: [').map((f) => [f.ruleId, f.severity]).slice(0, 1), [['yaml.syntax', 'error']]);
    assert.deepEqual(engine.weakenings, []);
  });

  it('covers the integrity families by prefix, and every rule id has a default severity', () => {
    for (const id of ['yaml.syntax', 'yaml.alias', 'yaml.tag', 'schema.invalid', 'note.too-large', 'note.encoding', 'note.unreadable', 'signature.mismatch', 'internal.rule-failed']) {
      assert.ok(isIntegrityRule(id), id);
    }
    for (const id of ['contraindication.absolute', 'vocabulary.unknown-term', 'record.future-date', 'config.invalid']) {
      assert.ok(!isIntegrityRule(id), id);
    }
    for (const id of Object.values(RuleId)) {
      assert.ok(DEFAULT_SEVERITY[id], `default severity of ${id}`);
    }
  });
});
