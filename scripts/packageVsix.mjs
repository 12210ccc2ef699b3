// Builds soapnote.vsix from a staged copy of the extension's files. Why staged: package.json has an
// npm `files` whitelist (the CLI package) and vsce refuses a `files` list beside .vscodeignore, while
// the .vsix needs other files (the bundles, media, grammar) than the npm package. The stage gets the
// files .vscodeignore re-includes (`!pattern` lines) and a package.json without `files`; the repo's
// own package.json is never rewritten.
//   node scripts/packageVsix.mjs [OUT]   (default soapnote.vsix; `npm run package` bundles first)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.argv[2] ?? 'soapnote.vsix');
const patterns = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));
const files = globSync(patterns, { cwd: root, dot: false, onlyFiles: true, ignore: ['node_modules/**'] });
for (const needed of ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/browser/extension.js', 'dist/browser/server.js', 'package.json']) {
  if (!files.includes(needed)) {
    console.error(`package: ${needed} is missing (run \`npm run bundle -- --production\` first)`);
    process.exit(2);
  }
}
const stage = mkdtempSync(join(tmpdir(), 'soapnote-vsix-'));
try {
  for (const file of files) {
    mkdirSync(dirname(join(stage, file)), { recursive: true });
    cpSync(join(root, file), join(stage, file));
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  // Everything in the stage ships: its own .vscodeignore keeps vsce from warning.
  writeFileSync(join(stage, '.vscodeignore'), '.vscodeignore\n');
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 2);
  }
  console.log(`soapnote.vsix: ${(statSync(out).size / 1024).toFixed(0)} KB, ${files.length} files`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
