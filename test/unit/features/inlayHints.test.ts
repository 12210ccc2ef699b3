import * as assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-types';
import { DEFAULT_CONFIG } from '../../../server/src/core/config';
import { createEngine, type Engine } from '../../../server/src/core/engine';
import { inlayHints, pressureWordFor } from '../../../server/src/core/features/inlayHints';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { HEADER, testEngine } from './helpers';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** The text with each hint written in at its position as `«label»`, so a case reads as the editor shows it. */
function withHints(text: string, hints: InlayHint[]): string {
  const lines = text.split('\n');
  for (const hint of [...hints].reverse()) {
    const line = lines[hint.position.line] ?? '';
    const label = typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
    lines[hint.position.line] = `${line.slice(0, hint.position.character)}«${label}»${line.slice(hint.position.character)}`;
  }
  return lines.join('\n');
}

/** An engine whose workspace config redefines pressure words: `moderate` is level 2 there, `medium` is 3. */
function clinicEngine(): Engine {
  const pressures = [
    { word: 'moderate', level: 2, description: 'Our moderate: light.' },
    { word: 'medium', level: 3, description: 'Our medium.' },
  ];
  return createEngine({ packs: builtinPackSources(), config: { ...DEFAULT_CONFIG, pressures }, host: { ...nodeHost(), today: () => '2026-11-20' } });
}

interface Case {
  name: string;
  doc: string;
  /** The document with the hints written in as `«label»`. */
  expect: string;
  engine?: () => Engine;
}

const cases: Case[] = [
  {
    name: 'a pressure word gets its Walton level, block style',
    doc: `${HEADER}treatment:\n  - technique: effleurage\n    pressure: moderate\n`,
    expect: `${HEADER}treatment:\n  - technique: effleurage\n    pressure: moderate«Walton 3»\n`,
  },
  {
    name: 'a written level gets its word',
    doc: `${HEADER}treatment:\n  - technique: effleurage\n    pressure: 3\n  - technique: petrissage\n    pressure: "4"\n`,
    expect: `${HEADER}treatment:\n  - technique: effleurage\n    pressure: 3«moderate»\n  - technique: petrissage\n    pressure: "4"«firm»\n`,
  },
  {
    name: 'a flow list: one hint per entry, on the same line',
    doc: `${HEADER}treatment: [{technique: effleurage, pressure: light}, {technique: petrissage, pressure: deep, minutes: 10}]\n`,
    expect: `${HEADER}treatment: [{technique: effleurage, pressure: light«Walton 2»}, {technique: petrissage, pressure: deep«Walton 5», minutes: 10}]\n`,
  },
  {
    name: 'level 1 has a pack word (very light); level 0 is still',
    doc: `${HEADER}treatment:\n  - {technique: effleurage, pressure: 1}\n  - {technique: effleurage, pressure: 0}\n  - {technique: effleurage, pressure: Very Light}\n`,
    expect: `${HEADER}treatment:\n  - {technique: effleurage, pressure: 1«very light»}\n  - {technique: effleurage, pressure: 0«still»}\n  - {technique: effleurage, pressure: Very Light«Walton 1»}\n`,
  },
  {
    name: 'an unknown pressure word or an out-of-range level gets no hint (the diagnostic speaks)',
    doc: `${HEADER}treatment:\n  - {technique: effleurage, pressure: gentle}\n  - {technique: effleurage, pressure: 7}\n`,
    expect: `${HEADER}treatment:\n  - {technique: effleurage, pressure: gentle}\n  - {technique: effleurage, pressure: 7}\n`,
  },
  {
    name: 'the workspace config redefines moderate as level 2 and adds medium at 3',
    engine: clinicEngine,
    doc: `${HEADER}treatment:\n  - {technique: effleurage, pressure: moderate}\n  - {technique: effleurage, pressure: medium}\n  - {technique: effleurage, pressure: 3}\n`,
    expect: `${HEADER}treatment:\n  - {technique: effleurage, pressure: moderate«Walton 2»}\n  - {technique: effleurage, pressure: medium«Walton 3»}\n  - {technique: effleurage, pressure: 3«medium»}\n`,
  },
  {
    name: 'duration: the treatment minutes against it',
    doc: `${HEADER}duration: 45\ntreatment:\n  - {technique: effleurage, minutes: 10}\n  - {technique: petrissage, minutes: 30}\n`,
    expect: `${HEADER}duration: 45«treatment 40 of 45 min»\ntreatment:\n  - {technique: effleurage, minutes: 10}\n  - {technique: petrissage, minutes: 30}\n`,
  },
  {
    name: 'duration: over by N when the minutes exceed it',
    doc: `${HEADER}duration: 30\ntreatment: [{technique: effleurage, minutes: 20}, {technique: petrissage, minutes: 25}]\n`,
    expect: `${HEADER}duration: 30«treatment 45 of 30 min, over by 15»\ntreatment: [{technique: effleurage, minutes: 20}, {technique: petrissage, minutes: 25}]\n`,
  },
  {
    name: 'duration: entries without minutes are counted, not guessed',
    doc: `${HEADER}duration: 60\ntreatment:\n  - {technique: effleurage, minutes: 15}\n  - {technique: petrissage}\n`,
    expect: `${HEADER}duration: 60«treatment 15 of 60 min, 1 entry without minutes»\ntreatment:\n  - {technique: effleurage, minutes: 15}\n  - {technique: petrissage}\n`,
  },
  {
    name: 'duration without treatment entries, or not a number: no hint',
    doc: `${HEADER}duration: 60\nsubjective:\n  complaint: neck pain\n`,
    expect: `${HEADER}duration: 60\nsubjective:\n  complaint: neck pain\n`,
  },
];

describe('features/inlayHints', () => {
  for (const c of cases) {
    it(c.name, () => {
      const engine = (c.engine ?? testEngine)();
      const analysis = engine.analyze(c.doc);
      assert.equal(withHints(c.doc, inlayHints(analysis, engine.vocabulary, WHOLE)), c.expect);
    });
  }

  it('every hint is padded on the left and a pressure hint explains the level', () => {
    const engine = testEngine();
    const doc = `${HEADER}duration: 45\ntreatment:\n  - {technique: effleurage, pressure: firm, minutes: 10}\n`;
    const hints = inlayHints(engine.analyze(doc), engine.vocabulary, WHOLE);
    assert.deepEqual(hints.map((h) => h.paddingLeft), [true, true]);
    assert.match(String(hints[1]?.tooltip), /^Walton 4\./);
  });

  it('only the hints in the requested range', () => {
    const engine = testEngine();
    const doc = `${HEADER}duration: 45\ntreatment:\n  - {technique: effleurage, pressure: firm, minutes: 10}\n  - {technique: effleurage, pressure: light, minutes: 10}\n`;
    const analysis = engine.analyze(doc);
    const line = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 200 } });
    assert.deepEqual(inlayHints(analysis, engine.vocabulary, line(7)).map((h) => h.label), ['Walton 2']);
    assert.deepEqual(inlayHints(analysis, engine.vocabulary, line(4)).map((h) => h.label), ['treatment 20 of 45 min']);
    assert.deepEqual(inlayHints(analysis, engine.vocabulary, { start: { line: 6, character: 0 }, end: { line: 6, character: 10 } }), []);
  });

  it('pressureWordFor: the contract word unless the workspace moved it', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((l) => pressureWordFor(l, testEngine().vocabulary)), ['still', 'very light', 'light', 'moderate', 'firm', 'deep']);
    assert.deepEqual([2, 3].map((l) => pressureWordFor(l, clinicEngine().vocabulary)), ['light', 'medium']);
  });
});
