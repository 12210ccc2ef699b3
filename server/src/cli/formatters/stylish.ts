import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeTerminal as t } from '../../core/terminalText';
import type { Formatter } from '../report';
import { linePieces } from './pieces';

/** A related note's uri as a path relative to the working directory when inside it. */
function shownPath(uri: string): string {
  if (!uri.startsWith('file:')) {
    return uri;
  }
  const path = fileURLToPath(uri);
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const useColour = (): boolean => Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];

/**
 * Human output: the workspace's weakenings first, then one block per file,
 * `line:col  severity  message  rule-id`, then a summary line. Every file name and message is
 * escaped for the terminal (a note value can hold an escape sequence).
 */
export const stylish: Formatter = (reports, summary, _version, run) => {
  const colour = useColour();
  const paint = (code: number, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const weakened = run.weakenings.length;
  if (weakened > 0) {
    lines.push(paint(33, `⚠ Checks weakened by this workspace (${weakened} change${weakened === 1 ? '' : 's'}):`));
    for (const w of run.weakenings) {
      lines.push(`  ${t(w.file)}:${w.line}  ${t(w.detail)}  ${paint(2, t(w.kind))}`);
    }
    lines.push('');
  }
  for (const report of reports) {
    if (report.findings.length === 0) {
      continue;
    }
    const path = t(report.path);
    lines.push(paint(4, path));
    for (const f of report.findings) {
      const where = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const severity = f.severity === 'error' ? paint(31, 'error  ') : f.severity === 'warning' ? paint(33, 'warning') : paint(36, 'info   ');
      lines.push(`  ${path}:${where}  ${severity}  ${t(f.message)}  ${paint(2, t(f.ruleId))}`);
      // A place in another note (a condition carried from an earlier visit) is shown, so it can be opened.
      for (const r of f.related ?? []) {
        if (r.uri) {
          lines.push(`      ${paint(2, '↳')} ${t(shownPath(r.uri))}:${r.range.start.line + 1}:${r.range.start.character + 1}  ${t(r.message)}`);
        }
      }
    }
    lines.push('');
  }
  for (const skipped of summary.skipped) {
    lines.push(`skipped ${t(skipped)}`);
  }
  const total = summary.errors + summary.warnings + summary.infos;
  const noun = summary.files === 1 ? 'note' : 'notes';
  const caveat = weakened > 0 ? ` (with ${weakened} weakened check${weakened === 1 ? '' : 's'}, listed above)` : '';
  if (total === 0) {
    lines.push(weakened > 0 ? paint(33, `⚠ ${summary.files} ${noun} checked, no problems${caveat}`) : paint(32, `✔ ${summary.files} ${noun} checked, no problems`));
  } else {
    const text = `${total} problem${total === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.infos} info) in ${summary.files} ${noun}${caveat}`;
    lines.push(summary.errors > 0 ? paint(31, `✖ ${text}`) : paint(33, `⚠ ${text}`));
  }
  return linePieces(lines);
};
