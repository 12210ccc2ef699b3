import { RuleId } from '../ruleIds';
import { describeTreatment, type RuleFamily } from './context';
import { conflictFinding, findConflicts } from './conflicts';
import { describePlacement } from './placement';

/** `contraindication.pressure`: pressure (written, or the technique's typical level) above a condition's cap. */
export const pressureCap: RuleFamily = {
  id: RuleId.pressure,
  check(context) {
    const vocabulary = context.vocabulary;
    return findConflicts(context, 'pressure-cap', (c) => c.treatment.level !== undefined && c.rule.max !== undefined && c.treatment.level > c.rule.max).map((c) => {
      const max = c.rule.max ?? 0;
      const level = c.treatment.level ?? 0;
      const capWord = vocabulary.pressureWord(max);
      const written = c.treatment.levelWritten ? `${String(c.treatment.entry.pressure?.value)} (level ${level})` : `${vocabulary.pressureWord(level)} (level ${level}, typical for the technique)`;
      const where = c.placement.kind === 'places' ? ` on ${describePlacement(c.placement, vocabulary)}` : '';
      const pressureNode = c.treatment.entry.pressure;
      const fix = pressureNode && c.treatment.levelWritten ? { replace: [{ range: pressureNode.range, text: capWord, title: `Lower pressure to ${capWord} (level ${max})` }] } : undefined;
      return conflictFinding(c, RuleId.pressure, 'warning', `${describeTreatment(c.treatment)}: pressure ${written} is above the cap of ${capWord} (level ${max})${where} for ${c.active.label}. ${c.rule.message}`, fix);
    });
  },
};
