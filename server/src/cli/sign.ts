import { resolve } from 'node:path';
import { RuleId } from '../core/ruleIds';
import { signNote } from '../core/sign';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { cliWorkspace, type CliIo } from './context';
import { readNoteText } from './readNote';
import { parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote sign --help`, and the options `sign` accepts. */
export const spec: CommandSpec = {
  name: 'sign',
  args: 'FILE',
  summary: 'Computes the hash and writes the signed block; refuses a note with errors or one already signed.',
  options: {
    by: { type: 'string', value: 'NAME', help: 'who signs the note (required), e.g. "J. Lee, RMT"', required: true },
    at: { type: 'string', value: 'ISO-TIME', help: 'the signing time (default: now), e.g. 2026-11-20T18:05:00Z' },
  },
};

/** `soapnote sign FILE --by NAME`: appends the `signed` block and writes the note atomically. Exit 1 when refused. */
export function runSign(args: string[], io: CliIo): number {
  const { values: raw, positionals } = parseCommand(spec, args);
  const values = { by: raw['by'] as string | undefined, at: raw['at'] as string | undefined };
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
    io.stderr(`soapnote: not signed: ${outcome.refused}\n`);
    return 1;
  }
  // Belt and braces: the signed text must check clean before it replaces the note.
  if (engine.check(outcome.text).some((f) => f.ruleId === RuleId.signatureMismatch || f.ruleId === RuleId.yamlSyntax)) {
    io.stderr('soapnote: not signed: the signed note would not verify (unusual document layout, e.g. a document end marker); nothing was written\n');
    return 2;
  }
  writeFileAtomic(path, outcome.text);
  io.stdout(`signed ${file} (sha256 ${outcome.sha256})\n`);
  return 0;
}
