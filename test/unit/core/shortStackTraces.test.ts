import * as assert from 'node:assert/strict';
import { parseYaml } from '../../../server/src/core/parse';
import { withShortStackTraces } from '../../../server/src/core/shortStackTraces';

/** Frames in an Error's stack (lines after the message). */
function framesOf(error: Error): number {
  return (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;
}

/** Recurses `depth` calls, then runs `fn` (a deep stack, as the yaml composer has on deep nesting). */
function atDepth<T>(depth: number, fn: () => T): T {
  return depth === 0 ? fn() : atDepth(depth - 1, fn);
}

describe('withShortStackTraces: reading a note does not depend on the host Error.stackTraceLimit', () => {
  let saved: number;
  beforeEach(() => {
    saved = Error.stackTraceLimit;
    // mocha sets Infinity; so may a debugger. That made deep notes 50x slower to parse.
    Error.stackTraceLimit = Infinity;
  });
  afterEach(() => {
    Error.stackTraceLimit = saved;
  });

  const cases: [string, number | undefined, number][] = [
    ['the default limit of 10', undefined, 10],
    ['a given limit', 3, 3],
  ];
  for (const [name, limit, expected] of cases) {
    it(`captures at most ${name} frames inside, and restores Infinity after`, () => {
      const error = withShortStackTraces(() => atDepth(200, () => new Error('deep')), limit);
      assert.equal(framesOf(error), expected);
      assert.equal(Error.stackTraceLimit, Infinity);
    });
  }

  it('restores the limit when the function throws', () => {
    assert.throws(() => withShortStackTraces(() => { throw new Error('boom'); }), /boom/);
    assert.equal(Error.stackTraceLimit, Infinity);
  });

  it('leaves a lower host limit alone', () => {
    Error.stackTraceLimit = 2;
    const error = withShortStackTraces(() => atDepth(50, () => new Error('deep')));
    assert.equal(framesOf(error), 2);
    assert.equal(Error.stackTraceLimit, 2);
  });

  it('parseYaml of 10,000 nested {a: gives findings and leaves the host limit as it was', () => {
    const parsed = parseYaml('{a: '.repeat(10_000));
    assert.ok(parsed.findings.length > 0);
    assert.equal(Error.stackTraceLimit, Infinity);
  });
});
