import * as assert from 'node:assert/strict';
import { describeCarriedCondition } from '../../../server/src/core/record/apply';
import { clientIdKey } from '../../../server/src/core/record/clientIds';
import { RecordIndex } from '../../../server/src/core/record/recordIndex';
import { testEngine } from '../features/helpers';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { createEngine } from '../../../server/src/core/engine';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

/** A note of `client` on `date` (visit `visit`), with a health section and a treatment given as YAML lines. */
function note(client: string, date: string | undefined, visit: number | undefined, health: string[], treatment: string[] = []): string {
  return [
    'soapnote: 1',
    `client: ${client}`,
    ...(date ? [`date: ${date}`] : []),
    'therapist: J. Lee, RMT',
    ...(visit !== undefined ? [`visit: ${visit}`] : []),
    ...(health.length ? ['health:', ...health.map((l) => `  ${l}`)] : []),
    ...(treatment.length ? ['treatment:', ...treatment.map((l) => `  ${l}`)] : []),
    '',
  ].join('\n');
}

const DVT_LEFT = ['conditions:', '  - {condition: deep vein thrombosis, region: calf, side: left}'];
const CALF_WORK = ['- {technique: effleurage, target: gastrocnemius, side: left, pressure: light}'];

interface Case {
  name: string;
  notes: Record<string, string>;
  target: string;
  carried: string[];
  medications?: string[];
  rules?: string[];
}

