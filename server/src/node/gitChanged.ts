import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { isNoteFile } from './noteFiles';

/**
 * Note files changed against a git ref (committed, staged, unstaged and untracked), as absolute
 * paths, for `soapnote check --changed REF` in large repositories. Runs `git`, never a shell.
 */
export function changedNoteFiles(cwd: string, ref: string): string[] {
  if (ref.startsWith('-')) {
    throw new Error(`not a git ref: ${ref}`);
  }
  const git = (args: string[]): string[] => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n').filter(Boolean);
  const top = git(['rev-parse', '--show-toplevel'])[0] ?? cwd;
  const names = [...git(['diff', '--name-only', '--diff-filter=ACMR', ref, '--']), ...git(['ls-files', '--others', '--exclude-standard'])];
  return [...new Set(names.filter(isNoteFile).map((n) => resolve(top, n)))];
}
