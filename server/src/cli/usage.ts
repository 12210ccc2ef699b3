import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Thrown for a bad command line: printed (with the command's usage when `usage` is set), exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage text to print after the message. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** One option of a command: its type, the placeholder for its value, and one line of help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** How the value is written in the usage (`N`, `FILE`, `html|md|fhir`). */
  value?: string;
  help: string;
  default?: string;
  /** Shown without brackets in the synopsis: the command refuses to run without it. */
  required?: boolean;
}

/**
 * A command's help as data: `soapnote CMD --help` prints it and the parser accepts exactly these
 * options, so the help can never list an option the command ignores or miss one it takes.
 * ```ts
 * export const spec: CommandSpec = { name: 'sign', args: 'FILE', summary: 'Signs a note.', options: { by: { type: 'string', value: 'NAME', help: 'who signs' } } };
 * ```
 */
export interface CommandSpec {
  name: string;
  /** The positional arguments as the usage writes them (`FILE`, `[PATH...]`). */
  args: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Lines after the options (examples, notes). */
  notes?: string[];
}

/** The `--help` text of one command. */
export function commandUsage(spec: CommandSpec): string {
  const flag = (name: string, option: OptionSpec): string => `--${name}${valueText(option)}`;
  const rows = [...Object.entries(spec.options).map(([name, option]) => [flag(name, option), option.help] as const), ['--help', 'show this help'] as const];
  const width = Math.max(...rows.map(([f]) => f.length));
  return [
    `Usage: soapnote ${spec.name}${spec.args ? ` ${spec.args}` : ''}${Object.keys(spec.options).length > 0 ? ' [options]' : ''}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...rows.map(([f, help]) => `  ${f.padEnd(width)}  ${help}`),
    ...(spec.notes ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

/** The one-line synopsis of a command in `soapnote --help`. */
export function commandSynopsis(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, o]) => (o.required ? `--${name}${valueText(o)}` : `[--${name}${valueText(o)}]`));
  return `soapnote ${spec.name}${spec.args ? ` ${spec.args}` : ''}${options.length > 0 ? ` ${options.join(' ')}` : ''}`;
}

/** ` N` after an option; `[=REF]` (an optional value in the same argument) without the space. */
function valueText(option: OptionSpec): string {
  return option.value ? `${option.value.startsWith('[=') ? '' : ' '}${option.value}` : '';
}

/**
 * Parses a command's arguments against its spec. An unknown option or a missing value is a
 * {@link UsageError} in plain words with the command's usage (never Node's raw parseArgs message).
 */
export function parseCommand(spec: CommandSpec, args: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, o.default === undefined ? { type: o.type } : { type: o.type, default: o.default }]));
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(plainParseError(error), commandUsage(spec));
  }
}

/** Node's parseArgs messages, in plain words. */
function plainParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown option '${option}'`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(message) ? `option '${option}' needs a value` : `option '${option}' takes no value`;
  }
  return message.split('\n')[0] ?? message;
}
