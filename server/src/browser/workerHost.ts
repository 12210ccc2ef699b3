import { builtinPacksAt } from '../core/builtinKnowledge';
import type { HostFile, LanguageServiceHost } from '../core/languageServiceHost';
import { sha256Hex } from '../core/sha256';
import { uriKey } from '../core/uris';
import type { ListNotesParams, ListNotesResult, ReadDirectoryParams, ReadDirectoryResult, ReadFileParams, ReadFileResult } from '../protocolTypes';

/** Where the built-in packs say they come from when the extension names no folder (they are bundled as data; their texts are read there only for go to definition). */
export const BUILTIN_KNOWLEDGE_URI = 'soapnote-builtin:/server/knowledge';

/** What the worker host needs from the connection: its open documents and the two requests the extension answers. */
export interface WorkerHostDeps {
  workspaceFolders(): readonly string[];
  /** The editor's text of an open document (notes, config, packs), by URI. */
  openText(uri: string): string | undefined;
  readFile(params: ReadFileParams): Promise<ReadFileResult>;
  listNotes(params: ListNotesParams): Promise<ListNotesResult>;
  readDirectory(params: ReadDirectoryParams): Promise<ReadDirectoryResult>;
  /** The folder the extension ships the built-in knowledge in (`initializationOptions.knowledgeUri`), if it named one. */
  knowledgeUri(): string | undefined;
  onRuleError(ruleId: string, error: unknown): void;
}

/** Today as YYYY-MM-DD in the browser's time zone (a session date is a local date). */
export function browserToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The language service host of the web worker: files through the extension, the pure SHA-256, WebCrypto's random bytes, the bundled packs. */
export function workerHost(deps: WorkerHostDeps): LanguageServiceHost {
  return {
    workspaceFolders: () => deps.workspaceFolders(),
    async readFile(uri): Promise<HostFile> {
      const open = deps.openText(uri);
      return open !== undefined ? { text: open } : deps.readFile({ uri });
    },
    async listNotes(folderUri) {
      const { uris } = await deps.listNotes({ folderUri });
      // One entry per note, however the extension spelled it.
      return [...new Map(uris.map((u) => [uriKey(u), u])).values()];
    },
    async readDirectory(folderUri) {
      return (await deps.readDirectory({ folderUri })).entries;
    },
    today: () => browserToday(),
    sha256: sha256Hex,
    randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
    builtinPacks: (languages) => builtinPacksAt(deps.knowledgeUri() ?? BUILTIN_KNOWLEDGE_URI, languages),
    onRuleError: (id, error) => deps.onRuleError(id, error),
  };
}
