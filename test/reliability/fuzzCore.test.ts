import * as assert from 'node:assert/strict';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as fc from 'fast-check';
import { fuzzEngine, fuzzProperties, totalRuns } from './properties';

/** Cases across all properties in a CI run; `SOAPNOTE_FUZZ_RUNS` overrides (the `npm run fuzz` script uses 100,000). */
const TOTAL = totalRuns(5_000);

/** Heap growth allowed over the whole run: generous, it only has to catch a leak that grows per case. */
const MAX_HEAP_GROWTH = 200 * 1024 * 1024;

/** A full garbage collection, so heap figures count what is kept, not garbage not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

describe('reliability: fuzzing the core (fast-check)', function () {
  this.timeout(300_000);
  let heapBefore = 0;

  before(() => {
    fuzzEngine();
    collectGarbage();
    heapBefore = getHeapStatistics().used_heap_size;
  });

  for (const { name, share, build } of fuzzProperties()) {
    const numRuns = Math.max(1, Math.round(TOTAL * share));
    it(`${name} (${numRuns} cases)`, () => {
      fc.assert(build(), { numRuns, endOnFailure: false });
    });
  }

  it(`heap grows by less than ${MAX_HEAP_GROWTH / 1024 / 1024} MB over ${TOTAL} cases`, () => {
    collectGarbage();
    const growth = getHeapStatistics().used_heap_size - heapBefore;
    assert.ok(growth < MAX_HEAP_GROWTH, `heap grew by ${(growth / 1024 / 1024).toFixed(0)} MB`);
  });
});
