import type { Finding } from './types';

/** Findings counted by severity (hints count as infos), for summary lines and the status bar. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts findings by severity; `into` lets a caller add several files' findings to one total. */
export function countBySeverity(findings: readonly Finding[], into: SeverityCounts = { errors: 0, warnings: 0, infos: 0 }): SeverityCounts {
  for (const finding of findings) {
    if (finding.severity === 'error') {
      into.errors++;
    } else if (finding.severity === 'warning') {
      into.warnings++;
    } else {
      into.infos++;
    }
  }
  return into;
}
