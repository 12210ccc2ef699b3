import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import { describeTreatment, treatmentSubject, type RuleFamily } from './context';

/** Firm (Walton 4) and above counts as firm or deep pressure. */
const FIRM = 4;

/** `endangerment-site.pressure`: firm or deep pressure on an endangerment site, whatever the conditions. */
export const endangermentSite: RuleFamily = {
  id: RuleId.endangerment,
  check(context) {
    const out: Finding[] = [];
    for (const t of context.treatments) {
      const site = t.place?.site;
      if (!site || t.level === undefined || t.level < FIRM) {
        continue;
      }
      const pressureNode = t.entry.pressure;
      out.push({
        ruleId: RuleId.endangerment,
        severity: 'warning',
        message: `${describeTreatment(t)}: ${t.levelWritten ? 'firm or deep' : 'the technique\'s typical firm or deep'} pressure on an endangerment site, the ${site.name}. ${site.description} Use light pressure here.`,
        range: t.entry.range,
        subject: treatmentSubject(t),
        source: site.source,
        ...(pressureNode && t.levelWritten ? { fix: { replace: [{ range: pressureNode.range, text: 'light', title: 'Lower pressure to light' }] } } : {}),
      });
    }
    return out;
  },
};
