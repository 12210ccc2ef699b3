import { findWorkspaceRoot, loadWorkspace, type Workspace } from '../node/workspace';
import { relative } from 'node:path';

/** Where a command writes, so tests can capture output without spawning a process. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress is shown only then). */
  isTTY: boolean;
  /** The clock (ms since the epoch) a run reads; Date.now unless a test injects another. */
  now?: () => number;
}

/** Loads the workspace for a CLI run: the nearest `.soapnote/config.yaml` above the working directory, else the working directory. */
export function cliWorkspace(io: CliIo): Workspace {
  return loadWorkspace(findWorkspaceRoot(io.cwd) ?? io.cwd);
}

/** A path as shown to the user: relative to the working directory when inside it. */
export function displayPath(io: CliIo, absolute: string): string {
  const rel = relative(io.cwd, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}
