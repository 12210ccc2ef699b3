import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file functions the writer uses: the real ones by default; tests pass their own to inject short writes and errors. */
export interface WriterFs {
  /** `open(2)`; flags as Node spells them (`wx`). */
  open(path: string, flags: string, mode: number): number;
  /** Writes up to `length` bytes and returns how many were written (possibly fewer). */
  write(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsync(fd: number): void;
  fchmod(fd: number, mode: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  /** A hard link; fails with EEXIST when `to` exists (used when a file must not be overwritten). */
  link(from: string, to: string): void;
  unlink(path: string): void;
  /** The file's mode (type and permission bits), or undefined when there is no such file. */
  mode(path: string): number | undefined;
  /** The path with symbolic links resolved, or the path itself when it does not exist yet. */
  realpath(path: string): string;
}

/** The real file system. */
export const nodeWriterFs: WriterFs = {
  open: (path, flags, mode) => fs.openSync(path, flags, mode),
  write: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsync: (fd) => fs.fsyncSync(fd),
  fchmod: (fd, mode) => fs.fchmodSync(fd, mode),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  link: (from, to) => fs.linkSync(from, to),
  unlink: (path) => fs.unlinkSync(path),
  mode: (path) => {
    try {
      return fs.statSync(path).mode;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  },
  realpath: (path) => {
    try {
      return fs.realpathSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return path;
      }
      throw error;
    }
  },
};

/** A write that could not complete, with a plain reason ("disk full"); the file was left as it was. Exit code 2. */
export class WriteError extends Error {
  override name = 'WriteError';
}

/** Options of {@link writeFileAtomic}. */
export interface WriteOptions {
  fs?: WriterFs;
  /** Refuse to replace an existing file (`new` never overwrites a note), checked atomically. */
  noOverwrite?: boolean;
  /** Called just before the new content replaces the old one; throwing aborts the write (a lost lock). */
  beforeRename?: () => void;
}

/**
 * Replaces a file's content atomically: writes every byte to a temporary file in the same folder
 * (looping on short writes), flushes it to disk, renames it over the original and flushes the
 * folder. On any failure the temporary file is removed, the original is left exactly as it was,
 * and a {@link WriteError} says why in plain words. A symbolic link is written through (its target
 * gets the new content, the link stays); a file without write permission is refused (checked by
 * its mode bits, so it holds for root too). The original's permissions are kept.
 */
export function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): void {
  const fsx = options.fs ?? nodeWriterFs;
  let target: string;
  let mode: number | undefined;
  try {
    target = fsx.realpath(path);
    mode = fsx.mode(target);
  } catch (error) {
    throw new WriteError(`cannot write '${path}': ${reasonOf(error)}; nothing was written`);
  }
  const untouched = mode === undefined ? 'nothing was written' : 'the file was left exactly as it was';
  if (mode !== undefined) {
    if ((mode & fs.constants.S_IFMT) !== fs.constants.S_IFREG) {
      throw new WriteError(`cannot write '${path}': it is not a regular file; nothing was written`);
    }
    if ((mode & 0o222) === 0) {
      throw new WriteError(`cannot write '${path}': read-only file (no write permission); ${untouched}`);
    }
    if (options.noOverwrite) {
      throw new WriteError(`cannot write '${path}': it already exists; ${untouched}`);
    }
  }
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const bytes = Buffer.from(text, 'utf8');
  const permissions = mode === undefined ? 0o644 : mode & 0o7777;
  let fd: number | undefined;
  let tempExists = false;
  try {
    fd = fsx.open(temp, 'wx', permissions);
    tempExists = true;
    writeAll(fsx, fd, bytes);
    if (mode !== undefined) {
      // open() applies the umask; the note keeps exactly the permissions it had.
      fsx.fchmod(fd, permissions);
    }
    fsx.fsync(fd);
    const closing = fd;
    fd = undefined;
    fsx.close(closing);
    options.beforeRename?.();
    if (options.noOverwrite) {
      fsx.link(temp, target);
      fsx.unlink(temp);
    } else {
      fsx.rename(temp, target);
    }
    tempExists = false;
  } catch (error) {
    if (fd !== undefined) {
      try {
        fsx.close(fd);
      } catch {
        // Already failing: the temp file is removed below either way.
      }
    }
    if (tempExists) {
      try {
        fsx.unlink(temp);
      } catch {
        // Best effort: a leftover temp file is tidied by the next write (removeStaleTemps).
      }
    }
    if (error instanceof WriteError) {
      throw error;
    }
    throw new WriteError(`cannot write '${path}': ${reasonOf(error)}; ${untouched}`);
  }
  syncFolder(dir);
  removeStaleTemps(dir, basename(target));
}

/** Writes the whole buffer: `write(2)` may write fewer bytes than asked (a nearly full disk does exactly that). */
function writeAll(fsx: WriterFs, fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = fsx.write(fd, bytes, offset, bytes.length - offset);
    if (!Number.isInteger(written) || written <= 0) {
      // A regular file that takes no bytes and gives no error is out of space: never loop forever.
      throw Object.assign(new Error('no progress writing'), { code: 'ENOSPC' });
    }
    offset += written;
  }
}

/** Makes the rename itself durable. */
function syncFolder(dir: string): void {
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Some file systems do not allow fsync on a folder. The rename is done and atomic by then:
    // failing now would report an error for a file that was in fact replaced.
  }
}

/** A failure in words a therapist understands ("disk full"), never a raw stack. */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'no such folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EEXIST':
      return 'it already exists';
    case 'EIO':
      return 'input/output error (the disk may be failing)';
    case 'EFBIG':
      return 'file too large for this disk';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
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
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const written = /^\d+\.(\d+)\.tmp$/.exec(entry.slice(prefix.length));
    if (entry.startsWith(prefix) && written) {
      try {
        // Aged by the time in its name (its writer's clock, like ours), not by the file system's
        // clock, which can differ from this process's and would make a write in progress look stale.
        if (Date.now() - Number(written[1]) > STALE_MS) {
          fs.unlinkSync(join(dir, entry));
        }
      } catch {
        // Best effort (another writer may have tidied it first): the note itself is already written.
      }
    }
  }
}
