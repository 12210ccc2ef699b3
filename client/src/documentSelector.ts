/**
 * Which documents the extension hands to the language server. Kept free of `vscode` so the
 * manifest test can check it.
 */

/** A document filter as the language client takes it (scheme, plus language and/or glob). */
export interface NoteDocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

/** URI schemes of the notes the server handles: files and unsaved notes (not git or other virtual views). */
export const NOTE_SCHEMES = ['file', 'untitled'];

/**
 * The notes the language server handles: language `soapnote`, and `*.soap.yaml` / `*.soap.yml` whatever
 * their language; on disk or unsaved only, so the old side of a git diff is not checked as well.
 */
export const NOTE_SELECTOR: NoteDocumentFilter[] = NOTE_SCHEMES.flatMap((scheme) => [{ scheme, language: 'soapnote' }, { scheme, pattern: '**/*.soap.{yaml,yml}' }]);

/**
 * `.soapnote/config.yaml` and the packs beside it, on disk: the server publishes their problems with
 * positions, and uses their unsaved text (a pack's new terms complete before it is saved).
 */
export const WORKSPACE_FILE_SELECTOR: NoteDocumentFilter[] = [{ scheme: 'file', language: 'yaml', pattern: '**/.soapnote/**/*.{yaml,yml}' }];

/** Everything the language client sends to the server. */
export const SERVER_DOCUMENT_SELECTOR: NoteDocumentFilter[] = [...NOTE_SELECTOR, ...WORKSPACE_FILE_SELECTOR];

/**
 * URI schemes of the notes the web extension hands its worker: files, unsaved notes, and the virtual
 * file systems of github.dev / Remote Repositories (`vscode-vfs`) and of `@vscode/test-web`
 * (`vscode-test-web`), and a remote machine's files (`vscode-remote`: code-server or Codespaces with
 * the extension run in the browser). Still not git's views, so the old side of a diff is not checked as well.
 */
export const BROWSER_NOTE_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote'];

/** The web extension's selector: notes and `.soapnote/` files on {@link BROWSER_NOTE_SCHEMES}. */
export const BROWSER_DOCUMENT_SELECTOR: NoteDocumentFilter[] = [
  ...BROWSER_NOTE_SCHEMES.flatMap((scheme) => [{ scheme, language: 'soapnote' }, { scheme, pattern: '**/*.soap.{yaml,yml}' }]),
  ...BROWSER_NOTE_SCHEMES.filter((s) => s !== 'untitled').map((scheme) => ({ scheme, language: 'yaml', pattern: '**/.soapnote/**/*.{yaml,yml}' })),
];
