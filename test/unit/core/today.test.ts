import * as assert from 'node:assert/strict';
import { localToday, TODAY_ENV } from '../../../server/src/node/nodeHost';

describe('today: the injected clock', () => {
  const now = new Date(2026, 10, 20, 23, 30); // 20 Nov 2026, 23:30 local time
  const cases: [string, Record<string, string>, string][] = [
    ['the local date when nothing is pinned', {}, '2026-11-20'],
    ['the pinned date', { [TODAY_ENV]: '2027-01-05' }, '2027-01-05'],
    ['the local date when the pin is malformed', { [TODAY_ENV]: 'tomorrow' }, '2026-11-20'],
    ['the local date when the pin is not a calendar date', { [TODAY_ENV]: '2026-13-45' }, '2026-11-20'],
  ];
  for (const [name, env, expected] of cases) {
    it(`is ${name}`, () => assert.equal(localToday(now, env), expected));
  }
  it('is pinned for the whole test run (test/pinToday.js), so no test depends on the day it runs', () => {
    assert.equal(localToday(), '2026-12-01');
  });
});
