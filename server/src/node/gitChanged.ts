import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { isNoteFile } from './noteFiles';

/**
 * Note files changed against a git ref (committed, staged, unstaged and untracked), as absolute
 * paths, for `soapnote check --changed REF` in large repositories. Runs `git`, never a shell.
 * Every git command runs at the repository's top folder, so all of them print paths relative to it
 * whatever folder the check was started from (`ls-files` would otherwise print them relative to, and
 * only under, the current folder), NUL-separated so no name is quoted or split.
 */
export function changedNoteFiles(cwd: string, ref: string): string[] {
  if (ref.startsWith('-')) {
    throw new Error(`not a git ref: ${ref}`);
  }
  const git = (args: string[], at: string): string[] => execFileSync('git', args, { cwd: at, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).split('\0');
  const top = git(['rev-parse', '--show-toplevel'], cwd)[0]?.trim() || cwd;
  const names = [
    ...git(['diff', '--name-only', '--no-relative', '-z', '--diff-filter=ACMR', ref, '--'], top),
    ...git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z'], top),
  ];
  return [...new Set(names.filter((n) => n !== '' && isNoteFile(n)).map((n) => resolve(top, n)))];
}
