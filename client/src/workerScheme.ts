/** Schemes VS Code's web worker extension host starts a worker from as they are: the web (vscode.dev's extension CDN), and `file` (which it maps). */
const URL_SCHEMES = ['http', 'https', 'file'];

/**
 * True when a worker script at a URI of `scheme` can be started by its URL. Not for `vscode-remote:`
 * (an extension installed on a code-server or Codespaces machine and run in the browser): the host
 * refuses with "Creating workers from remote extensions is currently not supported", so its bytes are
 * read through the editor instead. Kept free of `vscode` so a unit test can check it.
 */
export function workerStartsFromUrl(scheme: string): boolean {
  return URL_SCHEMES.includes(scheme);
}
