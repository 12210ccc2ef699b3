import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { HEADER, testEngine } from './helpers';

const URI = 'file:///notes/test.soap.yaml';

interface Case {
  name: string;
  doc: string;
  /** Line of the note the editor asks about (the whole line). */
  line: number;
  /** Title of the action to apply. */
  title: string;
  /** The note after applying it; `undefined` when the action must not be offered. */
  after: string | undefined;
  preferred?: boolean;
}

const WARFARIN = `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n`;
const CLEARANCE_LINE = "note: Written medical clearance requested from the client's physician; not yet on file.";

const cases: Case[] = [
  {
    name: 'unknown term -> the suggestion',
    doc: `${HEADER}treatment:\n  - technique: efleurage\n    target: calf\n`,
    line: 5,
    title: "Change to 'effleurage'",
    after: `${HEADER}treatment:\n  - technique: effleurage\n    target: calf\n`,
    preferred: true,
  },
  {
    name: 'pressure over the cap -> lowered to the cap',
    doc: `${WARFARIN}  - technique: petrissage\n    target: gluteus maximus\n    pressure: firm\n`,
    line: 9,
    title: 'Lower pressure to moderate (level 3)',
    after: `${WARFARIN}  - technique: petrissage\n    target: gluteus maximus\n    pressure: moderate\n`,
    preferred: true,
  },
  {
    name: 'pressure over the cap, asked on the entry line',
    doc: `${WARFARIN}  - technique: petrissage\n    target: gluteus maximus\n    pressure: firm\n`,
    line: 7,
    title: 'Lower pressure to moderate (level 3)',
    after: `${WARFARIN}  - technique: petrissage\n    target: gluteus maximus\n    pressure: moderate\n`,
  },
  {
    name: 'barred technique -> remove the entry (block style, whole lines with the dash)',
    doc: `${WARFARIN}  - technique: effleurage\n    target: erector spinae\n  - technique: deep tissue massage\n    target: erector spinae\n    minutes: 20\n  - technique: petrissage\n    target: erector spinae\nplan:\n  frequency: weekly\n`,
    line: 9,
    title: 'Remove this treatment entry',
    after: `${WARFARIN}  - technique: effleurage\n    target: erector spinae\n  - technique: petrissage\n    target: erector spinae\nplan:\n  frequency: weekly\n`,
  },
  {
    name: 'remove the last entry at the end of the file without a final newline',
    doc: `${WARFARIN}  - technique: effleurage\n    target: erector spinae\n  - technique: deep tissue massage\n    target: erector spinae`,
    line: 9,
    title: 'Remove this treatment entry',
    after: `${WARFARIN}  - technique: effleurage\n    target: erector spinae`,
  },
  {
    name: 'remove the only entry -> an empty list',
    doc: `${WARFARIN}  - technique: deep tissue massage\n    target: erector spinae\nplan:\n  frequency: weekly\n`,
    line: 7,
    title: 'Remove this treatment entry',
    after: `${HEADER}health:\n  medications: [warfarin]\ntreatment: []\nplan:\n  frequency: weekly\n`,
  },
  {
    name: 'remove a flow-style entry line',
    doc: `${WARFARIN}  - {technique: deep tissue massage, target: erector spinae}\n  - {technique: effleurage, target: erector spinae}\n`,
    line: 7,
    title: 'Remove this treatment entry',
    after: `${WARFARIN}  - {technique: effleurage, target: erector spinae}\n`,
  },
  {
    name: 'remove an entry of a flow sequence',
    doc: `${HEADER}health:\n  medications: [warfarin]\ntreatment: [{technique: effleurage, target: calf}, {technique: deep tissue massage, target: calf}]\n`,
    line: 6,
    title: 'Remove this treatment entry',
    after: `${HEADER}health:\n  medications: [warfarin]\ntreatment: [{technique: effleurage, target: calf}]\n`,
  },
  {
    name: 'clearance needed -> a note asking for it (block style)',
    doc: `${HEADER}health:\n  conditions:\n    - condition: pregnancy\n      status: active\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
    line: 6,
    title: 'Add a note asking for medical clearance',
    after: `${HEADER}health:\n  conditions:\n    - condition: pregnancy\n      status: active\n      ${CLEARANCE_LINE}\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
  },
  {
    name: 'clearance needed -> a note asking for it (flow style)',
    doc: `${HEADER}health:\n  conditions:\n    - {condition: pregnancy, clearance: false}\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
    line: 6,
    title: 'Add a note asking for medical clearance',
    after: `${HEADER}health:\n  conditions:\n    - {condition: pregnancy, clearance: false, ${CLEARANCE_LINE}}\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
  },
  {
    name: 'clearance needed on the second condition of a flow list on one line -> the note goes into that condition only',
    doc: `${HEADER}health:\n  conditions: [{condition: diabetes, status: controlled}, {condition: pregnancy}]\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
    line: 5,
    title: 'Add a note asking for medical clearance',
    after: `${HEADER}health:\n  conditions: [{condition: diabetes, status: controlled}, {condition: pregnancy, ${CLEARANCE_LINE}}]\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
  },
  {
    name: 'clearance needed but a note is already written -> no action',
    doc: `${HEADER}health:\n  conditions:\n    - condition: pregnancy\n      note: letter requested from the midwife\ntreatment:\n  - {technique: effleurage, target: lower back}\n`,
    line: 6,
    title: 'Add a note asking for medical clearance',
    after: undefined,
  },
  {
    name: 'no finding on the line -> no action',
    doc: `${WARFARIN}  - technique: effleurage\n    target: erector spinae\n`,
    line: 7,
    title: 'Remove this treatment entry',
    after: undefined,
  },
  {
    name: 'informal history qualifier -> recorded as resolved, the words kept in a note',
    doc: `${HEADER}health:\n  conditions:\n    - condition: hx of DVT\n      side: left\ntreatment: []\n`,
    line: 6,
    title: "Record 'deep vein thrombosis' as resolved",
    after: `${HEADER}health:\n  conditions:\n    - condition: deep vein thrombosis\n      side: left\n      note: Written as 'hx of DVT'.\n      status: resolved\ntreatment: []\n`,
  },
  {
    name: 'informal history qualifier -> recorded as still present (status left as it is)',
    doc: `${HEADER}health:\n  conditions:\n    - condition: history of DVT\n      status: active\n      note: told by GP\ntreatment: []\n`,
    line: 6,
    title: "Record 'deep vein thrombosis' as still present",
    after: `${HEADER}health:\n  conditions:\n    - condition: deep vein thrombosis\n      status: active\n      note: told by GP\ntreatment: []\n`,
  },
  {
    name: 'informal history qualifier with a status already written -> the status is replaced',
    doc: `${HEADER}health:\n  conditions:\n    - {condition: PMHx varicose veins 2019-04-02, status: active}\ntreatment: []\n`,
    line: 6,
    title: "Record 'varicose veins' as resolved",
    after: `${HEADER}health:\n  conditions:\n    - {condition: varicose veins, status: resolved, note: Written as 'PMHx varicose veins 2019-04-02'., since: 2019-04-02}\ntreatment: []\n`,
  },
  {
    name: 'post-op qualifier in flow style -> since (the session date, to be corrected) and the region',
    doc: `${HEADER}health:\n  conditions: [{condition: s/p knee}]\ntreatment: []\n`,
    line: 5,
    title: "Record 'recent surgery' with since: 2026-11-20 (the session date: change it to the date of the operation)",
    after: `${HEADER}health:\n  conditions: [{condition: recent surgery, region: knee, note: Written as 's/p knee'., since: 2026-11-20}]\ntreatment: []\n`,
  },
  {
    name: 'a condition written plainly gets no qualifier fix',
    doc: `${HEADER}health:\n  conditions:\n    - condition: deep vein thrombosis\ntreatment: []\n`,
    line: 6,
    title: "Record 'deep vein thrombosis' as resolved",
    after: undefined,
  },
];

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'soapnote', 1, text), edits);
}

