import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { resolveInWorkspace } from './insideWorkspace';

/** One fixture pair of a pack: the note and the expected findings beside it (`NAME.soap.yaml`, `NAME.expected.yaml`). */
export interface FixturePair {
  note: string;
  expected: string;
}

/** A pack's fixtures as found on disk, and the paths that could not be used (each one makes the run fail, exit 2). */
export interface PackFixtures {
  pairs: FixturePair[];
  problems: string[];
}

const NOTE = /\.soap\.ya?ml$/i;

/**
 * The fixture pairs a pack's `fixtures:` names (a folder, or folders and note files), relative to
 * the pack file. With a workspace `root`, every path must stay inside it, links resolved (as packs
 * and templates do); the built-in knowledge base passes none. A named path that is missing, outside,
 * or a note without its expected file is a problem, never skipped.
 */
export function packFixtures(packPath: string, fixtures: string | readonly string[], root: string | undefined): PackFixtures {
  const pairs: FixturePair[] = [];
  const problems: string[] = [];
  const base = dirname(packPath);
  for (const written of typeof fixtures === 'string' ? [fixtures] : fixtures) {
    const where = root === undefined ? { path: join(base, written), inside: true } : resolveInWorkspace(root, relative(root, join(base, written)) || '.');
    if (!where.inside) {
      problems.push(`fixtures '${written}' is outside the workspace; fixtures are read only from inside it`);
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(where.path).isDirectory();
    } catch {
      problems.push(`fixtures '${written}' does not exist`);
      continue;
    }
    const notes = isFolder ? readdirSync(where.path).filter((name) => NOTE.test(name)).sort().map((name) => join(where.path, name)) : [where.path];
    if (isFolder && notes.length === 0) {
      problems.push(`fixtures folder '${written}' holds no NAME.soap.yaml notes`);
    }
    for (const note of notes) {
      if (!NOTE.test(note)) {
        problems.push(`fixture '${written}' is not a note (NAME.soap.yaml)`);
        continue;
      }
      const expected = note.replace(NOTE, '.expected.yaml');
      if (root !== undefined && (!resolveInWorkspace(root, note).inside || !resolveInWorkspace(root, expected).inside)) {
        problems.push(`fixture '${relative(base, note)}' is a symbolic link to a file outside the workspace, so it was not read`);
        continue;
      }
      try {
        if (!statSync(expected).isFile()) {
          throw new Error('not a file');
        }
      } catch {
        problems.push(`fixture '${relative(base, note)}' has no expected findings beside it ('${relative(base, expected)}'; write [] for a clean note)`);
        continue;
      }
      pairs.push({ note, expected });
    }
  }
  return { pairs, problems };
}
