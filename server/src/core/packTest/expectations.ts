import { parse } from 'yaml';
import type { Finding, FindingSubject, Severity } from '../types';

/**
 * One finding a fixture note must give, as `NAME.expected.yaml` lists it:
 * ```yaml
 * - {rule: contraindication.technique, severity: error, line: 12}
 * ```
 * `line` is 1-based where the finding starts; `subject` (`treatment/1`) is compared when given.
 */
export interface Expectation {
  rule: string;
  severity: Severity;
  line: number;
  subject?: string;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint'];

/** Reads an expected-findings file: the list, or why it cannot be used (a fixture that proves nothing must not pass). */
export function parseExpectations(text: string): { expectations: Expectation[] } | { problem: string } {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 0 });
  } catch (error) {
    return { problem: `it is not valid YAML (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})` };
  }
  if (data === null || data === undefined) {
    return { problem: 'it is empty; write [] for a note that must give no error or warning' };
  }
  if (!Array.isArray(data)) {
    return { problem: 'it must be a list of {rule, severity, line}, or [] for a clean note' };
  }
  const expectations: Expectation[] = [];
  for (const [i, item] of data.entries()) {
    const entry = item as Record<string, unknown> | null;
    const where = `entry ${i + 1}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      return { problem: `${where} is not a mapping of rule, severity and line` };
    }
    const unknown = Object.keys(entry).filter((k) => !['rule', 'severity', 'line', 'subject', 'related'].includes(k));
    if (unknown.length > 0) {
      return { problem: `${where} has unknown key '${unknown[0]}' (rule, severity, line, subject)` };
    }
    if (typeof entry['rule'] !== 'string' || entry['rule'] === '') {
      return { problem: `${where} needs a rule id (rule: contraindication.local)` };
    }
    if (typeof entry['severity'] !== 'string' || !SEVERITIES.includes(entry['severity'])) {
      return { problem: `${where} needs a severity: error, warning, information or hint` };
    }
    if (typeof entry['line'] !== 'number' || !Number.isInteger(entry['line']) || entry['line'] < 1) {
      return { problem: `${where} needs a line: the 1-based line where the finding starts` };
    }
    if (entry['subject'] !== undefined && (typeof entry['subject'] !== 'string' || !/^(none|(treatment|conditions|medications|findings)\/\d+)$/.test(entry['subject']))) {
      return { problem: `${where} has a subject that is not LIST/INDEX (treatment/0) or none` };
    }
    expectations.push({ rule: entry['rule'], severity: entry['severity'] as Severity, line: entry['line'], ...(typeof entry['subject'] === 'string' ? { subject: entry['subject'] } : {}) });
  }
  return { expectations };
}

/** What a fixture note gave against what was expected: each expectation met or missed, and findings nobody expected. */
export interface FixtureOutcome {
  met: Expectation[];
  missed: Expectation[];
  /** Error and warning findings no expectation names: a clean example that is no longer clean. */
  unexpected: Finding[];
}

const subjectText = (s: FindingSubject | undefined): string => (s ? `${s.list}/${s.index}` : 'none');

/**
 * Matches a fixture's findings to its expectations, each finding used once. Information and hint
 * findings nobody expected are tolerated (a precaution note is advice); an unexpected error or
 * warning is a miss, so a clean example stays clean.
 */
export function compareFindings(findings: readonly Finding[], expectations: readonly Expectation[]): FixtureOutcome {
  const left = [...findings];
  const met: Expectation[] = [];
  const missed: Expectation[] = [];
  for (const expected of expectations) {
    const i = left.findIndex((f) => f.ruleId === expected.rule && f.severity === expected.severity && f.range.start.line + 1 === expected.line && (expected.subject === undefined || subjectText(f.subject) === expected.subject));
    if (i === -1) {
      missed.push(expected);
    } else {
      met.push(expected);
      left.splice(i, 1);
    }
  }
  return { met, missed, unexpected: left.filter((f) => f.severity === 'error' || f.severity === 'warning') };
}
