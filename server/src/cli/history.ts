import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { historyHtml, historyText } from '../core/history/historyReport';
import { clientHistory } from '../core/history/progress';
import { terminal } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { localToday } from '../node/nodeHost';
import { collectNoteFiles, readNoteIfText } from '../node/noteFiles';
import { cliWorkspace, displayPath, type CliIo } from './context';
import { cliLocale, LOCALE_OPTION } from './localeOption';
import { parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote history --help`, and the options `history` accepts. */
export const spec: CommandSpec = {
  name: 'history',
  args: 'CLIENT [PATH...]',
  summary: "One client's visits in date order: pain before and after, change against the first visit, missed follow-ups.",
  options: {
    format: { type: 'string', value: 'text|html|json', help: 'plain text (default), HTML with a trend chart, or JSON', default: 'text' },
    out: { type: 'string', value: 'FILE', help: 'write to FILE instead of stdout' },
    locale: { ...LOCALE_OPTION, help: 'language of the HTML page\'s labels (fr-CA and other regional forms accepted)' },
  },
};

/** `soapnote history CLIENT [PATH]`: one client's visits in date order with pain trend, MCID flags and missed follow-ups. */
export function runHistory(args: string[], io: CliIo): number {
  const { values: raw, positionals } = parseCommand(spec, args);
  const values = { format: raw['format'] as string | undefined, out: raw['out'] as string | undefined };
  const [client, ...paths] = positionals;
  if (!client) {
    throw new UsageError('history needs a CLIENT id, e.g. soapnote history C-0142 notes/');
  }
  if (!['text', 'html', 'json'].includes(values.format ?? 'text')) {
    throw new UsageError(`unknown --format '${values.format}': use text, html or json`);
  }
  const locale = cliLocale(raw['locale']);
  const workspace = cliWorkspace(io);
  const notes = collectNoteFiles(paths.length > 0 ? paths : ['.'], io.cwd).flatMap((file) => {
    const text = readNoteIfText(file, workspace.config.maxNoteBytes);
    // Only a note that mentions the client id can be one of theirs: the others need no analysis.
    return text !== undefined && text.includes(client) ? [{ path: displayPath(io, file), analysis: workspace.engine.analyze(text) }] : [];
  });
  const history = clientHistory(client, notes, workspace.config.today ?? localToday(), workspace.engine.vocabulary);
  if (history.visits.length === 0) {
    io.stderr(terminal`soapnote history: no notes for client '${client}' found\n`);
    return 1;
  }
  const text =
    values.format === 'html' ? historyHtml(history, randomBytes(16).toString('base64'), locale) : values.format === 'json' ? JSON.stringify(history, null, 2) + '\n' : historyText(history);
  if (values.out) {
    writeFileAtomic(resolve(io.cwd, values.out), text);
  } else {
    io.stdout(text);
  }
  return 0;
}
