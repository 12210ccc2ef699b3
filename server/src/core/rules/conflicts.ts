import type { Finding, FixData, Severity } from '../types';
import type { PackRule } from '../vocabulary/packTypes';
import { relatedTo, rulesInForce, techniqueMatches, treatmentSubject, type ActiveCondition, type ResolvedTreatment, type RuleContext } from './context';
import { placementOf, treatmentFalls, type Placement } from './placement';

/** One (treatment entry, condition rule) pair that conflicts. */
export interface Conflict {
  treatment: ResolvedTreatment;
  active: ActiveCondition;
  rule: PackRule;
  placement: Placement;
  how: 'in' | 'distal';
}

/**
 * Every treatment entry that falls under a rule of the given type of a condition in force.
 * One result per (entry, condition rule): a conflict never hides another.
 */
export function findConflicts(context: RuleContext, type: PackRule['type'], extra: (c: Conflict) => boolean = () => true): Conflict[] {
  const out: Conflict[] = [];
  for (const active of context.conditions) {
    for (const rule of rulesInForce(active, type)) {
      const placement = placementOf(rule, active, context.vocabulary);
      for (const treatment of context.treatments) {
        if (!techniqueMatches(rule, treatment.technique)) {
          continue;
        }
        const how = treatmentFalls(treatment, placement, context.vocabulary);
        if (how) {
          const conflict = { treatment, active, rule, placement, how };
          if (extra(conflict)) {
            out.push(conflict);
          }
        }
      }
    }
  }
  return out;
}

/** Builds the finding for a conflict: on the entry's first line, about the entry, related information at the condition. */
export function conflictFinding(c: Conflict, ruleId: string, severity: Severity, message: string, fix?: FixData): Finding {
  return {
    ruleId,
    severity,
    message,
    range: c.treatment.entry.range,
    subject: treatmentSubject(c.treatment),
    related: relatedTo(c.active),
    source: c.rule.source ?? c.active.condition.source,
    ...(fix ? { fix } : {}),
  };
}

/** "(active)" / "(controlled)" as it reads after a condition's name. */
export function statusNote(active: ActiveCondition): string {
  return active.medication ? '' : ` (${active.status})`;
}
