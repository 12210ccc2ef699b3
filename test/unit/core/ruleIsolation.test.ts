import * as assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { RULE_FAMILIES } from '../../../server/src/core/rules/index';
import type { RuleFamily } from '../../../server/src/core/rules/context';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const NOTE = `soapnote: 1
client: C-0001
date: 2026-11-02
therapist: J. Lee, RMT
health:
  conditions:
    - {condition: deep vein thrombosis, side: left}
treatment:
  - {technique: efleurage, target: calf, side: left, pressure: light}
`;

describe('a rule that throws', () => {
  const broken: RuleFamily = {
    id: 'broken-for-test',
    check() {
      throw new Error('injected failure');
    },
  };
  const errors: string[] = [];
  const engine = createEngine({ packs: builtinPackSources(), host: nodeHost(), rules: [broken, ...RULE_FAMILIES], onRuleError: (id) => errors.push(id) });

  it('leaves the other rules reporting, and says a check failed', () => {
    const ids = engine.check(NOTE).map((f) => f.ruleId);
    assert.ok(ids.includes('internal.rule-failed'));
    assert.ok(ids.includes('vocabulary.unknown-term'));
  });

  it('is logged once, however often it fails', () => {
    engine.check(NOTE);
    engine.check(NOTE);
    assert.deepEqual(errors, ['broken-for-test']);
  });
});
