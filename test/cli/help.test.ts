import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { soapnote } from './run';

/** The README's "Command line" block: each command with the `--options` it documents. */
function readmeCommands(): Map<string, string[]> {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = section.slice(section.indexOf('```sh') + 5, section.indexOf('```', section.indexOf('```sh') + 5));
  const out = new Map<string, string[]>();
  for (const line of block.split('\n')) {
    const match = /^npx soapnote (\S+)(.*)$/.exec(line.trim());
    if (match?.[1]) {
      out.set(match[1], [...new Set([...(out.get(match[1]) ?? []), ...optionsIn(match[2] ?? '')])].sort());
    }
  }
  return out;
}

/** The long options written in a text, without values (`--changed[=REF]` -> `--changed`). */
function optionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => `--${m[1]}`))].filter((o) => o !== '--help').sort();
}

describe('soapnote COMMAND --help lists exactly what the README documents', () => {
  const commands = readmeCommands();

  it('the README documents every command', () => {
    assert.deepEqual([...commands.keys()].sort(), ['addend', 'check', 'grade', 'history', 'lsp', 'new', 'render', 'sign', 'test']);
  });

  for (const [command, documented] of commands) {
    it(`${command} --help: usage on stdout, exit 0, the README's options`, () => {
      const result = soapnote([command, '--help']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, new RegExp(`^Usage: soapnote ${command}\\b`));
      const options = result.stdout.slice(result.stdout.indexOf('Options:'));
      assert.deepEqual(optionsIn(options), documented);
    });

    if (command !== 'lsp') {
      it(`${command} --no-such-option: a plain message and the usage, exit 2`, () => {
        const result = soapnote([command, '--no-such-option']);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`^soapnote ${command}: unknown option '--no-such-option'\\n\\nUsage: soapnote ${command}\\b`));
        assert.doesNotMatch(result.stderr, /ERR_PARSE_ARGS|To specify a positional argument/);
      });
    }
  }

  it('-h works too, and an option missing its value is said plainly', () => {
    assert.equal(soapnote(['sign', '-h']).code, 0);
    const result = soapnote(['sign', 'a.soap.yaml', '--by']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^soapnote sign: option '--by' needs a value\n/);
  });

  it('soapnote --help lists every command with the same options', () => {
    const result = soapnote(['--help']);
    assert.equal(result.code, 0);
    for (const [command, documented] of commands) {
      const line = result.stdout.split('\n').find((l) => l.trim().startsWith(`soapnote ${command} `) || l.trim() === `soapnote ${command}`) ?? '';
      assert.deepEqual(optionsIn(line), documented, command);
    }
  });
});
