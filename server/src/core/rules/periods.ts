import type { PackCondition, PackDuration, PackRule } from '../vocabulary/packTypes';

/** A duration in hours (`72h` -> 72, `6w` -> 1008), or undefined when it is not `N(h|d|w)`. */
export function durationHours(duration: PackDuration): number | undefined {
  const match = /^([1-9][0-9]{0,4})(h|d|w)$/.exec(duration.trim());
  if (!match) {
    return undefined;
  }
  const n = Number(match[1]);
  return match[2] === 'h' ? n : match[2] === 'd' ? n * 24 : n * 24 * 7;
}

/** A duration in words: `72h` -> "72 hours", `1w` -> "1 week". */
export function durationWords(duration: PackDuration): string {
  const match = /^([0-9]+)(h|d|w)$/.exec(duration.trim());
  if (!match) {
    return duration;
  }
  const unit = { h: 'hour', d: 'day', w: 'week' }[match[2] as 'h' | 'd' | 'w'];
  return `${match[1]} ${unit}${match[1] === '1' ? '' : 's'}`;
}

/** Whole calendar days from `since` to `date` (both read as YYYY-MM-DD, a time of day ignored), or undefined when either is not a date. */
export function daysBetween(since: string | undefined, date: string | undefined): number | undefined {
  const a = dayNumber(since);
  const b = dayNumber(date);
  return a === undefined || b === undefined ? undefined : b - a;
}

function dayNumber(text: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const back = new Date(ms);
  // 2026-02-30 is not a date: a guessed day would move the period.
  if (back.getUTCMonth() !== Number(match[2]) - 1 || back.getUTCDate() !== Number(match[3])) {
    return undefined;
  }
  return Math.round(ms / 86_400_000);
}

/**
 * Whether a duration has certainly passed `days` calendar days after onset. Notes give dates,
 * not times: an injury "on the 28th" may have been late that evening, so only the days after
 * the onset day count in full (72 hours have passed on the 4th day after, not the 3rd).
 */
export function hasPassed(days: number | undefined, duration: PackDuration): boolean {
  const hours = durationHours(duration);
  if (days === undefined || hours === undefined) {
    return false;
  }
  return (days - 1) * 24 >= hours;
}

/** The rules of a condition on a session date, with the reason in each message where time decided it. */
export interface RulesOnDate {
  rules: PackRule[];
  /** True when the condition's period has passed (its `after` rules, or nothing, apply). */
  periodPassed: boolean;
}

/**
 * Picks a condition's rules for a session: `rules` inside its period (or when `since` is missing
 * or unreadable: fail closed), `period.after` once it has passed; drops rules whose `until` has
 * passed. Messages say why ("within 72 hours of the injury on 2026-11-28").
 */
export function rulesOnDate(condition: PackCondition, since: string | undefined, sessionDate: string | undefined): RulesOnDate {
  const period = condition.period;
  const days = daysBetween(since, sessionDate);
  const from = period?.from ?? 'onset';
  const sinceDate = days === undefined ? undefined : since?.trim().slice(0, 10);
  const periodPassed = period !== undefined && hasPassed(days, period.length);
  const chosen = periodPassed && period ? (period.after === 'resolved' ? [] : period.after) : (condition.rules ?? []);
  const out: PackRule[] = [];
  for (const rule of chosen) {
    // A rule's own `until` says more than the condition's period, so its reason wins.
    const span = rule.until ?? (periodPassed ? undefined : period?.length);
    if (rule.until && hasPassed(days, rule.until)) {
      continue;
    }
    if (!span) {
      out.push(periodPassed && period ? withReason(rule, `(More than ${durationWords(period.length)} have passed since ${from} on ${sinceDate ?? '?'}, so this is what still applies.)`) : rule);
    } else if (sinceDate) {
      out.push(withReason(rule, `(This applies within ${durationWords(span)} of ${from} on ${sinceDate}.)`));
    } else {
      out.push(withReason(rule, `(No 'since' is recorded, so this counts as within ${durationWords(span)} of ${from}: record the date of ${from} to let the rule relax afterwards.)`));
    }
  }
  return { rules: out, periodPassed };
}

function withReason(rule: PackRule, reason: string): PackRule {
  return { ...rule, message: `${rule.message} ${reason}` };
}
