import type { CliIo } from './cli/context';
import { escapeTerminal } from './core/terminalText';
import { USAGE, UsageError } from './cli/usage';

/** The package version, read from package.json at build time through the JSON import. */
import { version } from '../../package.json';

type Command = (args: string[], io: CliIo, version: string) => number | Promise<number>;

 
// Each command loads only its own modules: `check` in CI should not pay for the renderers.
const COMMANDS: Record<string, Command> = {
  check: (args, io, v) => (require('./cli/check') as typeof import('./cli/check')).runCheck(args, io, v),
  render: (args, io) => (require('./cli/render') as typeof import('./cli/render')).runRender(args, io),
  sign: (args, io) => (require('./cli/sign') as typeof import('./cli/sign')).runSign(args, io),
  new: (args, io) => (require('./cli/newNote') as typeof import('./cli/newNote')).runNew(args, io),
  history: (args, io) => (require('./cli/history') as typeof import('./cli/history')).runHistory(args, io),
};
 

/**
 * Runs the `soapnote` command line and resolves to the exit code: 0 clean, 1 findings over the
 * limit, 2 the run failed. Never throws: every failure is a message on stderr.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (command === 'lsp') {
    // The server owns stdout from here on: nothing else may be printed.
    // Loaded only for this command, so `check` does not pay for the LSP libraries.
     
    const { startServer } = require('./server') as typeof import('./server');
    startServer(args.includes('--node-ipc') ? 'node-ipc' : 'stdio');
    return -1;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`soapnote: unknown command '${escapeTerminal(command)}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(args, io, version);
  } catch (error) {
    // Messages quote file names and values: escaped, so none can drive the terminal or a CI runner.
    const message = (text: string): string => escapeTerminal(text);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`soapnote ${command}: ${message((error as Error).message)}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'PathError') {
      io.stderr(`soapnote ${command}: ${message(error.message)}\n`);
      return 2;
    }
    io.stderr(`soapnote ${command}: internal error: ${message(error instanceof Error ? error.message : String(error))}\nPlease report this with the note that caused it (remove client details first).\n`);
    return 2;
  }
}

/** Runs {@link main} for the real process and sets the exit code (a running language server keeps the process alive). */
export function runProcess(): void {
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
  };
  void main(process.argv.slice(2), io).then((code) => {
    if (code >= 0) {
      process.exitCode = code;
    }
  });
}
