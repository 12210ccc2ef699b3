import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';

/**
 * How long after a file's last change (its ctime) its signature is not trusted: a second write
 * within the same timestamp tick (2 s on FAT, 1 s on ext3 and HFS+) leaves size and times as they
 * were, so a file read this soon after a change may change again unseen (git's "racily clean").
 */
export const RACY_WINDOW_MS = 3000;

/** What `stat` says of a file that changes whenever its content can: `[device, inode, size, mtimeMs, ctimeMs]`. */
export type FileSignature = readonly [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number];

/**
 * The {@link FileSignature} of `stats`: device, inode, size, and modification and change times (in
 * ms, to a fraction of a microsecond: a double holds them exactly enough, and a bigint stat costs a
 * third more). The change time (ctime) cannot be set back by `touch`, `utimes`, `cp -p` or
 * `rsync -a`, so content rewritten with its mtime restored still shows. Numbers, not a string:
 * turning 40,000 times into text costs more than the stat calls (a double survives JSON exactly).
 */
export function fileSignature(stats: fs.Stats): FileSignature {
  return [stats.dev, stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs];
}

/** True when two signatures are the same file in the same state. */
export function sameSignature(a: FileSignature, b: FileSignature): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

/** True for a signature as the cache writes one (five finite numbers). */
export function isFileSignature(value: unknown): value is FileSignature {
  return Array.isArray(value) && value.length === 5 && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/**
 * The file system's clock now (ms), read from the times it gives a new file in `folder` (created
 * with O_EXCL under a random name, so no link is followed, then removed): the clock that stamps the
 * notes, which the process clock may not be (a clock moved by hand, faketime, a network share).
 * Undefined, with the reason, when no file can be made there.
 */
export function fileSystemNow(folder: string): { nowMs: number } | { reason: string } {
  const probe = join(folder, `.soapnote-clock-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    fs.mkdirSync(folder, { recursive: true });
    const fd = fs.openSync(probe, 'wx', 0o600);
    try {
      const stats = fs.fstatSync(fd);
      return { nowMs: Math.min(stats.mtimeMs, stats.ctimeMs) };
    } finally {
      fs.closeSync(fd);
      fs.unlinkSync(probe);
    }
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/** The signature of `path` (links followed) and whether it is settled (last changed over {@link RACY_WINDOW_MS} before `nowMs`), or undefined when it cannot be stat'ed or is not a regular file. */
export function statSignature(path: string, nowMs: number): { signature: FileSignature; settled: boolean } | undefined {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats?.isFile()) {
    return undefined;
  }
  const signature = fileSignature(stats);
  return { signature, settled: isSettled(signature, nowMs) };
}

/** True when a file of this signature last changed over {@link RACY_WINDOW_MS} before `nowMs`; a change time in the future (a clock set back) never is. */
export function isSettled(signature: FileSignature, nowMs: number): boolean {
  return nowMs - Math.max(signature[4], signature[3]) > RACY_WINDOW_MS;
}
