import { countBySeverity } from '../core/severityCounts';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FindingCounts } from '../protocol';
import type { Finding, Severity } from '../core/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts an engine finding into an LSP diagnostic; the quick-fix data rides along in `data`. */
export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    // An educator's comment is not a check: editors show it under its own source.
    source: finding.ruleId.startsWith('review.') ? 'review' : 'soapnote',
    message: finding.message,
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  }
  if (finding.fix) {
    diagnostic.data = finding.fix;
  }
  return diagnostic;
}

/** Counts findings by severity for the status bar (hints count as infos). */
export function countFindings(uri: string, findings: readonly Finding[]): FindingCounts {
  // Review comments are not problems with the note: the status bar counts the checker's findings only.
  return { uri, ...countBySeverity(findings.filter((f) => !f.ruleId.startsWith('review.'))) };
}
