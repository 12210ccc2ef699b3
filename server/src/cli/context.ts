import { findWorkspaceRoot, loadWorkspace, type Workspace } from '../node/workspace';
import { relative, sep } from 'node:path';

/** Where a command writes, so tests can capture output without spawning a process. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress is shown only then). */
  isTTY: boolean;
  /** The file system's clock (ms since the epoch) that `check --cache` weighs a note's times against; read from the cache's folder unless a test injects one. */
  fileClock?: () => number;
}

/** Loads the workspace for a CLI run: the nearest `.soapnote/config.yaml` above the working directory, else the working directory. */
export function cliWorkspace(io: CliIo): Workspace {
  return loadWorkspace(findWorkspaceRoot(io.cwd) ?? io.cwd);
}

/** A `.` or `..` part, or an empty one (doubled or trailing separator), in a relative path: `relative` would normalise it. */
const UNUSUAL_POSIX = /(^|\/)\.{0,2}(\/|$)/;
/** The same with either separator (Windows takes both). */
const UNUSUAL_WINDOWS = /(^|[\\/])\.{0,2}([\\/]|$)|\//;

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(io: CliIo, absolute: string): string {
  // Most paths are plainly inside the working directory: the rest of the path, without normalising
  // both (as `relative` does, once per note of a large run); anything with `.`/`..` parts or doubled
  // separators takes the general way.
  const prefix = io.cwd.endsWith(sep) ? io.cwd : io.cwd + sep;
  if (absolute.startsWith(prefix) && absolute.length > prefix.length) {
    const rest = absolute.slice(prefix.length);
    // (A first part starting `..`, as in a folder named `..a`, is shown whole, as `relative`'s result was.)
    if (!rest.startsWith('..') && !(sep === '/' ? UNUSUAL_POSIX : UNUSUAL_WINDOWS).test(rest)) {
      return rest;
    }
  }
  const rel = relative(io.cwd, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}
