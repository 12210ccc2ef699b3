import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { addendNote } from '../core/addend';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { withNoteLock } from '../node/noteLock';
import { cliWorkspace, type CliIo } from './context';
import { rejectsOwnCheck } from '../core/ownCheck';
import { readNoteText } from './readNote';
import { isIsoDateTime } from './sign';
import { UsageError } from './usage';

/** The usage line of `soapnote addend`, with exactly its options. */
export const ADDEND_USAGE = 'soapnote addend FILE --by NAME --text TEXT [--at ISO-TIME]';

/** `soapnote addend --help`. */
export const ADDEND_HELP = `Usage: ${ADDEND_USAGE}

Appends an addendum (a correction or addition) to a signed note. Its sha256 chains it to the
signature and to the addenda before it, so editing or removing one is reported. Refuses an
unsigned note and a note whose signature does not verify.

Options:
  --by NAME       who writes the addendum, name and credential (e.g. "J. Lee, RMT")
  --text TEXT     the correction or addition
  --at ISO-TIME   when, e.g. 2026-11-21T09:00:00Z (default: now)
`;

/**
 * `soapnote addend FILE --by NAME --text TEXT [--at ISO-TIME]`: appends a hashed addendum to a
 * signed note whose signature verifies, with the same lock and atomic writer as `sign`. Exit 1
 * when refused (unsigned, or the note does not verify), 2 when it could not be written.
 */
export function runAddend(args: string[], io: CliIo): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(ADDEND_HELP);
    return 0;
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string' }, text: { type: 'string' }, at: { type: 'string' } } });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError(`addend takes exactly one FILE\nusage: ${ADDEND_USAGE}`);
  }
  if (!values.by?.trim()) {
    throw new UsageError(`addend needs --by NAME (who writes the addendum)\nusage: ${ADDEND_USAGE}`);
  }
  if (!values.text?.trim()) {
    throw new UsageError(`addend needs --text TEXT (the correction or addition)\nusage: ${ADDEND_USAGE}`);
  }
  const at = values.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!isIsoDateTime(at)) {
    throw new UsageError(`--at must be an ISO 8601 date and time such as 2026-11-21T09:00:00Z, not '${at}'`);
  }
  const path = resolve(io.cwd, file);
  const engine = cliWorkspace(io).engine;
  return withNoteLock(path, (lock) => {
    const text = readNoteText(path);
    const analysis = engine.analyze(text);
    const outcome = addendNote(text, analysis, { by: values.by ?? '', text: values.text ?? '', at }, nodeHost().sha256);
    if ('refused' in outcome) {
      io.stderr(`soapnote: no addendum written: ${outcome.refused}\n`);
      return 1;
    }
    const rejected = rejectsOwnCheck(engine, outcome.text, nodeHost().sha256, analysis.findings);
    if (rejected) {
      io.stderr(`soapnote: no addendum written: the note would not pass its own check (${rejected}); nothing was written\n`);
      return 2;
    }
    writeFileAtomic(path, outcome.text, { beforeRename: lock.assertHeld });
    io.stdout(`added an addendum to ${file} (sha256 ${outcome.sha256})\n`);
    return 0;
  });
}
