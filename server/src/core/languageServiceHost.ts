import type { PackSource } from './vocabulary/packs';

/** A workspace file as the host read it: its text, nothing there, or why it could not be read (a listed pack then becomes a problem on the config). */
export type HostFile = { text: string } | { missing: true } | { problem: string };

/**
 * What the environment gives the language service, in the manner of vscode-markdown-languageservice's
 * `IWorkspace`: the Node server and CLI read the disk, the web worker asks the extension, which reads
 * through `vscode.workspace.fs` (github.dev's virtual file system included). Everything else is pure.
 */
export interface LanguageServiceHost {
  /** The folders the editor has open (URIs): a note in one belongs to it unless a nearer `.soapnote/config.yaml` says otherwise. */
  workspaceFolders(): readonly string[];
  /** A workspace file's text by URI (`.soapnote/config.yaml`, a pack, a note): the editor's unsaved text when it is open. */
  readFile(uri: string): Promise<HostFile>;
  /** The URIs of the notes (`*.soap.yaml`, `*.soap.yml`) under a folder, for the client's record and history. */
  listNotes(folderUri: string): Promise<string[]>;
  /** The entries of a folder (name, file or folder), for completing `packs:` and `templates:` in the config; a host without it offers no file names. */
  readDirectory?(folderUri: string): Promise<[string, 'file' | 'directory'][]>;
  /** Today as YYYY-MM-DD in the therapist's time zone (a config's `today:` wins over it). */
  today(): string;
  /** Hex SHA-256 of a UTF-8 string, synchronous (`server/src/core/sha256.ts` where only WebCrypto exists). */
  sha256(text: string): string;
  /** Cryptographically random bytes (CSP nonces). */
  randomBytes(length: number): Uint8Array;
  /** The built-in vocabulary packs, then the built-in language packs for these codes (`languages:` in the config). */
  builtinPacks(languages: readonly string[]): PackSource[];
  /** Hears once of each rule family that threw (the service keeps going without its findings). */
  onRuleError?(ruleId: string, error: unknown): void;
}
