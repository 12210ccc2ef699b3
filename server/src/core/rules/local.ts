import { RuleId } from '../ruleIds';
import { describeTreatment, type RuleFamily } from './context';
import { conflictFinding, findConflicts } from './conflicts';
import { describePlacement } from './placement';

/**
 * `contraindication.local`: a treatment whose target lies in (or contains) a local
 * contraindication's region with sides overlapping, or distal to it where the condition says so.
 */
export const localContraindication: RuleFamily = {
  id: RuleId.local,
  check(context) {
    return findConflicts(context, 'local', (c) => c.placement.kind === 'places' || (c.placement.kind === 'unlocated' && c.placement.mode === 'everywhere')).map((c) => {
      const where = describePlacement(c.placement, context.vocabulary);
      const relation = c.how === 'distal' ? `is distal to ${c.active.label} on ${where}` : `is on ${where}, where ${c.active.label} is recorded`;
      return conflictFinding(c, RuleId.local, 'error', `${describeTreatment(c.treatment)} ${relation}. ${c.rule.message}`, { removeTreatmentIndex: c.treatment.entry.index });
    });
  },
};