const CASES: Case[] = [
  {
    name: 'a condition recorded at the intake is carried to the follow-up',
    notes: { 'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, DVT_LEFT), 'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, [], CALF_WORK) },
    target: 'file:///w/2.soap.yaml',
    carried: ['deep vein thrombosis, left calf, active @ file:///w/1.soap.yaml:8'],
    rules: ['contraindication.absolute', 'record.carried-history'],
  },
  {
    name: 'resolved in a later note: the notes after it carry nothing',
    notes: {
      'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, DVT_LEFT),
      'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, ['conditions:', '  - {condition: DVT, region: calf, side: L, status: resolved}']),
      'file:///w/3.soap.yaml': note('C-0142', '2026-09-22', 3, [], CALF_WORK),
    },
    target: 'file:///w/3.soap.yaml',
    carried: [],
    rules: [],
  },
  {
    name: 'resolved, then re-activated later: carried again, from the latest recording',
    notes: {
      'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, DVT_LEFT),
      'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, ['conditions:', '  - {condition: DVT, region: calf, side: left, status: resolved}']),
      'file:///w/3.soap.yaml': note('C-0142', '2026-09-22', 3, ['conditions:', '  - {condition: DVT, region: calf, side: left, status: controlled}']),
      'file:///w/4.soap.yaml': note('C-0142', '2026-09-29', 4, [], CALF_WORK),
    },
    target: 'file:///w/4.soap.yaml',
    carried: ['DVT, left calf, controlled @ file:///w/3.soap.yaml:8'],
    rules: ['contraindication.clearance', 'record.carried-history'],
  },
  {
    name: 'the same condition on the other side is a second item, and resolving one side leaves the other',
    notes: {
      'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, ['conditions:', '  - {condition: varicose veins, region: calf, side: left}', '  - {condition: varicose veins, region: calf, side: right}']),
      'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, ['conditions:', '  - {condition: varicose veins, region: calf, side: left, status: resolved}']),
      'file:///w/3.soap.yaml': note('C-0142', '2026-09-22', 3, []),
    },
    target: 'file:///w/3.soap.yaml',
    carried: ['varicose veins, right calf, active @ file:///w/1.soap.yaml:9'],
  },
  {
    name: 'on the same date, the lower visit is earlier',
    notes: {
      'file:///w/b.soap.yaml': note('C-0142', '2026-09-08', 2, ['conditions:', '  - {condition: DVT, region: calf, side: left, status: resolved}']),
      'file:///w/a.soap.yaml': note('C-0142', '2026-09-08', 1, DVT_LEFT),
      'file:///w/c.soap.yaml': note('C-0142', '2026-09-08', 3, [], CALF_WORK),
    },
    target: 'file:///w/c.soap.yaml',
    carried: [],
  },
  {
    name: 'on the same date, a higher visit is not a source for a lower one',
    notes: { 'file:///w/a.soap.yaml': note('C-0142', '2026-09-08', 2, DVT_LEFT), 'file:///w/b.soap.yaml': note('C-0142', '2026-09-08', 1, [], CALF_WORK) },
    target: 'file:///w/b.soap.yaml',
    carried: [],
  },
  {
    name: 'a note with no date is not a source',
    notes: { 'file:///w/1.soap.yaml': note('C-0142', undefined, 1, DVT_LEFT), 'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, [], CALF_WORK) },
    target: 'file:///w/2.soap.yaml',
    carried: [],
    rules: [],
  },
  {
    name: 'a note with an invalid date is not a source',
    notes: { 'file:///w/1.soap.yaml': note('C-0142', '2026-02-30', 1, DVT_LEFT), 'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, [], CALF_WORK) },
    target: 'file:///w/2.soap.yaml',
    carried: [],
  },
  {
    name: 'a later note is not a source for an earlier one',
    notes: { 'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, [], CALF_WORK), 'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, DVT_LEFT) },
    target: 'file:///w/1.soap.yaml',
    carried: [],
  },
  {
    name: "the note's own recording wins over the carried one",
    notes: { 'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, DVT_LEFT), 'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, ['conditions:', '  - {condition: DVT, region: calf, side: left, status: resolved}'], CALF_WORK) },
    target: 'file:///w/2.soap.yaml',
    carried: [],
    rules: [],
  },
  {
    name: 'a client id typed differently: nothing carried, a hint naming the other id',
    notes: { 'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, DVT_LEFT), 'file:///w/2.soap.yaml': note('C-142', '2026-09-15', 2, [], CALF_WORK) },
    target: 'file:///w/2.soap.yaml',
    carried: [],
    rules: ['record.client-id-near-match'],
  },
  {
    name: 'a condition in shorthand ("hx of DVT") is carried with its rules in force, as when written',
    notes: { 'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, ['conditions:', '  - {condition: hx of DVT, region: calf, side: left}']), 'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, [], CALF_WORK) },
    target: 'file:///w/2.soap.yaml',
    carried: ['hx of DVT, left calf, active @ file:///w/1.soap.yaml:8'],
    rules: ['contraindication.absolute', 'record.carried-history'],
  },
  {
    name: 'a medication is carried until a note records it stopped',
    notes: {
      'file:///w/1.soap.yaml': note('C-0142', '2026-09-08', 1, ['medications: [warfarin 5 mg daily, ibuprofen as needed]']),
      'file:///w/2.soap.yaml': note('C-0142', '2026-09-15', 2, ['medications:', '  - {medication: ibuprofen, status: stopped}']),
      'file:///w/3.soap.yaml': note('C-0142', '2026-09-22', 3, [], ['- {technique: deep tissue massage, target: gastrocnemius, side: left}']),
    },
    target: 'file:///w/3.soap.yaml',
    carried: [],
    medications: ['warfarin 5 mg daily @ file:///w/1.soap.yaml:7'],
    rules: ['contraindication.pressure', 'contraindication.technique', 'record.carried-history'],
  },
];

