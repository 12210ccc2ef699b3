import type { Formatter } from '../report';

/** Escapes a workflow-command message (GitHub's rules: %, CR, LF). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value (also ':' and ','). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error file=...,line=...,col=...,title=rule::message`, one line per finding. */
export const github: Formatter = (reports, summary) => {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(report.path)}`,
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(`soapnote ${f.ruleId}`)}`,
      ].join(',');
      lines.push(`::${command} ${props}::${escapeData(f.message)}`);
    }
  }
  lines.push(`soapnote: ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info in ${summary.files} note(s)`);
  return lines.join('\n') + '\n';
};
