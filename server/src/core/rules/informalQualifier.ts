import { RuleId } from '../ruleIds';
import type { ConditionFieldsFix, Finding } from '../types';
import { resolveCondition, type RuleFamily } from './context';

/**
 * `record.informal-qualifier`: a condition written with a qualifier that may change its meaning
 * ("hx of DVT", "s/p knee replacement", "recent whiplash"). soapnote reads the condition and keeps
 * its rules in force (fail closed), says so, and offers to write the structured field instead.
 */
export const informalQualifier: RuleFamily = {
  id: RuleId.informalQualifier,
  check(context) {
    const out: Finding[] = [];
    for (const entry of context.note.conditions) {
      const written = entry.condition?.value;
      const informal = written ? resolveCondition(written, context.vocabulary)?.informal : undefined;
      if (!entry.condition || !written || !informal || informal.kind === 'plain' || entry.status === 'resolved') {
        continue;
      }
      if (informal.kind !== 'history' && entry.since) {
        continue;
      }
      const name = informal.condition.name;
      const at = informal.region && !entry.region ? ` on the ${informal.region}` : '';
      const base: ConditionFieldsFix['fields'] = [
        { key: 'condition', value: name },
        ...(informal.region && !entry.region ? [{ key: 'region' as const, value: informal.region }] : []),
        ...(entry.note ? [] : [{ key: 'note' as const, value: `Written as '${written}'.` }]),
      ];
      let message: string;
      let fixes: ConditionFieldsFix[];
      if (informal.kind === 'history') {
        message = `'${written}' is read as ${name}${at}, and its rules stay in force: '${informal.qualifier}' may mean it has resolved, but soapnote does not guess. If it has resolved, record 'status: resolved'; if it is still present, write '${name}' alone.`;
        fixes = [
          { index: entry.index, title: `Record '${name}' as resolved`, fields: [...base, { key: 'status', value: 'resolved' }, ...(informal.date && !entry.since ? [{ key: 'since' as const, value: informal.date }] : [])] },
          { index: entry.index, title: `Record '${name}' as still present`, fields: [...base, ...(informal.date && !entry.since ? [{ key: 'since' as const, value: informal.date }] : [])] },
        ];
      } else {
        const what = informal.kind === 'surgery' ? 'the operation' : 'onset';
        const since = informal.date ?? context.note.date?.value;
        message = `'${written}' is read as ${name}${at}${informal.kind === 'surgery' && informal.condition.id !== 'recent-surgery' ? ' after an operation' : ''}, date unknown: without 'since' it counts as recent, so every rule of its period holds. Record 'since' with the date of ${what}.`;
        fixes = since
          ? [{ index: entry.index, title: informal.date ? `Record '${name}' with since: ${since}` : `Record '${name}' with since: ${since} (the session date: change it to the date of ${what})`, fields: [...base, { key: 'since', value: since }] }]
          : [];
      }
      out.push({
        ruleId: RuleId.informalQualifier,
        severity: 'information',
        message,
        range: entry.condition.range,
        subject: { list: 'conditions', index: entry.index },
        ...(fixes.length > 0 ? { fix: { conditionFields: fixes } } : {}),
      });
    }
    return out;
  },
};
