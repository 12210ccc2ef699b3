import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RuleId } from '../core/ruleIds';
import { signNote } from '../core/sign';
import { terminal } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { cliWorkspace, type CliIo } from './context';
import { readNoteText } from './readNote';
import { UsageError } from './usage';

/** `soapnote sign FILE --by NAME`: appends the `signed` block and writes the note atomically. Exit 1 when refused. */
export function runSign(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string' }, at: { type: 'string' } } });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('sign takes exactly one FILE');
  }
  if (!values.by?.trim()) {
    throw new UsageError('sign needs --by NAME (who signs the note)');
  }
  const at = values.at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (Number.isNaN(Date.parse(at))) {
    throw new UsageError(`--at must be an ISO 8601 time, not '${at}'`);
  }
  const path = resolve(io.cwd, file);
  const text = readNoteText(path);
  const engine = cliWorkspace(io).engine;
  const outcome = signNote(text, engine.analyze(text), values.by, at, nodeHost().sha256);
  if ('refused' in outcome) {
    io.stderr(terminal`soapnote: not signed: ${outcome.refused}\n`);
    return 1;
  }
  // Belt and braces: the signed text must check clean before it replaces the note.
  if (engine.check(outcome.text).some((f) => f.ruleId === RuleId.signatureMismatch || f.ruleId === RuleId.yamlSyntax)) {
    io.stderr('soapnote: not signed: the signed note would not verify (unusual document layout, e.g. a document end marker); nothing was written\n');
    return 2;
  }
  writeFileAtomic(path, outcome.text);
  io.stdout(terminal`signed ${file} (sha256 ${outcome.sha256})\n`);
  return 0;
}
