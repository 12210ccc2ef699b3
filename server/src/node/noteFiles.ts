import { append } from '../core/append';
import * as fs from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { globSync, type FileSystemAdapter } from 'tinyglobby';
import { decodeNoteBytes } from '../core/encoding';
import { DEFAULT_LIMITS, tooLargeFinding } from '../core/parse';
import { DOCUMENT_START } from '../core/ranges';
import { RuleId } from '../core/ruleIds';
import type { Finding } from '../core/types';
import { errnoReason, readBounded, UnreadableFileError } from './readFile';

/** True for a note file name: `*.soap.yaml` or `*.soap.yml`. */
export function isNoteFile(name: string): boolean {
  return /\.soap\.ya?ml$/i.test(name);
}

/** Folders never searched for notes: dependencies, VCS data, build output, and soapnote's own templates (checked on their own). */
const SKIPPED_DIRS = ['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.soapnote'];

/** {@link SKIPPED_DIRS} as one ignore glob: one matcher per path searched, not seven (half the search's time in a folder of 20,000 notes). */
const SKIPPED_GLOB = `**/{${SKIPPED_DIRS.join(',')}}/**`;

/** The glob a folder is searched with: every `*.soap.yaml` / `*.soap.yml` at any depth, the extension in any case (as {@link isNoteFile}). */
const NOTES_IN_FOLDER = `**/*.${caseless('soap')}.${caseless('y')}{${caseless('aml')},${caseless('ml')}}`;

/** A path argument that could not be used, with the reason. */
export class PathError extends Error {
  override name = 'PathError';
}

/** One note file found: the path as found (through any links, for display) and its real path (what it is deduplicated on). */
export interface FoundNote {
  path: string;
  real: string;
}

/** What a search found: notes, and folders that could not be searched (their notes were not seen). */
export interface NoteSearch {
  notes: FoundNote[];
  unreadableFolders: { path: string; reason: string }[];
}

/**
 * Expands CLI path arguments into note files: a file is taken as is, a folder is searched
 * recursively, anything else is tried as a glob. Folders and globs are searched the same way
 * (tinyglobby, symbolic links followed, loops cut), and each real file is listed once, under the
 * first of its paths in sorted order. Nothing that is named like a note is dropped here, whatever it
 * is (a FIFO, a dangling link): the reader refuses it with a reason, so it is never skipped silently.
 */
export function findNotes(args: string[], cwd: string): NoteSearch {
  const found: string[] = [];
  const unreadableFolders: NoteSearch['unreadableFolders'] = [];
  // Files a folder listing showed to be plain entries (not links), with that folder: their real path is their folder's, joined.
  const plain = new Map<string, string>();
  const adapter = reportingFs(unreadableFolders, plain);
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let stat;
    try {
      stat = fs.statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && /[*?[\]{}]/.test(arg)) {
        const matches = globSync(arg, { cwd, absolute: true, dot: false, ignore: ['**/node_modules/**'], fs: adapter }).filter(isNoteFile);
        if (matches.length === 0) {
          throw new PathError(`no notes match '${arg}'`);
        }
        append(found, matches);
        continue;
      }
      if (code === 'ENOENT' && isSymlink(path)) {
        // Named explicitly: the reader says what is wrong with it, as for one found in a folder.
        found.push(path);
        continue;
      }
      throw new PathError(`cannot read '${arg}': ${code === 'ENOENT' ? 'no such file or folder' : errnoReason(error)}`);
    }
    if (!stat.isDirectory() && /\.review\.yaml$/i.test(path)) {
      // An educator's comments beside a note: checking it as a note would only report that it is not one.
      throw new PathError(`'${arg}' is a review file (an educator's comments beside a note), not a note; name the note (NAME.soap.yaml) instead`);
    }
    if (stat.isDirectory()) {
      // Appended one by one: a spread of 150,000 paths overflows the call stack.
      append(found, globSync(NOTES_IN_FOLDER, { cwd: path, absolute: true, dot: true, ignore: [SKIPPED_GLOB], fs: adapter }));
    } else {
      found.push(path);
    }
  }
  const byReal = new Map<string, FoundNote>();
  const realFolders = new Map<string, string | undefined>();
  const realOf = (path: string): string => {
    const folder = plain.get(path);
    if (folder === undefined) {
      return realPath(path);
    }
    // One realpath per folder, not per note (thousands of notes share a folder).
    let real = realFolders.get(folder);
    if (real === undefined && !realFolders.has(folder)) {
      try {
        real = fs.realpathSync.native(folder);
      } catch {
        real = undefined;
      }
      realFolders.set(folder, real);
    }
    if (real === undefined) {
      return realPath(path);
    }
    // A folder reached by no link is its own real path: the note's path is its real path, the same string.
    const realFolder = real.endsWith(sep) ? real : real + sep;
    return realFolder === folder ? path : realFolder + path.slice(folder.length);
  };
  // The shortest path names a file reached several ways (through a folder link or a loop), then the first in order.
  // A path listed twice (by two arguments) has one real path: the map keeps it once.
  for (const path of found) {
    const real = realOf(path);
    const known = byReal.get(real);
    if (!known || isBetterName(path, known.path)) {
      byReal.set(real, { path, real });
    }
  }
  return { notes: [...byReal.values()].sort((a, b) => compare(a.path, b.path)), unreadableFolders };
}

