import { rangeHolds } from './ranges';
import type { Finding, FindingSubject, Range, SubjectList } from './types';

/** The note paths (as in a schema error's instance path) of the lists whose entries are subjects. */
const LIST_PATHS: { path: string[]; list: SubjectList }[] = [
  { path: ['treatment'], list: 'treatment' },
  { path: ['health', 'conditions'], list: 'conditions' },
  { path: ['health', 'medications'], list: 'medications' },
  { path: ['objective', 'findings'], list: 'findings' },
];

/** The entry a note path lies in (`['treatment', 1, 'pressure']` -> treatment 1), or undefined outside the subject lists. */
export function subjectOfPath(path: readonly (string | number)[]): FindingSubject | undefined {
  for (const { path: prefix, list } of LIST_PATHS) {
    const index = path[prefix.length];
    if (typeof index === 'number' && prefix.every((key, i) => path[i] === key)) {
      return { list, index };
    }
  }
  return undefined;
}

/** The note path of a subject's entry (`{list: 'conditions', index: 1}` -> `['health', 'conditions', 1]`). */
export function pathOfSubject(subject: FindingSubject): (string | number)[] {
  const prefix = LIST_PATHS.find((l) => l.list === subject.list)?.path ?? [subject.list];
  return [...prefix, subject.index];
}

/** True when two subjects name the same entry. */
export function sameSubject(a: FindingSubject | undefined, b: FindingSubject | undefined): boolean {
  return a !== undefined && b !== undefined && a.list === b.list && a.index === b.index;
}

/** Every entry a finding implicates: its own subject, then the subjects its related information points at. */
export function subjectsOf(finding: Finding): FindingSubject[] {
  const out: FindingSubject[] = finding.subject ? [finding.subject] : [];
  for (const r of finding.related ?? []) {
    if (r.subject) {
      out.push(r.subject);
    }
  }
  return out;
}

/**
 * The findings about one entry: those whose subject is it, and those with no subject (a duplicate
 * key, a syntax error) that start inside the entry's own node range, compared by position and never
 * by line alone, so an entry sharing its line with another gets only its own.
 */
export function findingsAbout(findings: readonly Finding[], subject: FindingSubject, ownRange: Range): Finding[] {
  return findings.filter((f) => (f.subject ? sameSubject(f.subject, subject) : rangeHolds(ownRange, f.range.start)));
}
