import { RuleId } from '../ruleIds';
import { describeTreatment, type RuleFamily } from './context';
import { conflictFinding, findConflicts, statusNote } from './conflicts';

/**
 * `contraindication.absolute`: any treatment on a client with a condition that rules out massage
 * (DVT while active, fever, intoxication). Also a local rule whose region is missing and which
 * says `unlocated: absolute` (a contagious skin condition with no region recorded).
 */
export const absoluteContraindication: RuleFamily = {
  id: RuleId.absolute,
  check(context) {
    const absolute = findConflicts(context, 'absolute').map((c) =>
      conflictFinding(c, RuleId.absolute, 'error', `${describeTreatment(c.treatment)}: ${c.active.label}${statusNote(c.active)} is an absolute contraindication. ${c.rule.message}`, { removeTreatmentIndex: c.treatment.entry.index }),
    );
    const unlocated = findConflicts(context, 'local', (c) => c.placement.kind === 'unlocated' && c.placement.mode === 'absolute').map((c) =>
      conflictFinding(c, RuleId.absolute, 'error', `${describeTreatment(c.treatment)}: ${c.active.label} has no region recorded, so it rules out all touch. Record its region to limit it to that area. ${c.rule.message}`, { removeTreatmentIndex: c.treatment.entry.index }),
    );
    return [...absolute, ...unlocated];
  },
};
