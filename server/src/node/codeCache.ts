import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Why: compiling the 1.2 MB server bundle, and the functions the first diagnostics run, is a
 * large share of the language server's start-up. V8 can save that work as a code cache and take
 * it back on the next start (VS Code does the same for its own code). The cache is bytecode the
 * process will run, so it lives only in a folder the editor names for this user (VS Code's
 * global storage), never in a workspace, and is read only when that folder and file are the
 * user's own and nobody else may write them. A missing, stale, corrupt or refused cache costs a
 * normal compile, never a failed start.
 * Not readFile.ts / atomicWrite.ts: those follow symbolic links and keep a note's permissions (and
 * fsync, which a cache that can be remade does not need); a cache file must be the user's own,
 * private, and never reached through a link.
 */

/** What happened to the cache on this start (for tests and the log). */
export type CodeCacheState = 'off' | 'absent' | 'used' | 'rejected' | 'refused';

/** The outcome of `runWithCodeCache`. */
export interface CodeCacheRun {
  /** The bundle's `module.exports`. */
  exports: unknown;
  state: CodeCacheState;
  /** Writes the cache now if this start needs one (otherwise a no-op); returns whether a file was written. */
  flush(): boolean;
}

/** Options of `runWithCodeCache`. */
export interface CodeCacheOptions {
  /** The folder for cache files; undefined runs the bundle without a cache. */
  dir: string | undefined;
  /** Where a refused folder or a failed write is reported (the server's stderr). */
  log(message: string): void;
  /** Delay before a missing cache is written, in ms (the start-up work is compiled by then); undefined: only `flush()` and exit write it. */
  writeAfterMs?: number;
}

/** Cache files for other bundles or runtimes older than this are removed when a new one is written. */
const STALE_MS = 24 * 60 * 60 * 1000;
/** A cache file larger than this is not a cache of our bundle: not read. */
const MAX_BYTES = 64 * 1024 * 1024;
const CACHE_FILE = /^server-[0-9a-f]{32}\.v8cache$/;
const TEMP_FILE = /^\.server-[0-9a-f]{32}\.v8cache\.[0-9a-f]+\.tmp$/;

/**
 * The cache file's name for this bundle text on this runtime. V8 checks its own version and flags
 * but compares sources only by length, so the name carries a hash of the whole text.
 */
export function codeCacheName(source: string): string {
  const key = createHash('sha256').update(source).update(`\0${process.version}\0${process.versions.v8}\0${process.arch}\0${process.platform}`).digest('hex');
  return `server-${key.slice(0, 32)}.v8cache`;
}

/** True when `stat` is of a file or folder another user owns (no owners to compare on Windows). */
function ownedByAnother(stat: Stats): boolean {
  return process.platform !== 'win32' && typeof process.getuid === 'function' && stat.uid !== process.getuid();
}

/** Why `dir` may not hold a code cache, or undefined when it may (created private if missing). */
function refuseDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink() || !stat.isDirectory()) {
      return 'not a plain folder';
    }
    if (ownedByAnother(stat)) {
      return 'owned by another user';
    }
    if (process.platform !== 'win32' && (stat.mode & 0o022) !== 0) {
      return 'writable by other users';
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The cache file's bytes if it is a regular file of this user's, not a link; undefined if absent. Throws a reason to refuse it. */
function readCacheFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    // O_NOFOLLOW: a symbolic link planted in the folder is not followed (no such flag on Windows).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new Error(`cannot open the cache file: ${(error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_BYTES) {
      throw new Error('the cache file is not a regular file of a plausible size');
    }
    if (ownedByAnother(stat)) {
      throw new Error('the cache file is owned by another user');
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `file` atomically (a private temp file renamed over it) and removes stale caches beside it. */
function writeCacheFile(dir: string, file: string, data: Buffer): void {
  const name = basename(file);
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never write through a file (or link) that is already there; two servers starting at once each write their own temp file.
    writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was created
    }
    throw error;
  }
  // Ages by the file system's clock (the new file's time), not the process's: a clock that is off,
  // or a folder on another machine's disk, must not make a cache just written look old.
  const now = statSync(file).mtimeMs;
  for (const entry of readdirSync(dir)) {
    if (entry === name || !(CACHE_FILE.test(entry) || TEMP_FILE.test(entry))) {
      continue;
    }
    try {
      const path = join(dir, entry);
      // Another version of the extension (a second window) may still use its cache: only old ones go.
      if (now - statSync(path).mtimeMs > STALE_MS) {
        unlinkSync(path);
      }
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/**
 * Runs the CommonJS bundle at `file` as `require` would, compiled from the code cache in
 * `options.dir` when one for this exact text and runtime is there; when there is none (or V8
 * rejects it), writes one later (after `writeAfterMs`, or at exit, whichever comes first).
 */
export function runWithCodeCache(file: string, options: CodeCacheOptions): CodeCacheRun {
  const source = readFileSync(file, 'utf8');
  let state: CodeCacheState = 'off';
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  if (options.dir !== undefined) {
    const refused = refuseDir(options.dir);
    if (refused !== undefined) {
      options.log(`code cache off: ${options.dir}: ${refused}`);
      state = 'refused';
    } else {
      cacheFile = join(options.dir, codeCacheName(source));
      try {
        cachedData = readCacheFile(cacheFile);
        state = cachedData ? 'used' : 'absent';
      } catch (error) {
        options.log(`code cache off: ${cacheFile}: ${(error as Error).message}`);
        state = 'refused';
        cacheFile = undefined;
      }
    }
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (state === 'used' && script.cachedDataRejected === true) {
    state = 'rejected';
  }
  const module = new Module(file);
  module.filename = file;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;

  // Where this start's cache is still to be written: cleared once written (or tried).
  let pending = options.dir !== undefined && cacheFile !== undefined && (state === 'absent' || state === 'rejected') ? { dir: options.dir, file: cacheFile } : undefined;
  const flush = (): boolean => {
    if (!pending) {
      return false;
    }
    const { dir, file: target } = pending;
    pending = undefined;
    try {
      // Made now, not at compile time, so the cache holds the functions start-up has compiled since.
      writeCacheFile(dir, target, script.createCachedData());
      return true;
    } catch (error) {
      options.log(`code cache not written (the next start compiles again): ${(error as Error).message}`);
      return false;
    }
  };
  if (pending) {
    process.once('exit', flush);
    if (options.writeAfterMs !== undefined) {
      setTimeout(flush, options.writeAfterMs).unref();
    }
  }
  return { exports: module.exports, state, flush };
}

/** The code cache folder a server was told to use: `--code-cache-dir=PATH` (or `--code-cache-dir PATH`); undefined when not told. */
export function codeCacheDirArg(argv: readonly string[]): string | undefined {
  for (const [i, arg] of argv.entries()) {
    if (arg.startsWith('--code-cache-dir=')) {
      return arg.slice('--code-cache-dir='.length) || undefined;
    }
    if (arg === '--code-cache-dir') {
      return argv[i + 1];
    }
  }
  return undefined;
}
