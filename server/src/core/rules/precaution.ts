import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import { rulesInForce, type RuleFamily } from './context';

/** `contraindication.precaution`: something to keep in mind and document (diabetes: check blood sugar), on the condition's line. */
export const precaution: RuleFamily = {
  id: RuleId.precaution,
  check(context) {
    const out: Finding[] = [];
    for (const active of context.conditions) {
      for (const rule of rulesInForce(active, 'precaution')) {
        out.push({ ruleId: RuleId.precaution, severity: 'information', message: `Precaution for ${active.label}: ${rule.message}`, range: active.range, ...(active.subject ? { subject: active.subject } : {}), source: rule.source ?? active.condition.source });
      }
    }
    return out;
  },
};
