import { closeSync, fsyncSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content atomically: writes a temporary file in the same folder, flushes it
 * to disk, then renames it over the original. A crash at any point leaves either the old or the
 * new content, never a half-written note. The original's permissions are kept.
 */
export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // New file: default permissions.
  }
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, text, 0, 'utf8');
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  removeStaleTemps(dir, basename(path));
  try {
    // Make the rename itself durable.
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems do not allow fsync on a folder; the rename is still atomic.
  }
}

/** A temp file older than this is from a writer that was killed (a live write takes milliseconds). */
const STALE_MS = 60_000;

/**
 * Deletes this file's own temp files (`.NAME.PID.MS.tmp`) left by a writer killed between
 * writing and renaming; fresh ones are kept, as they may belong to a write in progress.
 */
function removeStaleTemps(dir: string, name: string): void {
  const prefix = `.${name}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith(prefix) && /^\d+\.\d+\.tmp$/.test(entry.slice(prefix.length))) {
      try {
        const stale = join(dir, entry);
        if (Date.now() - statSync(stale).mtimeMs > STALE_MS) {
          unlinkSync(stale);
        }
      } catch {
        // Best effort (another writer may have tidied it first): the note itself is already written.
      }
    }
  }
}
