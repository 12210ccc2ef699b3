import * as assert from 'node:assert/strict';
import { describeRule, type PartialRule, type RuleNames } from '../../../server/src/core/authoring/ruleDescription';

/** Names as a vocabulary would give them: a few known ids, the rest fall back to the id. */
const NAMES: RuleNames = {
  technique: (id) => ({ iastm: 'IASTM', 'deep-tissue-massage': 'deep tissue massage' })[id],
  place: (id) => ({ 'lower-leg': 'lower leg', abdomen: 'abdomen' })[id],
  pressure: (level) => ({ 2: 'light (Walton level 2)', 3: 'moderate (Walton level 3)' })[level] ?? `Walton level ${level}`,
};

describe('a pack rule in plain words', () => {
  const cases: [string, PartialRule, string][] = [
    ['local, distal, active only', { type: 'local', techniques: ['iastm'], distal: true, status: ['active'] }, 'No IASTM on the site, distal too, while active'],
    ['local with default regions', { type: 'local', regions: ['lower-leg'] }, 'No work on the site (by default the lower leg), while active or controlled'],
    ['local on fixed regions', { type: 'local', where: 'regions', regions: ['abdomen', 'lower-leg'] }, 'No work on the abdomen and lower leg, while active or controlled'],
    ['absolute', { type: 'absolute' }, 'No massage at all, while active or controlled'],
    ['technique by tag and id', { type: 'technique', techniques: ['tag:deep', 'deep-tissue-massage', 'cupping'] }, 'No deep techniques, deep tissue massage and cupping anywhere, while active or controlled'],
    ['technique without techniques yet', { type: 'technique' }, 'No (no techniques listed yet) anywhere, while active or controlled'],
    ['pressure cap on the site', { type: 'pressure-cap', where: 'site', max: 2, status: ['active', 'controlled'] }, 'Pressure at most light (Walton level 2) on the site, while active or controlled'],
    ['pressure cap for some techniques', { type: 'pressure-cap', max: 3, techniques: ['iastm'] }, 'Pressure at most moderate (Walton level 3) for IASTM anywhere, while active or controlled'],
    ['pressure cap without max', { type: 'pressure-cap' }, 'Pressure at most (no max yet) anywhere, while active or controlled'],
    ['clearance', { type: 'clearance' }, 'Written medical clearance needed before any treatment, while active or controlled'],
    ['precaution', { type: 'precaution', status: ['controlled'] }, 'A precaution to keep in mind and document, while controlled'],
    ['until', { type: 'local', techniques: ['iastm'], until: '12w' }, "No IASTM on the site, while active or controlled, for 12 weeks after the condition's since"],
    ['no type yet', { techniques: ['iastm'] }, 'A rule without a type yet, while active or controlled'],
    ['an unknown type', { type: 'locale' }, "A rule of unknown type 'locale', while active or controlled"],
    ['wrong field types are ignored', { type: 'local', techniques: 'iastm', regions: [3], status: 'active', distal: 'yes' }, 'No work on the site, while active or controlled'],
    ['regions rule without regions', { type: 'local', where: 'regions' }, 'No work on the listed regions (none yet), while active or controlled'],
  ];
  for (const [name, rule, words] of cases) {
    it(name, () => {
      assert.equal(describeRule(rule, NAMES), words);
    });
  }

  it('without names, ids are the words', () => {
    assert.equal(describeRule({ type: 'local', techniques: ['iastm'], distal: true, status: ['active'] }), 'No iastm on the site, distal too, while active');
  });
});
