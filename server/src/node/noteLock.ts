import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { reasonOf, WriteError } from './atomicWrite';

/** A lock older than this is stale whoever holds it: signing takes well under a second. */
export const LOCK_STALE_MS = 5 * 60_000;

/** A lock file that could not be read yet (its creator is between creating and filling it) is stale after this. */
const UNREADABLE_STALE_MS = 10_000;

/** What a lock file holds: who took it, where and when, and a token only the holder knows. */
interface LockRecord {
  pid: number;
  host: string;
  at: number;
  token: string;
}

/** A held lock on one note. */
export interface NoteLock {
  /** The lock file (`.NAME.lock` next to the real note). */
  path: string;
  /** Throws a {@link WriteError} when another process has taken the lock over since (so the write must not go ahead). */
  assertHeld(): void;
}

/**
 * Runs `run` while holding the note's lock, a file `.NAME.lock` created with O_EXCL next to the
 * real note (symbolic links resolved). Two `sign` or `addend` runs on one note never interleave
 * their read-change-write: the second is refused with "being signed" (exit 2). A lock left by a
 * killed process is taken over when its pid is gone (same host) or it is older than
 * {@link LOCK_STALE_MS}.
 */
export function withNoteLock<T>(notePath: string, run: (lock: NoteLock) => T): T {
  let real: string;
  try {
    real = fs.realpathSync(notePath);
  } catch (error) {
    throw new WriteError(`cannot read '${notePath}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : reasonOf(error)}`);
  }
  const lockPath = join(dirname(real), `.${basename(real)}.lock`);
  const record: LockRecord = { pid: process.pid, host: hostname(), at: Date.now(), token: randomBytes(12).toString('hex') };
  acquire(lockPath, record, notePath);
  const lock: NoteLock = {
    path: lockPath,
    assertHeld: () => {
      if (readLock(lockPath)?.token !== record.token) {
        throw new WriteError(`'${notePath}' is being signed by another soapnote process, which took over this run's lock; nothing was written`);
      }
    },
  };
  try {
    return run(lock);
  } finally {
    if (readLock(lockPath)?.token === record.token) {
      try {
        fs.unlinkSync(lockPath);
      } catch {
        // Already gone: nothing to release.
      }
    }
  }
}

/** Creates the lock file, taking over a stale one once; throws "being signed" when it is held. */
function acquire(lockPath: string, record: LockRecord, notePath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockPath, record)) {
      return;
    }
    const held = lockState(lockPath);
    if (held.kind === 'gone') {
      continue;
    }
    if (held.kind === 'live') {
      const who = held.record ? ` (pid ${held.record.pid}${held.record.host !== record.host ? ` on ${held.record.host}` : ''}, since ${new Date(held.record.at).toISOString()})` : '';
      throw new WriteError(`'${notePath}' is being signed by another soapnote process${who}; nothing was written. Try again when it has finished (a lock left by a crash is cleared after ${LOCK_STALE_MS / 60_000} minutes, or delete ${basename(lockPath)}).`);
    }
    takeOver(lockPath, held.raw);
  }
  throw new WriteError(`'${notePath}' is being signed by another soapnote process (its lock keeps changing); nothing was written`);
}

/** Creates the lock file exclusively; false when it exists. */
function tryCreate(lockPath: string, record: LockRecord): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw new WriteError(`cannot lock '${lockPath}': ${reasonOf(error)}; nothing was written`);
  }
  try {
    fs.writeFileSync(fd, JSON.stringify(record) + '\n');
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(lockPath, { force: true });
    throw new WriteError(`cannot lock '${lockPath}': ${reasonOf(error)}; nothing was written`);
  }
  fs.closeSync(fd);
  return true;
}

type LockState = { kind: 'gone' } | { kind: 'live'; record?: LockRecord } | { kind: 'stale'; raw: string };

/** Whether an existing lock is still held by a live run. */
function lockState(lockPath: string): LockState {
  let raw: string;
  let age: number;
  try {
    raw = fs.readFileSync(lockPath, 'utf8');
    age = Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return { kind: 'gone' };
  }
  const record = parseLock(raw);
  if (!record) {
    return age > UNREADABLE_STALE_MS ? { kind: 'stale', raw } : { kind: 'live' };
  }
  // A readable lock is aged by the time its writer recorded, on the same kind of clock as ours: a
  // file time comes from the file system's clock, which can differ from this process's (a network
  // share, a skewed or shifted clock) and would make a live lock look stale.
  if (Number.isFinite(record.at)) {
    age = Date.now() - record.at;
  }
  if (age > LOCK_STALE_MS || (record.host === hostname() && !processAlive(record.pid))) {
    return { kind: 'stale', raw };
  }
  return { kind: 'live', record };
}

/**
 * Removes a stale lock so it can be created again. The lock is first renamed to a private name
 * and its content compared: when two runs find the same stale lock, the slower one would
 * otherwise delete the fresh lock the faster one has just created.
 */
function takeOver(lockPath: string, staleContent: string): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // Someone else moved it first: try to create it again.
  }
  let content = '';
  try {
    content = fs.readFileSync(aside, 'utf8');
  } catch {
    // Unreadable: treated as not the stale lock, put back below.
  }
  if (content !== staleContent) {
    // It was a fresh lock of another run: put it back (never over a newer one) and let the retry see it.
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      // A newer lock is there: its holder checks its own token before writing.
    }
  }
  fs.rmSync(aside, { force: true });
}

function readLock(lockPath: string): LockRecord | undefined {
  try {
    return parseLock(fs.readFileSync(lockPath, 'utf8'));
  } catch {
    return undefined;
  }
}

function parseLock(raw: string): LockRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockRecord>;
    return Number.isInteger(value.pid) && (value.pid ?? 0) > 0 && typeof value.host === 'string' && typeof value.at === 'number' && typeof value.token === 'string' ? (value as LockRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** True while a process with this pid exists (EPERM: it exists but belongs to another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
