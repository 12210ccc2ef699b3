import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { globSync } from 'tinyglobby';

/** True for a note file name: `*.soap.yaml` or `*.soap.yml`. */
export function isNoteFile(name: string): boolean {
  return /\.soap\.ya?ml$/i.test(name);
}

/** Folders never searched for notes: dependencies, VCS data, build output, and soapnote's own templates (checked on their own). */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.soapnote']);

/** A path argument that could not be used, with the reason. */
export class PathError extends Error {
  override name = 'PathError';
}

/**
 * Expands CLI path arguments into note files: a file is taken as is, a folder is searched
 * recursively, anything else is tried as a glob. Sorted and de-duplicated, so output is stable.
 */
export function collectNoteFiles(args: string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && /[*?[\]{}]/.test(arg)) {
        const matches = globSync(arg, { cwd, absolute: true, dot: false, ignore: ['**/node_modules/**'] }).filter(isNoteFile);
        if (matches.length === 0) {
          throw new PathError(`no notes match '${arg}'`);
        }
        matches.forEach((m) => found.add(m));
        continue;
      }
      throw new PathError(`cannot read '${arg}': ${code === 'ENOENT' ? 'no such file or folder' : (code ?? String(error))}`);
    }
    if (stat.isDirectory()) {
      walk(path, found);
    } else {
      found.add(path);
    }
  }
  return [...found].sort();
}

function walk(dir: string, found: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new PathError(`cannot read folder '${dir}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) {
        walk(join(dir, entry.name), found);
      }
    } else if (entry.isFile() && isNoteFile(entry.name)) {
      found.add(join(dir, entry.name));
    }
  }
}

/** Decodes a file's bytes as note text, or says why it is not text (binary, not UTF-8). */
export function decodeNote(bytes: Buffer): { text: string } | { notText: string } {
  if (bytes.subarray(0, 8192).includes(0)) {
    return { notText: 'binary file (contains NUL bytes)' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // A byte-order mark is legal UTF-8 but not part of the YAML.
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { notText: 'not UTF-8 text' };
  }
}

/** A note file's text, or undefined when it cannot be read as text (gone since the folder walk, binary, not UTF-8). */
export function readNoteIfText(path: string): string | undefined {
  try {
    const decoded = decodeNote(readFileSync(path));
    return 'text' in decoded ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}
