import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeNoteBytes } from '../core/encoding';
import type { HostFile, LanguageServiceHost } from '../core/languageServiceHost';
import { builtinLanguagePackSources, builtinPackSources } from './builtinPacks';
import { isInside } from './insideWorkspace';
import { localToday } from './nodeHost';
import { collectNoteFiles } from './noteFiles';
import { readBounded, UnreadableFileError } from './readFile';
import { MAX_WORKSPACE_FILE_BYTES } from './workspace';

/** What the Node host is told by its adapter: the editor's folders (file: URIs) and the editor's unsaved texts. */
export interface NodeServiceHostOptions {
  /** The folders (a function when they are known only after `initialize`). */
  workspaceFolders: readonly string[] | (() => readonly string[]);
  openText?(uri: string): string | undefined;
  onRuleError?(ruleId: string, error: unknown): void;
}

/**
 * The language service host on Node (the stdio/IPC server): `file:` URIs read from disk as the Node server reads them (regular files
 * only, size-bounded, UTF-8; a symbolic link leading out of the workspace folder is refused), notes
 * listed with the CLI's discovery, node:crypto for hashes and nonces.
 */
export function nodeServiceHost(options: NodeServiceHostOptions): LanguageServiceHost {
  const given = options.workspaceFolders;
  const uris = (): readonly string[] => (typeof given === 'function' ? given() : given);
  let known: { uris: readonly string[]; paths: string[] } | undefined;
  /** The folders as paths (file: URIs only), recomputed when the adapter's list changes. */
  const folderPaths = (): string[] => {
    const now = uris();
    if (known?.uris !== now) {
      known = { uris: now, paths: now.flatMap((u) => (u.startsWith('file:') ? [fileURLToPath(u)] : [])) };
    }
    return known.paths;
  };
  /** A folder's real path, looked up once (every note read is checked against it). */
  const reals = new Map<string, string>();
  const realFolder = (folder: string): string => {
    let real = reals.get(folder);
    if (real === undefined) {
      try {
        real = realpathSync.native(folder);
      } catch {
        real = folder;
      }
      reals.set(folder, real);
    }
    return real;
  };
  return {
    workspaceFolders: uris,
    async readFile(uri): Promise<HostFile> {
      const open = options.openText?.(uri);
      if (open !== undefined) {
        return { text: open };
      }
      if (!uri.startsWith('file:')) {
        return { problem: 'only files on disk can be read here' };
      }
      const path = fileURLToPath(uri);
      try {
        lstatSync(path);
      } catch {
        return { missing: true };
      }
      // A file inside a workspace folder (as written) must really be there: links are followed, not trusted.
      const folder = folderPaths().find((f) => isInside(path, f));
      if (folder !== undefined) {
        let real: string | undefined;
        try {
          real = realpathSync.native(path);
        } catch {
          // A dangling link: the read below says why it cannot be read.
        }
        if (real !== undefined && !isInside(real, realFolder(folder))) {
          return { problem: 'it is a symbolic link to a file outside the workspace, so it was not read' };
        }
      }
      try {
        const read = readBounded(path, MAX_WORKSPACE_FILE_BYTES);
        if ('tooLarge' in read) {
          return { problem: `it is over ${MAX_WORKSPACE_FILE_BYTES / 1_000_000} MB, the most soapnote reads of a workspace file` };
        }
        const decoded = decodeNoteBytes(read.bytes);
        return 'text' in decoded ? decoded : { problem: decoded.finding.message };
      } catch (error) {
        return { problem: error instanceof UnreadableFileError ? error.reason : String(error) };
      }
    },
    async listNotes(folderUri) {
      if (!folderUri.startsWith('file:')) {
        return [];
      }
      const folder = fileURLToPath(folderUri);
      try {
        return collectNoteFiles([folder], folder).map((p) => pathToFileURL(p).toString());
      } catch {
        return [];
      }
    },
    async readDirectory(folderUri) {
      if (!folderUri.startsWith('file:')) {
        return [];
      }
      try {
        return readdirSync(fileURLToPath(folderUri), { withFileTypes: true }).flatMap((e): [string, 'file' | 'directory'][] => (e.isDirectory() ? [[e.name, 'directory']] : e.isFile() ? [[e.name, 'file']] : []));
      } catch {
        return [];
      }
    },
    today: () => localToday(),
    sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    randomBytes: (length) => new Uint8Array(randomBytes(length)),
    builtinPacks: (languages) => [...builtinPackSources(), ...builtinLanguagePackSources(languages)],
    onRuleError: (id, error) => options.onRuleError?.(id, error),
  };
}
