import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { nextVisitNumber } from '../core/templates/nextVisit';
import { fillTemplate } from '../core/templates/placeholders';
import { writeFileAtomic } from '../node/atomicWrite';
import { localToday } from '../node/nodeHost';
import { collectNoteFiles, readNoteIfText } from '../node/noteFiles';
import { listTemplates, readTemplate } from '../node/templates';
import { cliWorkspace, type CliIo } from './context';
import { UsageError } from './usage';

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `soapnote new --template NAME --client ID`: a new note from a template, never overwriting a file. `--list` lists templates. */
export function runNew(args: string[], io: CliIo): number {
  const { values } = parseArgs({
    args,
    options: {
      template: { type: 'string', short: 't', default: 'initial-assessment' },
      client: { type: 'string', short: 'c' },
      date: { type: 'string' },
      therapist: { type: 'string' },
      visit: { type: 'string' },
      out: { type: 'string', short: 'o' },
      list: { type: 'boolean' },
    },
  });
  const workspace = cliWorkspace(io);
  const templates = listTemplates(workspace.root, workspace.config.templates);
  if (values.list) {
    io.stdout(templates.map((t) => `${t.name}${t.builtin ? ' (built-in)' : ''}\t${t.path}`).join('\n') + '\n');
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
    const text = readNoteIfText(file);
    const note = text !== undefined && text.includes(client) ? workspace.engine.analyze(text).note : undefined;
    return note && note.client?.value === client && (note.date?.value ?? '') <= date ? [note.visit?.value] : [];
  })));
  const text = fillTemplate(readTemplate(template), { client, date, therapist: values.therapist ?? process.env['SOAPNOTE_THERAPIST'] ?? '', visit });
  const out = resolve(io.cwd, values.out ?? `${values.client}-${date}.soap.yaml`);
  if (existsSync(out)) {
    throw new UsageError(`'${values.out ?? out}' already exists; soapnote never overwrites a note (choose --out)`);
  }
  writeFileAtomic(out, text);
  io.stdout(`created ${values.out ?? `${values.client}-${date}.soap.yaml`} from template '${template.name}'\n`);
  return 0;
}
