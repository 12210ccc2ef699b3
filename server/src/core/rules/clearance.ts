import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import { relatedTo, rulesInForce, type RuleFamily } from './context';

/** `contraindication.clearance`: a condition needing written medical clearance, `clearance` not true, and treatment given. One finding per condition. */
export const clearanceRequired: RuleFamily = {
  id: RuleId.clearance,
  check(context) {
    if (context.treatments.length === 0) {
      return [];
    }
    const out: Finding[] = [];
    for (const active of context.conditions) {
      const rule = rulesInForce(active, 'clearance')[0];
      if (!rule || active.clearance) {
        continue;
      }
      out.push({
        ruleId: RuleId.clearance,
        severity: 'warning',
        message: `${active.label}${active.medication ? '' : ` (${active.status})`} needs written medical clearance before treatment, and 'clearance' is not true. ${rule.message} Only set 'clearance: true' once the clearance is on file.`,
        range: active.range,
        ...(active.subject ? { subject: active.subject } : {}),
        related: relatedTo(active),
        source: rule.source ?? active.condition.source,
        ...(active.entry ? { fix: { requestClearanceIndex: active.entry.index } } : {}),
      });
    }
    return out;
  },
};
