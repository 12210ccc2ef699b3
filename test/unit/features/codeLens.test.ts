import * as assert from 'node:assert/strict';
import { codeLenses, NOTE_LENSES, type LensProducer } from '../../../server/src/core/features/codeLens';
import { signNote } from '../../../server/src/core/sign';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { HEADER, testEngine } from './helpers';

const URI = 'file:///notes/C-0142-2026-11-20.soap.yaml';
const CLEAN = `${HEADER}treatment:\n  - {technique: effleurage, target: erector spinae, side: bilateral, pressure: light, minutes: 10}\n`;
const ERROR = CLEAN.replace('treatment:', 'health:\n  conditions:\n    - {condition: deep vein thrombosis, region: calf, side: left}\ntreatment:');

function signed(text: string): string {
  const outcome = signNote(text, testEngine().analyze(text), 'J. Lee, RMT', '2026-11-20T18:05:00Z', nodeHost().sha256);
  if ('refused' in outcome) {
    throw new Error(outcome.refused);
  }
  return outcome.text;
}

interface Case {
  name: string;
  doc: string;
  visits?: number;
  /** `title -> command [args]` per lens, in order; a plain-text lens is `title -> ''`. */
  expect: string[];
}

const cases: Case[] = [
  { name: 'an unsigned clean note: Preview, Sign, History', doc: CLEAN, visits: 3, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`, `Sign -> soapnote.signNote [${URI}]`, `History: 3 visits -> soapnote.showHistory [${URI}]`] },
  { name: 'one visit is singular', doc: CLEAN, visits: 1, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`, `Sign -> soapnote.signNote [${URI}]`, `History: 1 visit -> soapnote.showHistory [${URI}]`] },
  { name: 'a note with an error is not offered for signing', doc: ERROR, visits: 2, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`, `History: 2 visits -> soapnote.showHistory [${URI}]`] },
  { name: 'a signed note says who signed it, as plain text', doc: signed(CLEAN), visits: 2, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`, "Signed by J. Lee, RMT -> ''", `History: 2 visits -> soapnote.showHistory [${URI}]`] },
  { name: 'a signed note edited afterwards: the lens says the signature does not match', doc: signed(CLEAN).replace('minutes: 10', 'minutes: 15'), visits: 2, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`, "Signature does not match: see Problems -> ''", `History: 2 visits -> soapnote.showHistory [${URI}]`] },
  { name: 'no client: no history lens', doc: CLEAN.replace('client: C-0142\n', ''), visits: undefined, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`] },
  { name: 'YAML that cannot be read: Preview only', doc: 'soapnote: 1\nclient: [C-0142\n', visits: 1, expect: [`Preview -> soapnote.openPreviewToSide [${URI}]`] },
];

function describeLens(lens: ReturnType<typeof codeLenses>[number]): string {
  const command = lens.command;
  const args = command?.arguments ? ` [${command.arguments.join(', ')}]` : '';
  return `${command?.title ?? '?'} -> ${command?.command || "''"}${args}`;
}

describe('features/codeLens', () => {
  for (const c of cases) {
    it(c.name, () => {
      const lenses = codeLenses({ uri: URI, analysis: testEngine().analyze(c.doc), ...(c.visits !== undefined ? { visits: c.visits } : {}) });
      assert.deepEqual(lenses.map(describeLens), c.expect);
      for (const lens of lenses) {
        assert.deepEqual(lens.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'every lens sits above the first line');
      }
    });
  }

  it('another lens kind is appended to the producers, after the note lenses', () => {
    const extra: LensProducer = () => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'Extra', command: 'x.y' } }];
    const lenses = codeLenses({ uri: URI, analysis: testEngine().analyze(CLEAN), visits: 1 }, [...NOTE_LENSES, extra]);
    assert.deepEqual(lenses.map((l) => l.command?.title), ['Preview', 'Sign', 'History: 1 visit', 'Extra']);
  });
});
