import * as assert from 'node:assert/strict';
import { complete } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { documentSymbols, foldingRanges } from '../../../server/src/core/features/symbols';
import { HEADER, testEngine } from './helpers';

/** A long note: 2,000+ lines, mostly treatment entries, with a condition and findings to rank by. */
function bigNote(): string {
  const parts = [HEADER, 'health:\n  conditions:\n    - {condition: varicose veins, region: lower leg, side: left}\n  medications: [warfarin]\n', 'objective:\n  findings:\n'];
  for (let i = 0; i < 50; i++) {
    parts.push(`    - {target: upper trapezius, side: right, finding: trigger point}\n`);
  }
  parts.push('treatment:\n');
  for (let i = 0; i < 390; i++) {
    parts.push(`  - technique: effleurage\n    target: erector spinae\n    side: bilateral\n    pressure: light\n    minutes: 5\n`);
  }
  return parts.join('');
}

/** Median time of `runs` calls, in milliseconds. */
function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

describe('features/performance', () => {
  const engine = testEngine();
  const text = bigNote();
  const analysis = engine.analyze(text);
  const lines = text.split('\n');
  const last = lines.length - 2;

  it('the note is over 2,000 lines', () => {
    assert.ok(lines.length > 2000);
  });

  const cases: { name: string; run: () => unknown }[] = [
    { name: 'technique values near the end', run: () => complete(text, { line: last - 4, character: 17 }, analysis, engine.vocabulary) },
    { name: 'target values near the end', run: () => complete(text, { line: last - 3, character: 12 }, analysis, engine.vocabulary) },
    { name: 'top-level keys after the last line', run: () => complete(`${text}\n`, { line: lines.length, character: 0 }, analysis, engine.vocabulary) },
    { name: 'hover on a technique', run: () => hover(text, { line: last - 4, character: 18 }, analysis, engine.vocabulary) },
  ];
  for (const c of cases) {
    it(`${c.name}: well under 5 ms after analysis`, () => {
      c.run(); // first call builds the per-vocabulary items
      const ms = median(25, c.run);
      assert.ok(ms < 5, `${ms.toFixed(2)} ms`);
    });
  }

  it('symbols and folding of the long note under 20 ms', () => {
    const ms = median(10, () => {
      documentSymbols(analysis);
      foldingRanges(analysis);
    });
    assert.ok(ms < 20, `${ms.toFixed(2)} ms`);
  });
});
