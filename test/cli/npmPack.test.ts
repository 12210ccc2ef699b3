import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { CLEAN_NOTE, ERROR_NOTE, tempDir } from './run';

/** Runs a command, failing the test with its output if it cannot start. */
function run(command: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  assert.ok(!result.error, `${command} ${args.join(' ')}: ${String(result.error)}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// What a clinic does: install the published package into its notes repository and run `soapnote check`.
// The tarball is the one `npm pack` makes from this checkout (already built by `npm test`).
describe('the npm package: packed, installed into an empty folder, run', function () {
  this.timeout(180_000);
  let dir: string;
  let files: string[];
  let app: string;

  before(() => {
    dir = tempDir();
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repoRoot());
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    files = info.files.map((f) => f.path);
    app = join(dir, 'clinic-notes');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'clinic-notes', private: true }));
    // --prefer-offline: the dependencies come from npm's cache when `npm ci` has filled it.
    const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, info.filename)], app);
    assert.equal(installed.code, 0, installed.stderr);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ships the CLI, its knowledge base, templates, schemas and docs, and no tests or sources', () => {
    for (const needed of ['bin/soapnote.js', 'out/server/src/cli.js', 'out/server/src/lspMain.js', 'server/knowledge/50-conditions.yaml', 'server/templates/follow-up.soap.yaml', 'schemas/note.schema.json', 'docs/note-format.md', 'docs/editors/neovim.lua', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
      assert.ok(files.includes(needed), `${needed} missing from the tarball`);
    }
    const stray = files.filter((f) => /^(test|out\/test|scripts|client|examples|node_modules)\/|\.ts$|tsbuildinfo/.test(f) && !f.endsWith('.d.ts'));
    assert.deepEqual(stray, []);
  });

  const cases: [string, string, number, RegExp][] = [
    ['a clean note', CLEAN_NOTE, 0, /no problems/],
    ['a note with an active DVT', ERROR_NOTE, 1, /contraindication\.absolute/],
  ];
  for (const [name, note, code, output] of cases) {
    it(`the installed \`soapnote check\` checks ${name} (exit ${code})`, () => {
      const notes = join(app, 'notes');
      rmSync(notes, { recursive: true, force: true });
      mkdirSync(notes);
      writeFileSync(join(notes, 'C-0001-2026-11-02.soap.yaml'), note);
      const bin = join(app, 'node_modules', '.bin', 'soapnote');
      const checked = run(bin, ['check', 'notes'], app);
      assert.equal(checked.code, code, checked.stdout + checked.stderr);
      assert.match(checked.stdout, output);
    });
  }

  it('the installed package reads its knowledge base from its own folder, not from this checkout', () => {
    const installed = readdirSync(join(app, 'node_modules', 'soapnote', 'server', 'knowledge')).filter((f) => f.endsWith('.yaml'));
    assert.ok(installed.length > 10, installed.join(', '));
    const version = run(join(app, 'node_modules', '.bin', 'soapnote'), ['--version'], app);
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /\d+\.\d+\.\d+/);
  });
});
