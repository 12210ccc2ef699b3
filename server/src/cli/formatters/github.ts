import { escapeTerminal } from '../../core/terminalText';
import type { Formatter } from '../report';
import { linePieces } from './pieces';

/**
 * Escapes a workflow-command message: control characters (an escape sequence, a line break that
 * would start a `::add-mask::` command of its own) become visible escapes, then GitHub's rules
 * for `%`, CR and LF apply.
 */
function escapeData(text: string): string {
  return escapeTerminal(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value (also ':' and ','). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions annotations: a `::notice` per weakening of the checks (on the file that made it),
 * then `::error file=...,line=...,col=...,title=rule::message`, one line per finding.
 */
export const github: Formatter = (reports, summary, _version, run) => {
  const lines: string[] = [];
  for (const w of run.weakenings) {
    lines.push(`::notice file=${escapeProperty(w.file)},line=${w.line},title=${escapeProperty(`soapnote config.weakened (${w.kind})`)}::${escapeData(`Checks weakened: ${w.detail}`)}`);
  }
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
  const weakened = run.weakenings.length > 0 ? `, ${run.weakenings.length} weakened check(s)` : '';
  lines.push(`soapnote: ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info in ${summary.files} note(s)${weakened}`);
  return linePieces(lines);
};
