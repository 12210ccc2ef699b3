import type { CommandSpec } from './usage';

/** `soapnote lsp --help`. The server takes its transport switch and ignores the rest (clients add their own flags, e.g. `--clientProcessId`). */
export const spec: CommandSpec = {
  name: 'lsp',
  args: '',
  summary: 'Runs the language server (LSP 3.17) for an editor.',
  options: {
    stdio: { type: 'boolean', help: 'over standard input/output (the default)' },
    'node-ipc': { type: 'boolean', help: 'over Node IPC (what the VS Code client uses)' },
  },
};

/** Starts the language server; it owns stdout from here on, so nothing else may be printed. */
export function runLsp(args: string[]): number {
  // Loaded only for this command, so `check` does not pay for the LSP libraries.
  const { startServer } = require('../server') as typeof import('../server');
  startServer(args.includes('--node-ipc') ? 'node-ipc' : 'stdio');
  return -1;
}
