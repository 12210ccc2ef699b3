import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { terminal } from '../core/terminalText';
import { nextVisitNumber } from '../core/templates/nextVisit';
import { fillTemplate } from '../core/templates/placeholders';
import { writeFileAtomic } from '../node/atomicWrite';
import { localToday } from '../node/nodeHost';
import { collectNoteFiles, readNoteIfText } from '../node/noteFiles';
import { listTemplates, readTemplate } from '../node/templates';
import { cliWorkspace, type CliIo } from './context';
import type { Engine } from '../core/engine';
import { withCarriedComments } from '../core/record/newNoteComments';
import type { Carried } from '../core/record/types';
import { CheckRecords } from './checkRecord';
import { commandUsage, parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote new --help`, and the options `new` accepts. */
export const spec: CommandSpec = {
  name: 'new',
  args: '',
  summary: 'A new note from a template (built-in or the workspace\'s), never overwriting a file.',
  options: {
    template: { type: 'string', value: 'NAME', help: 'the template (default initial-assessment)', default: 'initial-assessment' },
    client: { type: 'string', value: 'ID', help: 'the pseudonymous client id (required), e.g. C-0142', required: true },
    date: { type: 'string', value: 'YYYY-MM-DD', help: "the session date (default: today, or the config's today)" },
    therapist: { type: 'string', value: 'NAME', help: 'the therapist (default: $SOAPNOTE_THERAPIST)' },
    visit: { type: 'string', value: 'N', help: "the visit number (default: one more than the client's earlier notes)" },
    out: { type: 'string', value: 'FILE', help: 'the new file (default CLIENT-DATE.soap.yaml)' },
    list: { type: 'boolean', help: 'list the templates and exit' },
  },
};

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a new note at `path` would carry from its client's earlier notes in the workspace. */
function carriedForNew(engine: Engine, cwd: string, path: string, text: string): Carried {
  const records = new CheckRecords(engine, cwd, []);
  records.want(new Map([[path, text]]));
  const record = records.recordFor(path);
  return record.lookup.carriedFor(engine.summarise(record.uri, text));
}

/** `soapnote new --template NAME --client ID`: a new note from a template, never overwriting a file. `--list` lists templates. */
export function runNew(args: string[], io: CliIo): number {
  const { values: raw, positionals } = parseCommand(spec, args);
  if (positionals.length > 0) {
    throw new UsageError(`new takes no FILE ('${positionals[0]}'): use --out FILE`, commandUsage(spec));
  }
  const str = (key: string): string | undefined => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const values = { template: str('template'), client: str('client'), date: str('date'), therapist: str('therapist'), visit: str('visit'), out: str('out'), list: raw['list'] === true };
  const workspace = cliWorkspace(io);
  const templates = listTemplates(workspace.root, workspace.config.templates);
  if (values.list) {
    io.stdout(templates.map((t) => terminal`${t.name}${t.builtin ? ' (built-in)' : ''}\t${t.path}`).join('\n') + '\n');
    return 0;
  }
  const template = templates.find((t) => t.name === values.template);
  if (!template) {
    throw new UsageError(`no template '${values.template}'; available: ${templates.map((t) => t.name).join(', ')}`);
  }
  if (!values.client || !CLIENT_ID.test(values.client)) {
    throw new UsageError('new needs --client ID: a pseudonymous id such as C-0142 (letters, digits, . _ -; no names)');
  }
  const date = values.date ?? workspace.config.today ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new UsageError(`--date must be YYYY-MM-DD, not '${date}'`);
  }
  if (values.visit !== undefined && !/^[1-9]\d*$/.test(values.visit)) {
    throw new UsageError('--visit must be a whole number from 1');
  }
  const client = values.client;
  // Without --visit: one more than the client's earlier notes in the workspace (as the editor's New Note does).
  const visit = values.visit ?? String(nextVisitNumber(collectNoteFiles([workspace.root], workspace.root).flatMap((file) => {
    const text = readNoteIfText(file, workspace.config.maxNoteBytes);
    const note = text !== undefined && text.includes(client) ? workspace.engine.analyze(text).note : undefined;
    return note && note.client?.value === client && (note.date?.value ?? '') <= date ? [note.visit?.value] : [];
  })));
  const filled = fillTemplate(readTemplate(template, workspace.config.maxNoteBytes), { client, date, therapist: values.therapist ?? process.env['SOAPNOTE_THERAPIST'] ?? '', visit });
  const out = resolve(io.cwd, values.out ?? `${values.client}-${date}.soap.yaml`);
  const text = workspace.config.carryForward === false ? filled : withCarriedComments(filled, carriedForNew(workspace.engine, io.cwd, out, filled));
  if (existsSync(out)) {
    throw new UsageError(`'${values.out ?? out}' already exists; soapnote never overwrites a note (choose --out)`);
  }
  // noOverwrite: a note created between the check above and the write is still never replaced.
  writeFileAtomic(out, text, { noOverwrite: true });
  io.stdout(terminal`created ${values.out ?? `${values.client}-${date}.soap.yaml`} from template '${template.name}'\n`);
  return 0;
}