/** {@link findNotes}, paths only (as found), for callers that read each note once and need nothing else. */
export function collectNoteFiles(args: string[], cwd: string): string[] {
  return findNotes(args, cwd).notes.map((n) => n.path);
}

/** The real path of a file (links resolved); for a link that leads nowhere, its folder's real path and its own name. */
export function realPath(path: string): string {
  try {
    return fs.realpathSync.native(path);
  } catch {
    try {
      return join(fs.realpathSync.native(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/** True when `path` names a file better than `other`: fewer segments, then first in order. */
function isBetterName(path: string, other: string): boolean {
  const d = path.split(sep).length - other.split(sep).length;
  return d < 0 || (d === 0 && path < other);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isSymlink(path: string): boolean {
  try {
    return fs.lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The file system as tinyglobby sees it during a search. It would otherwise drop, without a word,
 * a folder it cannot read, a FIFO, socket or device, and a link that leads nowhere or in a loop:
 * here a folder that cannot be read is recorded, and every entry that is not a folder is offered
 * as a file, so a note-named one reaches the reader, which refuses it with a reason. Note files
 * listed as regular files (not links) are added to `plain`.
 */
function reportingFs(unreadable: NoteSearch['unreadableFolders'], plain: Map<string, string>): FileSystemAdapter {
  const readdirSync = ((path: string, options: { withFileTypes: true }) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path, options);
    } catch (error) {
      unreadable.push({ path: String(path).replace(/\/$/, '') || '/', reason: errnoReason(error) });
      throw error;
    }
    // Joined as the search joins them (no normalising: a path that differs is only resolved the slow way).
    const folder = String(path).endsWith(sep) || String(path).endsWith('/') ? String(path) : String(path) + sep;
    for (const entry of entries) {
      if (entry.isFile() && isNoteFile(entry.name)) {
        plain.set(folder + entry.name, folder);
      }
    }
    return entries.map((entry) => (entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? entry : asFile(entry)));
  }) as unknown as typeof fs.readdirSync;
  const realpathSync = ((path: string) => {
    try {
      return fs.realpathSync(path);
    } catch {
      return path;
    }
  }) as unknown as typeof fs.realpathSync;
  const statSync = ((path: string) => {
    try {
      return fs.statSync(path);
    } catch {
      // A dangling or looping link: its own entry, which is not a folder, so it is listed as a file.
      return fs.lstatSync(path);
    }
  }) as unknown as typeof fs.statSync;
  return { readdirSync, realpathSync, statSync };
}

/** A directory entry of another kind (FIFO, socket, device) presented as a file, so the search lists it. */
function asFile(entry: fs.Dirent): fs.Dirent {
  return Object.assign(Object.create(entry) as fs.Dirent, { isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false });
}

/** `[sS][oO]...`: a glob fragment matching `word` in any case. */
function caseless(word: string): string {
  return [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
}

/** A note file read for checking: its text, the finding that stands for it (encoding, size), or why it could not be read. */
export type NoteRead = { text: string } | { finding: Finding } | { unreadable: string };

/**
 * Reads a note file for checking: regular files only, at most `maxBytes + 1` bytes, decoded by the
 * engine's decoder. Never throws: a file that cannot be read says why.
 */
export function readNoteFile(path: string, maxBytes: number = DEFAULT_LIMITS.maxNoteBytes): NoteRead {
  let read;
  try {
    read = readBounded(path, maxBytes);
  } catch (error) {
    return { unreadable: error instanceof UnreadableFileError ? error.reason : errnoReason(error) };
  }
  if ('tooLarge' in read) {
    const size = read.size === undefined ? '' : ` ${Math.round(read.size / 1024)} KB,`;
    return { finding: tooLargeFinding(`This file is${size} over the ${Math.round(maxBytes / 1024)} KB limit (maxNoteBytes in .soapnote/config.yaml)`) };
  }
  return decodeNoteBytes(read.bytes);
}

/** The `note.unreadable` finding for a note (or folder of notes) that could not be read. */
export function unreadableFinding(reason: string, folder = false): Finding {
  const message = folder ? `This folder could not be read (${reason}), so the notes in it were not checked.` : `This note could not be read (${reason}), so it was not checked.`;
  return { ruleId: RuleId.noteUnreadable, severity: 'error', message, range: DOCUMENT_START };
}

/** A note file's text, or undefined when it cannot be read as a note (gone since the search, not a regular file, too large, not UTF-8). */
export function readNoteIfText(path: string, maxBytes?: number): string | undefined {
  const read = readNoteFile(path, maxBytes);
  return 'text' in read ? read.text : undefined;
}
