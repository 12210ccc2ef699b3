import { resolve } from 'node:path';
import { addendNote } from '../core/addend';
import { terminal } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { withNoteLock } from '../node/noteLock';
import { rejectsOwnCheck } from '../core/ownCheck';
import { cliWorkspace, type CliIo } from './context';
import { readNoteText } from './readNote';
import { isIsoDateTime } from './sign';
import { commandSynopsis, parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote addend --help`, and the options `addend` accepts. */
export const spec: CommandSpec = {
  name: 'addend',
  args: 'FILE',
  summary: 'Appends an addendum (a correction or addition) to a signed note. Its sha256 chains it to the signature and to the addenda before it, so editing or removing one is reported. Refuses an unsigned note and a note whose signature does not verify.',
  options: {
    by: { type: 'string', value: 'NAME', help: 'who writes the addendum, name and credential (required), e.g. "J. Lee, RMT"', required: true },
    text: { type: 'string', value: 'TEXT', help: 'the correction or addition (required)', required: true },
    at: { type: 'string', value: 'ISO-TIME', help: 'when, e.g. 2026-11-21T09:00:00Z (default: now)' },
  },
};

/**
 * `soapnote addend FILE --by NAME --text TEXT [--at ISO-TIME]`: appends a hashed addendum to a
 * signed note whose signature verifies, with the same lock and atomic writer as `sign`. Exit 1
 * when refused (unsigned, or the note does not verify), 2 when it could not be written.
 */
export function runAddend(args: string[], io: CliIo): number {
  const { values: raw, positionals } = parseCommand(spec, args);
  const values = { by: raw['by'] as string | undefined, text: raw['text'] as string | undefined, at: raw['at'] as string | undefined };
  const usage = commandSynopsis(spec);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('addend takes exactly one FILE', usage);
  }
  if (!values.by?.trim()) {
    throw new UsageError('addend needs --by NAME (who writes the addendum)', usage);
  }
  if (!values.text?.trim()) {
    throw new UsageError('addend needs --text TEXT (the correction or addition)', usage);
  }
  const at = values.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!isIsoDateTime(at)) {
    throw new UsageError(`--at must be an ISO 8601 date and time such as 2026-11-21T09:00:00Z, not '${at}'`, usage);
  }
  const path = resolve(io.cwd, file);
  const engine = cliWorkspace(io).engine;
  return withNoteLock(path, (lock) => {
    const text = readNoteText(path);
    const analysis = engine.analyze(text);
    const outcome = addendNote(text, analysis, { by: values.by ?? '', text: values.text ?? '', at }, nodeHost().sha256);
    if ('refused' in outcome) {
      io.stderr(terminal`soapnote: no addendum written: ${outcome.refused}\n`);
      return 1;
    }
    const rejected = rejectsOwnCheck(engine, outcome.text, nodeHost().sha256, analysis.findings);
    if (rejected) {
      io.stderr(`soapnote: no addendum written: the note would not pass its own check (${rejected}); nothing was written\n`);
      return 2;
    }
    writeFileAtomic(path, outcome.text, { beforeRename: lock.assertHeld });
    io.stdout(terminal`added an addendum to ${file} (sha256 ${outcome.sha256})\n`);
    return 0;
  });
}
