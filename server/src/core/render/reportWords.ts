import type { Translator } from '../l10n/localize';
import type { BodyMapLine } from './bodyMap';
import { NPRS_MCID, type PainChange, type ReportFinding } from './reportModel';

// The report's phrases shared by the HTML and Markdown renderers, so both say the same in every language.

const SEVERITY_LABEL = { error: 'report.severity.error', warning: 'report.severity.warning', information: 'report.severity.note', hint: 'report.severity.hint' } as const;

/** A finding's severity as the report names it: precautions by their rule, information as a note. */
export function severityLabel(f: ReportFinding, t: Translator): string {
  if (f.ruleId.endsWith('.precaution')) {
    return t('report.severity.precaution');
  }
  const key = SEVERITY_LABEL[f.severity as keyof typeof SEVERITY_LABEL];
  return key ? t(key) : f.severity;
}

/** The change in pain after the arrow, in words: "3 points better, reaches the minimal clinically important difference (2 points)"; `wrap` marks the better / worse part. */
export function painChangeWords(pain: PainChange, t: Translator, wrap: (cls: 'better' | 'worse', text: string) => string = (_cls, text) => text): string {
  if (pain.change === undefined) {
    return '';
  }
  if (pain.change < 0) {
    const mcid = t(pain.meaningful ? 'report.pain.reachesMcid' : 'report.pain.belowMcid', { points: NPRS_MCID });
    return `${wrap('better', t.count('report.pain.better', -pain.change))}, ${mcid}`;
  }
  return pain.change > 0 ? wrap('worse', t.count('report.pain.worse', pain.change)) : t('report.pain.noChange');
}

/** "treated (left): ...; condition: ...; conflict" for one region of the body map's list; `conflict` renders the conflict word. */
export function bodyMapLineParts(l: BodyMapLine, t: Translator, esc: (text: string) => string, conflict: (word: string) => string): string[] {
  const shading = { left: 'report.bodyMap.left', right: 'report.bodyMap.right', both: 'report.bodyMap.both' } as const;
  const treatments = l.treatments.map((x) => esc(x)).join('; ');
  return [
    l.treatments.length ? (l.shading ? t('report.bodyMap.treatedSide', { side: t(shading[l.shading]), list: treatments }) : t('report.bodyMap.treated', { list: treatments })) : '',
    l.conditions.length ? t('report.bodyMap.condition', { list: l.conditions.map((c) => esc(c)).join(', ') }) : '',
    l.conflict ? conflict(t('report.bodyMap.conflict')) : '',
  ].filter(Boolean);
}