describe('the client record across visits', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const engine = testEngine();
      const index = new RecordIndex();
      for (const [uri, text] of Object.entries(c.notes)) {
        index.set(engine.summarise(uri, text));
      }
      const analysis = engine.analyze(c.notes[c.target] ?? '', { uri: c.target, lookup: index });
      assert.deepEqual(analysis.carried.conditions.map((x) => `${describeCarriedCondition(x)} @ ${x.from.uri}:${x.from.range.start.line + 1}`), c.carried);
      if (c.medications) {
        assert.deepEqual(analysis.carried.medications.map((x) => `${x.medication} @ ${x.from.uri}:${x.from.range.start.line + 1}`), c.medications);
      }
      if (c.rules) {
        assert.deepEqual([...new Set(analysis.findings.filter((f) => f.severity !== 'information' || f.ruleId === 'record.carried-history').map((f) => f.ruleId))].sort(), c.rules);
      }
    });
  }

  it('a carried conflict says where the condition was recorded and points at that line of the earlier note', () => {
    const engine = testEngine();
    const index = new RecordIndex();
    const intake = note('C-0142', '2026-09-08', 1, DVT_LEFT);
    const followUp = note('C-0142', '2026-09-15', 2, [], CALF_WORK);
    index.set(engine.summarise('file:///w/1.soap.yaml', intake));
    index.set(engine.summarise('file:///w/2.soap.yaml', followUp));
    const findings = engine.check(followUp, { uri: 'file:///w/2.soap.yaml', lookup: index });
    const absolute = findings.find((f) => f.ruleId === 'contraindication.absolute');
    assert.ok(absolute, JSON.stringify(findings));
    assert.match(absolute.message, /recorded 2026-09-08, visit 1/);
    assert.deepEqual(absolute.related?.map((r) => [r.uri, r.range.start.line]), [['file:///w/1.soap.yaml', 7]]);
    const history = findings.find((f) => f.ruleId === 'record.carried-history');
    assert.equal(history?.range.start.line, 0);
    assert.match(history?.message ?? '', /deep vein thrombosis, left calf, active \(recorded 2026-09-08, visit 1\)/);
    // Checked alone, the follow-up is clean: the record is what finds the conflict.
    assert.equal(engine.check(followUp).filter((f) => f.severity === 'error').length, 0);
  });

  it('the hint names the near-identical id on the client line', () => {
    const engine = testEngine();
    const index = new RecordIndex();
    index.set(engine.summarise('file:///w/1.soap.yaml', note('C-0142', '2026-09-08', 1, DVT_LEFT)));
    const other = note('c-0142', '2026-09-15', 2, []);
    const hint = engine.check(other, { uri: 'file:///w/2.soap.yaml', lookup: index }).find((f) => f.ruleId === 'record.client-id-near-match');
    assert.equal(hint?.severity, 'hint');
    assert.equal(hint?.range.start.line, 1);
    assert.match(hint?.message ?? '', /'C-0142'/);
  });

  it('the index is incremental: replacing or deleting a note changes what the later notes carry', () => {
    const engine = testEngine();
    const index = new RecordIndex();
    index.set(engine.summarise('file:///w/1.soap.yaml', note('C-0142', '2026-09-08', 1, DVT_LEFT)));
    const later = engine.summarise('file:///w/2.soap.yaml', note('C-0142', '2026-09-15', 2, []));
    index.set(later);
    assert.equal(index.carriedFor(later).conditions.length, 1);
    assert.deepEqual(index.clientNotes('file:///w/1.soap.yaml'), ['file:///w/2.soap.yaml']);
    index.set(engine.summarise('file:///w/1.soap.yaml', note('C-0142', '2026-09-08', 1, ['conditions:', '  - {condition: DVT, region: calf, side: left, status: resolved}'])));
    assert.equal(index.carriedFor(later).conditions.length, 0);
    index.set(engine.summarise('file:///w/1.soap.yaml', note('C-0142', '2026-09-08', 1, DVT_LEFT)));
    index.delete('file:///w/1.soap.yaml');
    assert.equal(index.carriedFor(later).conditions.length, 0);
    assert.equal(index.size, 1);
  });

  it('carryForward: false checks the note alone', () => {
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost(), config: { ...DEFAULT_CONFIG, carryForward: false } });
    const index = new RecordIndex();
    index.set(engine.summarise('file:///w/1.soap.yaml', note('C-0142', '2026-09-08', 1, DVT_LEFT)));
    const analysis = engine.analyze(note('C-0142', '2026-09-15', 2, [], CALF_WORK), { uri: 'file:///w/2.soap.yaml', lookup: index });
    assert.equal(analysis.carried.conditions.length, 0);
    assert.equal(analysis.findings.filter((f) => f.severity === 'error').length, 0);
  });

  const ids: [string, string, boolean][] = [
    ['C-0142', 'C-142', true],
    ['C-0142', 'c-0142', true],
    ['C-0142', 'C0142', true],
    ['C-0142', 'C-0143', false],
    ['C-1042', 'C-142', false],
  ];
  for (const [a, b, same] of ids) {
    it(`client ids '${a}' and '${b}' ${same ? 'look alike' : 'differ'}`, () => {
      assert.equal(clientIdKey(a) === clientIdKey(b), same);
    });
  }
});
