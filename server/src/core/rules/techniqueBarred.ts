import { RuleId } from '../ruleIds';
import { describeTreatment, type RuleFamily } from './context';
import { conflictFinding, findConflicts } from './conflicts';
import { describePlacement } from './placement';

/** `contraindication.technique`: a technique barred by name (or tag) for a recorded condition, anywhere or on the rule's regions. */
export const techniqueBarred: RuleFamily = {
  id: RuleId.technique,
  check(context) {
    return findConflicts(context, 'technique').map((c) => {
      const where = c.placement.kind === 'places' ? ` on ${describePlacement(c.placement, context.vocabulary)}` : '';
      const technique = c.treatment.technique?.name ?? 'this technique';
      return conflictFinding(c, RuleId.technique, 'error', `${describeTreatment(c.treatment)}: ${technique} is barred${where} with ${c.active.label}. ${c.rule.message}`, { removeTreatmentIndex: c.treatment.entry.index });
    });
  },
};
