import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { createEngine, type Engine } from '../core/engine';
import { compareFindings, parseExpectations, type Expectation, type FixtureOutcome } from '../core/packTest/expectations';
import { terminal } from '../core/terminalText';
import type { Finding } from '../core/types';
import { BUILTIN_PACKS } from '../generated/builtinPacks';
import { builtinPackSources } from '../node/builtinPacks';
import { resolveInWorkspace } from '../node/insideWorkspace';
import { nodeHost } from '../node/nodeHost';
import { readNoteFile, readNoteIfText, realPath } from '../node/noteFiles';
import { packageRoot } from '../node/packageRoot';
import { packFixtures, type FixturePair } from '../node/packFixtures';
import { MAX_WORKSPACE_FILE_BYTES } from '../node/workspace';
import { cliWorkspace, displayPath, type CliIo } from './context';
import { parseCommand, UsageError, type CommandSpec } from './usage';

/** `soapnote test --help`, and the options `test` accepts. */
export const spec: CommandSpec = {
  name: 'test',
  args: '[PACK...]',
  summary: "Checks the fixture notes a vocabulary pack lists under 'fixtures:' against the expected findings beside them (NAME.expected.yaml), with the workspace's config and packs (default: every pack in .soapnote/config.yaml).",
  options: {
    builtin: { type: 'boolean', help: "also the built-in knowledge base's own fixtures" },
    format: { type: 'string', value: 'text|json', help: 'human text (default) or JSON', default: 'text' },
  },
  notes: [
    'Each expected finding is met or missed; an error or warning no expectation names is a miss too, so a clean example stays clean.',
    'Exit codes: 0 every expectation met; 1 a miss; 2 a pack, fixture or expected file that cannot be used.',
  ],
};

/** One fixture's result, as reported. */
interface FixtureReport {
  note: string;
  expected: string;
  outcome: FixtureOutcome;
}

/** One pack's fixtures, as reported. */
interface PackReport {
  pack: string;
  fixtures: FixtureReport[];
  /** A pack that lists no fixtures proves nothing: said, not hidden. */
  noFixtures?: boolean;
}

/** `soapnote test [PACK...] [--builtin]`: runs packs' fixture notes and reports each expectation; returns the exit code. */
export function runTest(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommand(spec, args);
  const format = String(values['format'] ?? 'text');
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(`unknown --format '${format}': use text or json`);
  }
  const builtin = values['builtin'] === true;
  const workspace = cliWorkspace(io);
  const problems = [...workspace.problems];
  for (const [path, findings] of workspace.fileFindings) {
    for (const f of findings.filter((x) => x.severity === 'error')) {
      problems.push(`${displayPath(io, path)}:${f.range.start.line + 1}: ${f.message}`);
    }
  }
  // The packs to test: the config's (by real path), or those named, each of which must be one of them.
  const listed = workspace.config.packs.map((written) => resolveInWorkspace(workspace.root, written)).filter((w) => w.inside).map((w) => w.path);
  let packs = listed;
  if (positionals.length > 0) {
    const byReal = new Map(listed.map((p) => [realPath(p), p]));
    packs = positionals.map((arg) => {
      const found = byReal.get(realPath(resolve(io.cwd, arg)));
      if (!found) {
        throw new UsageError(`'${arg}' is not one of the packs listed in .soapnote/config.yaml: a pack's rules apply only when the config lists it`);
      }
      return found;
    });
  }
  if (packs.length === 0 && !builtin) {
    throw new UsageError('no packs to test: list packs under packs: in .soapnote/config.yaml, name them, or use --builtin');
  }
  const reports: PackReport[] = [];
  for (const pack of packs) {
    const text = readNoteIfText(pack, MAX_WORKSPACE_FILE_BYTES);
    const data = text === undefined ? undefined : safeParse(text);
    const fixtures = fixturesOf(data);
    if (text === undefined) {
      problems.push(`cannot read pack ${displayPath(io, pack)}`);
      continue;
    }
    if (fixtures === undefined) {
      reports.push({ pack: displayPath(io, pack), fixtures: [], noFixtures: true });
      if (positionals.length > 0) {
        problems.push(`pack ${displayPath(io, pack)} lists no fixtures: add 'fixtures:' (a folder of NAME.soap.yaml + NAME.expected.yaml pairs)`);
      }
      continue;
    }
    const found = packFixtures(pack, fixtures, workspace.root);
    problems.push(...found.problems.map((p) => `pack ${displayPath(io, pack)}: ${p}`));
    reports.push({ pack: displayPath(io, pack), fixtures: runFixtures(workspace.engine, found.pairs, workspace.config.maxNoteBytes, io, problems) });
  }
  if (builtin) {
    // The knowledge base's fixtures are written for the default configuration and the bundled vocabulary alone.
    const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
    const dir = join(packageRoot(), 'server', 'knowledge');
    for (const { file, pack } of BUILTIN_PACKS) {
      if (pack.fixtures === undefined) {
        continue;
      }
      const found = packFixtures(join(dir, file), pack.fixtures, undefined);
      problems.push(...found.problems.map((p) => `built-in pack ${file}: ${p}`));
      reports.push({ pack: `built-in ${file}`, fixtures: runFixtures(engine, found.pairs, undefined, io, problems) });
    }
  }
  const fixtureCount = reports.reduce((n, r) => n + r.fixtures.length, 0);
  if (fixtureCount === 0 && problems.length === 0) {
    problems.push('no fixtures to run: nothing was proved (add fixtures: to a pack)');
  }
  io.stdout(format === 'json' ? jsonReport(reports, problems) : textReport(reports));
  for (const problem of problems) {
    io.stderr(terminal`soapnote test: ${problem}\n`);
  }
  if (problems.length > 0) {
    return 2;
  }
  return reports.some((r) => r.fixtures.some((f) => f.outcome.missed.length > 0 || f.outcome.unexpected.length > 0)) ? 1 : 0;
}

