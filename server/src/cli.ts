import type { CliIo } from './cli/context';
import { commandSynopsis, commandUsage, UsageError, type CommandSpec } from './cli/usage';
import { escapeTerminal } from './core/terminalText';

/** The package version, read from package.json at build time through the JSON import. */
import { version } from '../../package.json';

type Command = (args: string[], io: CliIo, version: string) => number | Promise<number>;

/** A command: its help as data (also what its parser accepts) and how to run it. */
interface CommandModule {
  spec: CommandSpec;
  run: Command;
}

// Each command loads only its own modules: `check` in CI should not pay for the renderers.
const COMMANDS: Record<string, () => CommandModule> = {
  check: () => {
    const m = require('./cli/check') as typeof import('./cli/check');
    return { spec: m.spec, run: (args, io, v) => m.runCheck(args, io, v) };
  },
  render: () => {
    const m = require('./cli/render') as typeof import('./cli/render');
    return { spec: m.spec, run: (args, io) => m.runRender(args, io) };
  },
  sign: () => {
    const m = require('./cli/sign') as typeof import('./cli/sign');
    return { spec: m.spec, run: (args, io) => m.runSign(args, io) };
  },
  addend: () => {
    const m = require('./cli/addend') as typeof import('./cli/addend');
    return { spec: m.spec, run: (args, io) => m.runAddend(args, io) };
  },
  new: () => {
    const m = require('./cli/newNote') as typeof import('./cli/newNote');
    return { spec: m.spec, run: (args, io) => m.runNew(args, io) };
  },
  history: () => {
    const m = require('./cli/history') as typeof import('./cli/history');
    return { spec: m.spec, run: (args, io) => m.runHistory(args, io) };
  },
  grade: () => {
    const m = require('./cli/grade') as typeof import('./cli/grade');
    return { spec: m.spec, run: (args, io) => m.runGrade(args, io) };
  },
  test: () => {
    const m = require('./cli/test') as typeof import('./cli/test');
    return { spec: m.spec, run: (args, io) => m.runTest(args, io) };
  },
  lsp: () => {
    const m = require('./cli/lsp') as typeof import('./cli/lsp');
    return { spec: m.spec, run: (args) => m.runLsp(args) };
  },
};

/** The help text of `soapnote --help`: every command's synopsis, from the commands' own specs. */
function usage(): string {
  return [
    'soapnote: check, render, sign and addend SOAP notes (*.soap.yaml)',
    '',
    'Usage:',
    ...Object.values(COMMANDS).map((load) => `  ${commandSynopsis(load().spec)}`),
    '',
    "'soapnote COMMAND --help' shows a command's options.",
    'Exit codes: 0 no errors (warnings within --max-warnings); 1 findings over the limit; 2 the run failed.',
    'The workspace config is the nearest .soapnote/config.yaml at or above the working directory.',
    '',
  ].join('\n');
}

/** True when `--help` or `-h` is among a command's options (before a `--` that ends them). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Runs the `soapnote` command line and resolves to the exit code: 0 clean, 1 findings over the
 * limit, 2 the run failed. Never throws: every failure is a message on stderr.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(usage());
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.stderr(`soapnote: unknown command '${escapeTerminal(command)}'\n\n${usage()}`);
    return 2;
  }
  const { spec, run } = load();
  if (asksForHelp(args)) {
    io.stdout(commandUsage(spec));
    return 0;
  }
  try {
    return await run(args, io, version);
  } catch (error) {
    // Messages quote file names and values: escaped, so none can drive the terminal or a CI runner.
    const message = (text: string): string => escapeTerminal(text);
    if (error instanceof UsageError) {
      io.stderr(`soapnote ${command}: ${message(error.message)}\n${error.usage ? `\n${error.usage}` : ''}`);
      return 2;
    }
    if (error instanceof Error && (error.name === 'PathError' || error.name === 'WriteError')) {
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
