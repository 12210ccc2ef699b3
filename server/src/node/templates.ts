import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { packageRoot } from './packageRoot';

/** A note template: the clinic's (`.soapnote/templates/*.soap.yaml`) or one of soapnote's own. */
export interface TemplateFile {
  name: string;
  path: string;
  builtin: boolean;
}

function templatesIn(dir: string, builtin: boolean): TemplateFile[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((f) => /\.soap\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.soap\.ya?ml$/, ''), path: join(dir, f), builtin }));
}

/** The templates a workspace offers: its own first (they win by name), then the built-in ones. */
export function listTemplates(root: string, templatesFolder: string): TemplateFile[] {
  const own = templatesIn(isAbsolute(templatesFolder) ? templatesFolder : join(root, templatesFolder), false);
  const builtin = templatesIn(join(packageRoot(), 'server', 'templates'), true).filter((t) => !own.some((o) => o.name === t.name));
  return [...own, ...builtin];
}

/** Reads a template's text. */
export function readTemplate(template: TemplateFile): string {
  return readFileSync(template.path, 'utf8');
}
