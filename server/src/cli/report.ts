import { countBySeverity } from '../core/severityCounts';
import type { Finding } from '../core/types';
import type { Weakening } from '../core/weakenings';

/** The findings of one checked file, with its path as shown to the user (relative to the working directory). */
export interface FileReport {
  path: string;
  /** Absolute path, for SARIF URIs. */
  absolutePath: string;
  findings: Finding[];
}

/** Totals over a run, for summary lines and exit codes. */
export interface RunSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  skipped: string[];
}

/** Counts findings by severity across reports. */
export function summarise(reports: FileReport[], skipped: string[]): RunSummary {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const report of reports) {
    countBySeverity(report.findings, counts);
  }
  return { files: reports.length, ...counts, skipped };
}

/** A weakening as a CLI run shows it: `file` relative to the working directory, `absolutePath` for SARIF URIs. */
export interface ShownWeakening extends Weakening {
  absolutePath: string;
}

/** What a run says besides its findings: how the workspace weakens the checks (announced by every format). */
export interface RunInfo {
  weakenings: ShownWeakening[];
  /** SARIF `automationDetails.id` (one per `--shard`, so code scanning keeps each shard's results). */
  automationId?: string;
}

/** A formatter turns a run's reports into the text printed on stdout, in pieces (a large run's text is more than one string can hold; see `pieces.ts`). */
export type Formatter = (reports: FileReport[], summary: RunSummary, toolVersion: string, run: RunInfo) => Iterable<string>;
