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
