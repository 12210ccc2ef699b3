import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';

/** The result of running the real `soapnote` bin. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/soapnote.js ...args` as a real process in `cwd` (default: the repo root). */
export function soapnote(args: string[], cwd = repoRoot(), input?: string): CliResult {
  const result = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'soapnote.js'), ...args], { cwd, encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder for a test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'soapnote-cli-'));
}

/** A clean note with one treatment entry: the starting point the CLI tests vary. */
export const CLEAN_NOTE = `soapnote: 1
client: C-0001
date: 2026-11-02
therapist: J. Lee, RMT
treatment:
  - {technique: effleurage, target: erector spinae, side: bilateral, pressure: light, minutes: 10}
`;

/** {@link CLEAN_NOTE} with an active DVT: one contraindication error. */
export const ERROR_NOTE = CLEAN_NOTE.replace('treatment:', 'health:\n  conditions:\n    - {condition: deep vein thrombosis, side: left}\ntreatment:');

/** {@link CLEAN_NOTE} with a misspelt technique: one warning, no error. */
export const WARNING_NOTE = CLEAN_NOTE.replace('technique: effleurage', 'technique: efleurage');

/** Makes `dir` a git repository with everything in it committed (a throwaway identity, no global config needed). */
export function gitCommitAll(dir: string): void {
  const git = (...args: string[]): void => {
    const r = spawnSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'notes');
}
