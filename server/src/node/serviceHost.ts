import { createHash, randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeNoteBytes } from '../core/encoding';
import type { HostFile, LanguageServiceHost } from '../core/languageServiceHost';
import { builtinLanguagePackSources, builtinPackSources } from './builtinPacks';
import { isInside, resolveInWorkspace } from './insideWorkspace';
import { localToday } from './nodeHost';
import { collectNoteFiles } from './noteFiles';
import { readBounded, UnreadableFileError } from './readFile';
import { MAX_WORKSPACE_FILE_BYTES } from './workspace';

/** What the Node host is told by its adapter: the editor's folders (file: URIs) and the editor's unsaved texts. */
export interface NodeServiceHostOptions {
  workspaceFolders: readonly string[];
  openText?(uri: string): string | undefined;
  onRuleError?(ruleId: string, error: unknown): void;
}

/**
 * The language service host on Node (for the stdio/IPC server and the CLI to move onto
 * `createLanguageService`): `file:` URIs read from disk as the Node server reads them (regular files
 * only, size-bounded, UTF-8; a symbolic link leading out of the workspace folder is refused), notes
 * listed with the CLI's discovery, node:crypto for hashes and nonces.
 */
export function nodeServiceHost(options: NodeServiceHostOptions): LanguageServiceHost {
  const folders = options.workspaceFolders.map((u) => fileURLToPath(u));
  return {
    workspaceFolders: () => options.workspaceFolders,
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
      const folder = folders.find((f) => isInside(path, f));
      if (folder !== undefined && !resolveInWorkspace(folder, path).inside) {
        return { problem: 'it is a symbolic link to a file outside the workspace, so it was not read' };
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
    today: () => localToday(),
    sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    randomBytes: (length) => new Uint8Array(randomBytes(length)),
    builtinPacks: (languages) => [...builtinPackSources(), ...builtinLanguagePackSources(languages)],
    onRuleError: (id, error) => options.onRuleError?.(id, error),
  };
}
