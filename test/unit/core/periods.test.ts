import * as assert from 'node:assert/strict';
import { daysBetween, durationHours, hasPassed, rulesOnDate } from '../../../server/src/core/rules/periods';
import { termMarkdown } from '../../../server/src/core/features/termDocs';
import { testEngine } from '../features/helpers';
import type { PackCondition } from '../../../server/src/core/vocabulary/packTypes';

const injury: PackCondition = {
  id: 'test-injury',
  name: 'test injury',
  description: 'x',
  category: 'contraindication',
  rules: [{ type: 'local', message: 'Not on the site.' }],
  period: { length: '72h', from: 'the injury', after: [{ type: 'pressure-cap', max: 3, message: 'Moderate at most.' }] },
};
const surgery: PackCondition = {
  id: 'test-surgery',
  name: 'test surgery',
  description: 'x',
  category: 'contraindication',
  rules: [{ type: 'local', message: 'Not on the site.' }],
  period: { length: '6w', after: [{ type: 'technique', techniques: ['iastm'], until: '12w', message: 'No IASTM.' }] },
};
const gone: PackCondition = { ...injury, period: { length: '2d', after: 'resolved' } };

/** Time-aware rules: a condition's period and a rule's `until`, judged from `since` and the session date only. */
describe('periods', () => {
  it('reads durations in hours, days and weeks', () => {
    for (const [text, hours] of [['72h', 72], ['10d', 240], ['6w', 1008], ['0h', undefined], ['6 weeks', undefined], ['w', undefined]] as const) {
      assert.equal(durationHours(text), hours, text);
    }
  });

  it('counts calendar days and refuses what is not a date', () => {
    for (const [since, date, days] of [
      ['2026-11-28', '2026-12-01', 3],
      ['2026-02-28', '2026-03-01', 1],
      ['2026-11-28T22:00:00Z', '2026-11-29', 1],
      ['2026-12-05', '2026-12-01', -4],
      ['2026-02-30', '2026-03-01', undefined],
      ['last week', '2026-03-01', undefined],
      [undefined, '2026-03-01', undefined],
    ] as const) {
      assert.equal(daysBetween(since, date), days, `${String(since)} -> ${date}`);
    }
  });

  it('lets a period pass only once a full length has certainly gone by (dates have no time of day)', () => {
    for (const [days, length, passed] of [
      [3, '72h', false],
      [4, '72h', true],
      [42, '6w', false],
      [43, '6w', true],
      [-10, '72h', false],
      [undefined, '72h', false],
    ] as const) {
      assert.equal(hasPassed(days, length), passed, `${String(days)} days, ${length}`);
    }
  });

  it('picks the rules for the session date and says why', () => {
    const table: { name: string; condition: PackCondition; since?: string; date: string; types: string[]; reason?: RegExp }[] = [
      { name: 'inside the period', condition: injury, since: '2026-11-28', date: '2026-11-30', types: ['local'], reason: /within 72 hours of the injury on 2026-11-28/ },
      { name: 'after the period', condition: injury, since: '2026-11-20', date: '2026-11-30', types: ['pressure-cap'], reason: /More than 72 hours have passed since the injury on 2026-11-20/ },
      { name: 'no since: inside', condition: injury, date: '2026-11-30', types: ['local'], reason: /No 'since' is recorded/ },
      { name: 'unreadable since: inside', condition: injury, since: '2026-13-01', date: '2026-11-30', types: ['local'] },
      { name: 'since after the session: inside', condition: injury, since: '2026-12-10', date: '2026-11-30', types: ['local'] },
      { name: 'after: resolved', condition: gone, since: '2026-11-01', date: '2026-11-30', types: [] },
      { name: 'surgery at 8 weeks: IASTM only', condition: surgery, since: '2026-10-01', date: '2026-11-26', types: ['technique'], reason: /within 12 weeks of onset on 2026-10-01/ },
      { name: 'surgery at 13 weeks: nothing', condition: surgery, since: '2026-08-01', date: '2026-11-01', types: [] },
    ];
    for (const row of table) {
      const { rules } = rulesOnDate(row.condition, row.since, row.date);
      assert.deepEqual(rules.map((r) => r.type), row.types, row.name);
      if (row.reason) {
        assert.match(rules[0]?.message ?? '', row.reason, row.name);
      }
    }
  });

  it('leaves a condition without a period as it is', () => {
    const plain: PackCondition = { ...injury, period: undefined };
    assert.deepEqual(rulesOnDate(plain, '2020-01-01', '2026-11-30').rules, plain.rules);
  });
});

describe('periods in hover', () => {
  it('shows how long the rules hold and what they relax to', () => {
    const engine = testEngine();
    const term = engine.vocabulary.get('condition', 'acute-injury');
    assert.ok(term);
    const text = termMarkdown(term, engine.vocabulary);
    assert.match(text, /\*\*Rules\*\* \(for 72 hours after the injury, judged from 'since'; without 'since' they hold\)/);
    assert.match(text, /\*\*After 72 hours\*\*\n\n- Pressure at most moderate/);
    const surgery = engine.vocabulary.get('condition', 'recent-surgery');
    assert.ok(surgery);
    assert.match(termMarkdown(surgery, engine.vocabulary), /\(for 12 weeks after 'since'\)/);
  });
});
