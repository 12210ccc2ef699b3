import * as fs from 'node:fs';
import type { Stats } from 'node:fs';

/** A file that cannot be read as a regular file; `reason` is plain words ("a FIFO (named pipe), not a file"), never a stack. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** What a bounded read got: the bytes, or only the fact that the file is over the limit (its size when known). */
export type BoundedRead = { bytes: Buffer } | { tooLarge: true; size: number | undefined };

/** The file-system calls the reader makes; tests inject failing ones. */
export type ReaderFs = Pick<typeof fs, 'statSync' | 'lstatSync' | 'openSync' | 'fstatSync' | 'readSync' | 'closeSync'>;

/** Reads are done in pieces of this size, so a file never costs more memory than the limit allows. */
const CHUNK = 64 * 1024;

/**
 * Reads a regular file (symbolic links followed), at most `maxBytes + 1` bytes: a FIFO, device,
 * socket or folder is refused after `stat`, before it is opened (opening a FIFO blocks, a device may
 * never end), and a file over the limit is reported without being read in full.
 * Throws {@link UnreadableFileError} for everything that is not a readable regular file.
 */
export function readBounded(path: string, maxBytes: number, io: ReaderFs = fs): BoundedRead {
  let stat: Stats;
  try {
    stat = io.statSync(path);
  } catch (error) {
    throw new UnreadableFileError(missingReason(path, error, io));
  }
  if (!stat.isFile()) {
    throw new UnreadableFileError(kindOf(stat));
  }
  if (stat.size > maxBytes) {
    return { tooLarge: true, size: stat.size };
  }
  let fd: number;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, opening it still returns.
    fd = io.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch (error) {
    throw new UnreadableFileError(errnoReason(error));
  }
  try {
    const opened = io.fstatSync(fd);
    if (!opened.isFile()) {
      throw new UnreadableFileError(kindOf(opened));
    }
    return readAtMost(fd, maxBytes, io, opened.size);
  } catch (error) {
    throw error instanceof UnreadableFileError ? error : new UnreadableFileError(errnoReason(error));
  } finally {
    io.closeSync(fd);
  }
}

/**
 * Reads until end of file or until more than `maxBytes` bytes have arrived (the file grew since the
 * stat). The first piece is sized from the stat (`expected` + 1, so a file read whole is one read and
 * a small note does not cost a 64 KB buffer); a file that grew is read on in full pieces.
 */
function readAtMost(fd: number, maxBytes: number, io: ReaderFs, expected: number): BoundedRead {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // Up to the stat's size + 1 (the last byte only proves the end), then full pieces should it have grown.
    const want = total < expected + 1 ? Math.min(CHUNK, expected + 1 - total) : CHUNK;
    const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
    const n = io.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) {
      return { bytes: Buffer.concat(chunks, total) };
    }
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) {
      return { tooLarge: true, size: undefined };
    }
  }
}

/** Why `stat` failed, in words; a symbolic link whose target is gone says so. */
function missingReason(path: string, error: unknown, io: ReaderFs): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    try {
      if (io.lstatSync(path).isSymbolicLink()) {
        return 'a symbolic link to a file that does not exist';
      }
    } catch {
      // not there at all
    }
  }
  return errnoReason(error);
}

/** A plain-words reason for a file-system error. */
export function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EIO':
      return 'input/output error (a failing disk or network drive?)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EAGAIN':
      return 'the file is busy (try again)';
    default:
      return code ?? (error instanceof Error ? error.message.split('\n')[0] ?? 'unknown error' : String(error));
  }
}

/** What a path is when it is not a regular file. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) {
    return 'it is a folder, not a file';
  }
  if (stat.isFIFO()) {
    return 'it is a FIFO (named pipe), not a file; soapnote reads only regular files';
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    return 'it is a device, not a file; soapnote reads only regular files';
  }
  if (stat.isSocket()) {
    return 'it is a socket, not a file; soapnote reads only regular files';
  }
  return 'it is not a regular file';
}
