import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** A path the workspace config names, with where it really leads and whether that is inside the workspace. */
export interface WorkspacePath {
  /** Absolute, as written (relative paths are relative to the workspace root). */
  path: string;
  /** Symbolic links resolved, as far as the path exists. */
  real: string;
  inside: boolean;
}

/**
 * Resolves a file or folder the config names (a pack, the templates folder, a template), following
 * symbolic links: packs and templates are read only from inside the workspace, so a config (or a
 * link in the repository) cannot make soapnote read `/etc/shadow` and print its lines as findings.
 */
export function resolveInWorkspace(root: string, written: string): WorkspacePath {
  const path = isAbsolute(written) ? written : join(root, written);
  const real = realOrNearest(path);
  return { path, real, inside: isInside(real, realOrNearest(root)) };
}

/** True when `path` is `folder` or inside it (both absolute and already resolved). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, or for a path that does not exist (yet), the real path of its nearest existing folder joined with the rest. */
function realOrNearest(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realOrNearest(parent), basename(absolute));
  }
}
