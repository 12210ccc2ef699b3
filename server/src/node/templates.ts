import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNoteBytes } from '../core/encoding';
import { DEFAULT_LIMITS } from '../core/parse';
import { resolveInWorkspace } from './insideWorkspace';
import { PathError } from './noteFiles';
import { packageRoot } from './packageRoot';
import { readBounded, UnreadableFileError } from './readFile';

/** A note template: the clinic's (`.soapnote/templates/*.soap.yaml`) or one of soapnote's own. */
export interface TemplateFile {
  name: string;
  path: string;
  builtin: boolean;
}

/** The clinic's templates, and the template paths refused because they lead outside the workspace. */
export interface WorkspaceTemplates {
  templates: TemplateFile[];
  /** The templates folder itself when it is outside the workspace, or templates that are links to files outside it. */
  outside: string[];
}

const TEMPLATE_NAME = /\.soap\.ya?ml$/;

function templatesIn(dir: string, builtin: boolean): TemplateFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => TEMPLATE_NAME.test(f))
    .sort()
    .map((f) => ({ name: f.replace(TEMPLATE_NAME, ''), path: join(dir, f), builtin }));
}

/** The workspace's own templates, read only from inside the workspace (links resolved): the folder and each template in it. */
export function workspaceTemplates(root: string, templatesFolder: string): WorkspaceTemplates {
  const folder = resolveInWorkspace(root, templatesFolder);
  if (!folder.inside) {
    return { templates: [], outside: [folder.path] };
  }
  const all = templatesIn(folder.path, false);
  const inside = all.filter((t) => resolveInWorkspace(root, t.path).inside);
  return { templates: inside, outside: all.filter((t) => !inside.includes(t)).map((t) => t.path) };
}

/** The templates a workspace offers: its own first (they win by name), then the built-in ones. */
export function listTemplates(root: string, templatesFolder: string): TemplateFile[] {
  const own = workspaceTemplates(root, templatesFolder).templates;
  const builtin = templatesIn(join(packageRoot(), 'server', 'templates'), true).filter((t) => !own.some((o) => o.name === t.name));
  return [...own, ...builtin];
}

/** Reads a template's text: a regular UTF-8 file within the note size limit, else a {@link PathError} saying why. */
export function readTemplate(template: TemplateFile, maxBytes: number = DEFAULT_LIMITS.maxNoteBytes): string {
  const fail = (why: string): never => {
    throw new PathError(`cannot read template '${template.path}': ${why}`);
  };
  let read;
  try {
    read = readBounded(template.path, maxBytes);
  } catch (error) {
    return fail(error instanceof UnreadableFileError ? error.reason : String(error));
  }
  if ('tooLarge' in read) {
    return fail(`it is over the ${Math.round(maxBytes / 1024)} KB limit (maxNoteBytes)`);
  }
  const decoded = decodeNoteBytes(read.bytes);
  return 'text' in decoded ? decoded.text : fail(`line ${decoded.finding.range.start.line + 1}, column ${decoded.finding.range.start.character + 1}: ${decoded.finding.message}`);
}