/** Checks each fixture note alone (no client record) with `engine`; a fixture that cannot be read or whose expected file is bad is a problem. */
function runFixtures(engine: Engine, pairs: FixturePair[], maxNoteBytes: number | undefined, io: CliIo, problems: string[]): FixtureReport[] {
  const out: FixtureReport[] = [];
  for (const pair of pairs) {
    const expectedText = readNoteIfText(pair.expected, MAX_WORKSPACE_FILE_BYTES);
    const expected = expectedText === undefined ? { problem: 'it cannot be read as UTF-8 text' } : parseExpectations(expectedText);
    if ('problem' in expected) {
      problems.push(`${displayPath(io, pair.expected)}: ${expected.problem}`);
      continue;
    }
    const read = readNoteFile(pair.note, maxNoteBytes);
    if ('unreadable' in read) {
      problems.push(`cannot read fixture ${displayPath(io, pair.note)}: ${read.unreadable}`);
      continue;
    }
    const findings: Finding[] = 'finding' in read ? [read.finding] : engine.check(read.text);
    out.push({ note: displayPath(io, pair.note), expected: displayPath(io, pair.expected), outcome: compareFindings(findings, expected.expectations) });
  }
  return out;
}

/** The pack's `fixtures:` when it is a path or a list of paths. */
function fixturesOf(data: unknown): string | string[] | undefined {
  const value = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>)['fixtures'] : undefined;
  if (typeof value === 'string') {
    return value;
  }
  return Array.isArray(value) && value.every((v): v is string => typeof v === 'string') ? value : undefined;
}

function safeParse(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 0 });
  } catch {
    return undefined;
  }
}

const expectationText = (e: Expectation): string => `${e.rule} (${e.severity}) at line ${e.line}${e.subject ? ` on ${e.subject}` : ''}`;

/** Human output: one line per expectation met or missed, and per unexpected finding, under its pack. */
function textReport(reports: PackReport[]): string {
  const lines: string[] = [];
  let met = 0;
  let missed = 0;
  for (const report of reports) {
    lines.push(terminal`${report.pack}`);
    if (report.noFixtures) {
      lines.push('  (no fixtures: this pack proves nothing)');
    }
    for (const f of report.fixtures) {
      if (f.outcome.met.length === 0 && f.outcome.missed.length === 0 && f.outcome.unexpected.length === 0) {
        lines.push(terminal`  ok    ${f.note}: clean, as expected`);
      }
      for (const e of f.outcome.met) {
        lines.push(terminal`  ok    ${f.note}: ${expectationText(e)}`);
      }
      for (const e of f.outcome.missed) {
        lines.push(terminal`  MISS  ${f.note}: expected ${expectationText(e)}, not found (${f.expected})`);
      }
      for (const u of f.outcome.unexpected) {
        lines.push(terminal`  MISS  ${f.note}: unexpected ${u.ruleId} (${u.severity}) at line ${u.range.start.line + 1}: ${u.message}`);
      }
      met += f.outcome.met.length;
      missed += f.outcome.missed.length + f.outcome.unexpected.length;
    }
  }
  const fixtures = reports.reduce((n, r) => n + r.fixtures.length, 0);
  lines.push('', `${fixtures} fixture${fixtures === 1 ? '' : 's'}: ${met} expectation${met === 1 ? '' : 's'} met, ${missed} missed`, '');
  return lines.join('\n');
}

/** `--format json`: every pack, fixture, expectation met and missed, unexpected finding, and the problems. */
function jsonReport(reports: PackReport[], problems: string[]): string {
  const packs = reports.map((r) => ({
    pack: r.pack,
    ...(r.noFixtures ? { noFixtures: true } : {}),
    fixtures: r.fixtures.map((f) => ({
      note: f.note,
      expected: f.expected,
      met: f.outcome.met,
      missed: f.outcome.missed,
      unexpected: f.outcome.unexpected.map((u) => ({ rule: u.ruleId, severity: u.severity, line: u.range.start.line + 1, message: u.message })),
    })),
  }));
  const missed = packs.reduce((n, p) => n + p.fixtures.reduce((m, f) => m + f.missed.length + f.unexpected.length, 0), 0);
  return `${JSON.stringify({ packs, missed, problems }, null, 2)}\n`;
}