function wholeLine(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 200 } };
}

describe('features/codeActions', () => {
  const engine = testEngine();
  for (const c of cases) {
    it(c.name, () => {
      const actions = codeActions(URI, c.doc, wholeLine(c.line), engine.analyze(c.doc));
      const action = actions.find((a) => a.title === c.title);
      if (c.after === undefined) {
        assert.equal(action, undefined, `unexpected action among ${JSON.stringify(actions.map((a) => a.title))}`);
        return;
      }
      assert.ok(action, `no '${c.title}' among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(action.kind, 'quickfix');
      if (c.preferred !== undefined) {
        assert.equal(action.isPreferred, c.preferred);
      }
      const edits = action.edit?.changes?.[URI];
      assert.ok(edits && edits.length > 0);
      const after = apply(c.doc, edits);
      assert.equal(after, c.after);
      assert.equal(engine.analyze(after).parsed.findings.length, 0, 'the result is still valid YAML');
    });
  }

  it('never sets clearance: true and never signs, whatever the findings', () => {
    const doc = `${HEADER}health:\n  conditions:\n    - condition: pregnancy\n    - {condition: recent surgery, region: knee}\n  medications: [warfarin]\ntreatment:\n  - {technique: deep tissue massage, target: gastrocnemius, pressure: deep}\n  - {technique: efleurage, target: knee}\n`;
    const actions = codeActions(URI, doc, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, engine.analyze(doc));
    assert.ok(actions.length >= 3);
    for (const action of actions) {
      for (const edit of action.edit?.changes?.[URI] ?? []) {
        assert.doesNotMatch(edit.newText, /clearance:\s*true|signed|sha256/);
      }
    }
  });

  it('offers one removal per entry even when several findings ask for it', () => {
    const doc = `${WARFARIN}  - technique: deep tissue massage\n    target: erector spinae\n    pressure: deep\n`;
    const actions = codeActions(URI, doc, wholeLine(7), engine.analyze(doc));
    assert.equal(actions.filter((a) => a.title === 'Remove this treatment entry').length, 1);
  });
});
