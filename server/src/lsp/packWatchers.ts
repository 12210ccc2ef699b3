import { basename, dirname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Disposable, FileSystemWatcher } from 'vscode-languageserver';

/** A watcher for one file: a relative pattern (folder + name) when the client supports them, else the path as a glob. */
export function fileWatcher(path: string, relativePatterns: boolean): FileSystemWatcher {
  return relativePatterns
    ? { globPattern: { baseUri: pathToFileURL(dirname(path)).toString(), pattern: basename(path) } }
    : { globPattern: path.split(sep).join('/') };
}

/**
 * One dynamic `workspace/didChangeWatchedFiles` registration for the pack files a config lists outside
 * `.soapnote/` (which the static `**\/.soapnote/**` watcher already covers). Re-registered, in order,
 * only when the set of paths changes.
 */
export class PackWatchers {
  private key = '';
  private registration: Promise<Disposable | undefined> = Promise.resolve(undefined);

  constructor(
    private readonly register: (watchers: FileSystemWatcher[]) => Promise<Disposable>,
    private readonly relativePatterns: boolean,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Watches exactly `paths` from now on. */
  update(paths: readonly string[]): void {
    const sorted = [...new Set(paths)].sort();
    const key = sorted.join('\n');
    if (key === this.key) {
      return;
    }
    this.key = key;
    this.registration = this.registration.then(async (previous) => {
      previous?.dispose();
      return sorted.length > 0 ? this.register(sorted.map((p) => fileWatcher(p, this.relativePatterns))) : undefined;
    }).catch((error: unknown) => {
      this.onError(error);
      return undefined;
    });
  }
}
