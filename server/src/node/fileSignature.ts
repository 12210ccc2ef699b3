import * as fs from 'node:fs';

/**
 * How long after a file's last change (its ctime) its signature is not trusted: a second write
 * within the same timestamp tick (2 s on FAT, 1 s on ext3 and HFS+) leaves size and times as they
 * were, so a file read this soon after a change may change again unseen (git's "racily clean").
 */
export const RACY_WINDOW_MS = 3000;

/**
 * What `stat` says of a file that changes whenever its content can: device, inode, size, and
 * modification and change times (in ms, to a fraction of a microsecond: a double holds them exactly
 * enough, and a bigint stat costs a third more). The change time (ctime) cannot be set back by
 * `touch`, `utimes`, `cp -p` or `rsync -a`, so content rewritten with its mtime restored still shows.
 */
export function fileSignature(stats: fs.Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** The signature of `path` (links followed) and whether it is settled (last changed over {@link RACY_WINDOW_MS} before `nowMs`), or undefined when it cannot be stat'ed or is not a regular file. */
export function statSignature(path: string, nowMs: number): { signature: string; settled: boolean } | undefined {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats?.isFile()) {
    return undefined;
  }
  // A change time in the future (a clock set back) is never settled.
  const settled = nowMs - Math.max(stats.ctimeMs, stats.mtimeMs) > RACY_WINDOW_MS;
  return { signature: fileSignature(stats), settled };
}
