import { resolve } from 'node:path';
import { rejectsOwnCheck } from '../core/ownCheck';
import { signNote } from '../core/sign';
import { terminal } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { withNoteLock } from '../node/noteLock';
import { cliWorkspace, type CliIo } from './context';
import { readNoteText } from './readNote';
import { commandSynopsis, parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote sign --help`, and the options `sign` accepts. */
export const spec: CommandSpec = {
  name: 'sign',
  args: 'FILE',
  summary: "Signs a note: appends a 'signed' block whose sha256 covers the note's content, the signer and the time. Refuses a note with errors, a note already signed, a read-only note, and a note being signed by another process at the same moment; the note is written completely or left exactly as it was.",
  options: {
    by: { type: 'string', value: 'NAME', help: 'who signs, name and credential (required), e.g. "J. Lee, RMT"', required: true },
    at: { type: 'string', value: 'ISO-TIME', help: 'when, e.g. 2026-11-20T18:05:00Z (default: now)' },
  },
};

/**
 * `soapnote sign FILE --by NAME [--at ISO-TIME]`: appends the `signed` block and writes the note
 * atomically, under the note's lock. Exit 1 when refused (errors, already signed), 2 when it
 * could not be written (read-only, disk full, being signed by another process, a result its own
 * checker would reject).
 */
export function runSign(args: string[], io: CliIo): number {
  const { values: raw, positionals } = parseCommand(spec, args);
  const values = { by: raw['by'] as string | undefined, at: raw['at'] as string | undefined };
  const usage = commandSynopsis(spec);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('sign takes exactly one FILE', usage);
  }
  if (!values.by?.trim()) {
    throw new UsageError('sign needs --by NAME (who signs the note)', usage);
  }
  const at = values.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!isIsoDateTime(at)) {
    throw new UsageError(`--at must be an ISO 8601 date and time such as 2026-11-20T18:05:00Z, not '${at}'`, usage);
  }
  const path = resolve(io.cwd, file);
  const workspace = cliWorkspace(io);
  const engine = workspace.engine;
  // The lock is taken before the note is read: a second signer must not sign what it read before the first one wrote.
  return withNoteLock(path, (lock) => {
    const text = readNoteText(path, workspace.config.maxNoteBytes);
    const outcome = signNote(text, engine.analyze(text), values.by ?? '', at, nodeHost().sha256);
    if ('refused' in outcome) {
      io.stderr(terminal`soapnote: not signed: ${outcome.refused}\n`);
      return 1;
    }
    const rejected = rejectsOwnCheck(engine, outcome.text, nodeHost().sha256);
    if (rejected) {
      io.stderr(terminal`soapnote: not signed: the signed note would not pass its own check (${rejected}); nothing was written\n`);
      return 2;
    }
    writeFileAtomic(path, outcome.text, { beforeRename: lock.assertHeld });
    io.stdout(terminal`signed ${file} (sha256 ${outcome.sha256})\n`);
    return 0;
  });
}

/** An ISO 8601 date and time with a time zone, as the note schema's `date-time` takes it (`2026-11-20T18:05:00Z`). */
export function isIsoDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}
