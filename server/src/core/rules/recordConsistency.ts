import { RuleId } from '../ruleIds';
import type { Finding } from '../types';
import { rulesInForce, type RuleContext, type RuleFamily } from './context';
import { placementOf } from './placement';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `record.*`: an inconsistent record: next visit before the session, minutes over the duration, a future session date, a local condition without a region. */
export const recordConsistency: RuleFamily = {
  id: 'record',
  check(context) {
    return [...dates(context), ...minutes(context), ...unlocatedConditions(context)];
  },
};

function dates(context: RuleContext): Finding[] {
  const out: Finding[] = [];
  const date = context.note.date;
  const next = context.note.nextVisit;
  const sessionDate = date && ISO_DATE.test(date.value) ? date.value : undefined;
  if (sessionDate && next && ISO_DATE.test(next.value) && next.value < sessionDate) {
    out.push({ ruleId: RuleId.nextVisitBeforeSession, severity: 'warning', message: `The next visit (${next.value}) is before this session's date (${sessionDate}).`, range: next.range });
  }
  const today = context.host.today();
  if (sessionDate && date && sessionDate > today) {
    out.push({ ruleId: RuleId.futureDate, severity: 'warning', message: `The session date ${sessionDate} is in the future (today is ${today}). Notes record sessions that took place.`, range: date.range });
  }
  return out;
}

function minutes(context: RuleContext): Finding[] {
  const duration = context.note.duration;
  if (!duration) {
    return [];
  }
  const total = context.note.treatment.reduce((sum, t) => sum + (t.minutes?.value ?? 0), 0);
  if (total <= duration.value) {
    return [];
  }
  return [
    {
      ruleId: RuleId.minutesOverDuration,
      severity: 'warning',
      message: `Treatment minutes add up to ${total}, more than the session's duration of ${duration.value} minutes.`,
      range: duration.range,
      related: context.note.treatment.filter((t) => t.minutes).map((t) => ({ message: `${t.minutes?.value} minutes`, range: t.minutes!.range })),
    },
  ];
}

/** A local condition whose rules need a place, recorded without one: say so once, on the condition. */
function unlocatedConditions(context: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const active of context.conditions) {
    const rules = [...rulesInForce(active, 'local'), ...rulesInForce(active, 'technique'), ...rulesInForce(active, 'pressure-cap')];
    const unplaced = rules.some((rule) => {
      const placement = placementOf(rule, active, context.vocabulary);
      return placement.kind === 'unlocated' && placement.mode === 'warn';
    });
    if (unplaced && active.entry) {
      out.push({
        ruleId: RuleId.conditionWithoutRegion,
        severity: 'warning',
        message: `${active.label} restricts work on its region, but no 'region' is recorded, so soapnote cannot check the treatment against it. Add the region (and side).`,
        range: active.range,
        ...(active.subject ? { subject: active.subject } : {}),
      });
    }
  }
  return out;
}
