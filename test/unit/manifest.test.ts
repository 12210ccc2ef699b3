/**
 * The extension manifest (package.json `contributes`) against the code and files it names: every
 * command has a title and is registered in client/src, every referenced file exists and ships,
 * snippets and grammar parse, and the built-in note template is a clean note once filled in.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createEngine } from '../../server/src/core/engine';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { BROWSER_DOCUMENT_SELECTOR, BROWSER_NOTE_SCHEMES, NOTE_SELECTOR, SERVER_DOCUMENT_SELECTOR } from '../../client/src/documentSelector';
import { noteFileName, snippetToTemplate, templatesSetting, validateClientId, type Snippet } from '../../client/src/templates';
import { fillTemplate } from '../../server/src/core/templates/placeholders';
import { ruleSettings } from '../../scripts/manifestRules';
import { repoRoot } from './repoRoot';

const root = repoRoot();
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');

interface Command { command: string; title?: string; category?: string; icon?: string }
interface Manifest {
  main: string;
  browser: string;
  capabilities: { virtualWorkspaces: { supported: boolean | 'limited'; description?: string }; untrustedWorkspaces: { supported: boolean | 'limited' } };
  icon: string;
  activationEvents: string[];
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string; icon?: { light: string; dark: string } }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
    commands: Command[];
    menus: Record<string, { command: string; when?: string }[]>;
    keybindings: { command: string }[];
    configuration: { properties: Record<string, { type: string; default?: unknown }> };
  };
}

const manifest = JSON.parse(read('package.json')) as Manifest;
const contributes = manifest.contributes;
const commandIds = contributes.commands.map((c) => c.command);
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
const nlsFr = JSON.parse(read('package.nls.fr.json')) as Record<string, string>;

/** A manifest string as VS Code shows it in English: `%key%` looked up in package.nls.json. */
function english(text: string | undefined): string | undefined {
  const key = /^%(.+)%$/.exec(text ?? '')?.[1];
  return key === undefined ? text : nls[key];
}

/** All of client/src as one string (the command registrations are written out as literals there). */
function clientSource(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name.endsWith('.ts')) {
        files.push(readFileSync(path, 'utf8'));
      }
    }
  };
  walk(join(root, 'client', 'src'));
  return files.join('\n');
}

/** `.vscodeignore` as vsce reads it (later lines win, `!` re-includes); enough glob for our patterns. */
function shipped(rel: string): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
  let included = true;
  for (const line of read('.vscodeignore').split(/\r?\n/).map((l) => l.trim())) {
    if (!line || line.startsWith('#')) {
      continue;
    }
    const negated = line.startsWith('!');
    if (toRegExp(negated ? line.slice(1) : line).test(rel)) {
      included = negated;
    }
  }
  return included;
}

/** The manifest's file references, relative to the root without `./`. */
function referencedFiles(): string[] {
  const rel = (p: string) => p.replace(/^\.\//, '');
  return [
    rel(manifest.main),
    rel(manifest.browser),
    rel(manifest.icon),
    ...contributes.languages.flatMap((l) => [rel(l.configuration), ...(l.icon ? [rel(l.icon.light), rel(l.icon.dark)] : [])]),
    ...contributes.grammars.map((g) => rel(g.path)),
    ...contributes.snippets.map((s) => rel(s.path)),
    ...contributes.yamlValidation.map((v) => rel(v.url)),
  ];
}

describe('extension manifest', () => {
  it('gives every command a title and the "soapnote" category', () => {
    for (const c of contributes.commands) {
      const title = english(c.title);
      assert.ok(title && title.trim().length > 0, `${c.command} has a title`);
      assert.equal(c.category, 'soapnote', `${c.command} category`);
      assert.match(c.command, /^soapnote\.[A-Za-z_]+$/);
    }
  });

  it('registers every contributed command in client/src, and contributes every registered one', () => {
    const source = clientSource();
    for (const id of commandIds) {
      assert.ok(source.includes(`registerCommand('${id}'`), `client/src registers ${id}`);
    }
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    // Test hooks (`soapnote._*`) are registered but never contributed: see the next test.
    assert.deepEqual(registered.filter((id) => id !== undefined && !id.startsWith('soapnote._') && !commandIds.includes(id)), [], 'registered but not in the manifest');
  });

  it('contributes no test hook, and registers them only outside an installed extension', () => {
    assert.deepEqual(commandIds.filter((id) => id.startsWith('soapnote._')), []);
    const extension = read('client/src/extension.ts');
    const guard = extension.indexOf('context.extensionMode !== vscode.ExtensionMode.Production');
    assert.ok(guard > 0, 'the hooks are behind the extension-mode check');
    for (const hook of ['soapnote._lastPreviewHtml', 'soapnote._activationMs']) {
      assert.ok(extension.indexOf(`registerCommand('${hook}'`) > guard, `${hook} is registered after the check`);
    }
    const web = read('client/src/browserExtension.ts');
    const webGuard = web.indexOf('context.extensionMode !== vscode.ExtensionMode.Production');
    assert.ok(webGuard > 0, "the web extension's hooks are behind the extension-mode check");
    for (const hook of ['soapnote._lastPreviewHtml', 'soapnote._serverInfo']) {
      assert.ok(web.indexOf(`registerCommand('${hook}'`) > webGuard, `${hook} is registered after the check in the web extension`);
    }
  });

  it('names only contributed commands in menus and keybindings', () => {
    const used = [...Object.values(contributes.menus).flat(), ...contributes.keybindings].map((m) => m.command);
    for (const id of used) {
      assert.ok(commandIds.includes(id), `${id} is a contributed command`);
    }
  });

  it('puts the preview button in the editor title of notes', () => {
    const button = contributes.menus['editor/title']?.find((m) => m.command === 'soapnote.openPreviewToSide');
    assert.equal(button?.when, 'editorLangId == soapnote');
    assert.equal(contributes.commands.find((c) => c.command === 'soapnote.openPreviewToSide')?.icon, '$(open-preview)');
  });

  it('activates on notes and restores the preview under the view type the code registers', () => {
    assert.ok(manifest.activationEvents.includes('onLanguage:soapnote'));
    // A clinic's pack or config opened before any note still gets completion and hover.
    assert.ok(manifest.activationEvents.includes('workspaceContains:.soapnote/config.yaml'));
    const viewType = /PREVIEW_VIEW_TYPE = '([^']+)'/.exec(clientSource())?.[1];
    assert.equal(viewType, 'soapnote.preview');
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${viewType}`));
  });

  it('references only files that exist and ship in the .vsix', () => {
    for (const file of referencedFiles()) {
      if (file.startsWith('dist/')) {
        continue; // built by `npm run bundle`, checked below when present
      }
      assert.ok(existsSync(join(root, file)), `${file} exists`);
    }
    for (const file of [...referencedFiles(), 'dist/server.js', 'dist/server-main.js', 'dist/browser/server.js', 'server/knowledge/20-techniques.yaml', 'client/media/preview.js', 'client/media/preview.css', 'schemas/note.schema.json']) {
      assert.ok(shipped(file), `${file} is not left out by .vscodeignore`);
    }
    for (const file of ['client/src/extension.ts', 'test/unit/manifest.test.ts', 'node_modules/yaml/package.json', 'dist/client.js.map', 'dist/browser/server.js.map', 'examples/clean/C-0142-2026-09-08.soap.yaml']) {
      assert.ok(!shipped(file), `${file} stays out of the .vsix`);
    }
  });

  it('declares the language for *.soap.yaml / *.soap.yml with a grammar of the same scope', () => {
    const language = contributes.languages.find((l) => l.id === 'soapnote');
    assert.deepEqual(language?.extensions, ['.soap.yaml', '.soap.yml']);
    const contribution = contributes.grammars.find((g) => g.language === 'soapnote');
    assert.ok(contribution);
    const grammar = JSON.parse(read(contribution.path)) as { scopeName: string; patterns: { include?: string }[]; injections?: Record<string, unknown> };
    assert.equal(grammar.scopeName, contribution.scopeName);
    assert.equal(grammar.scopeName, 'source.soapnote');
    assert.ok(grammar.patterns.some((p) => p.include === 'source.yaml'), 'embeds source.yaml');
    for (const selector of Object.keys(grammar.injections ?? {})) {
      assert.ok(selector.includes(grammar.scopeName), `injection ${selector} targets ${grammar.scopeName}`);
    }
    const config = JSON.parse(read(language?.configuration ?? '')) as { comments: { lineComment: string } };
    assert.equal(config.comments.lineComment, '#');
  });

  it('validates notes, the workspace config, packs, the rubric and review files against their schemas in the YAML extension', () => {
    const byUrl = Object.fromEntries(contributes.yamlValidation.map((v) => [v.url, v.fileMatch]));
    assert.deepEqual(byUrl, {
      './schemas/note.schema.json': ['*.soap.yaml', '*.soap.yml'],
      './schemas/config.schema.json': ['**/.soapnote/config.yaml', '**/.soapnote/config.yml'],
      './schemas/vocabulary-pack.schema.json': ['**/.soapnote/packs/*.yaml', '**/.soapnote/packs/*.yml'],
      './schemas/rubric.schema.json': ['**/.soapnote/rubric.yaml'],
      './schemas/review.schema.json': ['*.review.yaml'],
    });
  });

  it('sends notes, the workspace config and its packs to the language server, and nothing from git or other schemes', () => {
    assert.deepEqual(NOTE_SELECTOR.map((s) => s.scheme), ['file', 'file', 'untitled', 'untitled']);
    const files = SERVER_DOCUMENT_SELECTOR.filter((s) => !NOTE_SELECTOR.includes(s));
    assert.deepEqual(files, [{ scheme: 'file', language: 'yaml', pattern: '**/.soapnote/**/*.{yaml,yml}' }]);
    const registered = [...clientSource().matchAll(/documentSelector: ([A-Z_]+)/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, ['BROWSER_DOCUMENT_SELECTOR', 'SERVER_DOCUMENT_SELECTOR'], 'the language clients (desktop, web) use the full selectors');
  });

  it("sends the web extension's worker notes on github.dev's virtual file system too, still nothing from git", () => {
    assert.deepEqual(BROWSER_NOTE_SCHEMES, ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote']);
    const schemes = new Set(BROWSER_DOCUMENT_SELECTOR.map((s) => s.scheme));
    assert.ok(!schemes.has('git') && !schemes.has('vscode-scm'));
    assert.ok(BROWSER_DOCUMENT_SELECTOR.some((s) => s.scheme === 'vscode-vfs' && s.pattern === '**/.soapnote/**/*.{yaml,yml}'));
  });

  it('has a web entry (browser bundle) and says what a virtual workspace lacks', () => {
    assert.equal(manifest.browser, './dist/browser/extension.js');
    const bundles = read('scripts/browserBundles.mjs');
    assert.ok(bundles.includes("out: 'dist/browser/extension.js'") && bundles.includes("out: 'dist/browser/server.js'"), 'scripts/browserBundles.mjs builds both');
    assert.ok(read('client/src/browserExtension.ts').includes("'dist', 'browser', 'server.js'"), 'the web client starts the worker bundle');
    // vscode-languageclient 10+ takes (id, name, serverOptions, clientOptions): the worker goes third
    // (the types cannot tell: the DOM's Worker is not in the extension's libraries).
    assert.match(read('client/src/browserExtension.ts'), /new LanguageClient\('soapnote', 'soapnote', worker\b[^,]*, clientOptions\)/);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description ?? '', /task/);
  });

  it('registers in the web extension only contributed commands, and hides the ones it lacks on the web', () => {
    const web = read('client/src/browserExtension.ts');
    const registered = [...web.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1] ?? '');
    // test hooks (`soapnote._*`) are registered but never contributed: see the test-hook test
    assert.deepEqual(registered.filter((id) => !id.startsWith('soapnote._') && !commandIds.includes(id)), []);
    for (const id of commandIds.filter((c) => !registered.includes(c))) {
      assert.ok(contributes.menus.commandPalette?.some((m) => m.command === id && /!isWeb/.test(m.when ?? '')), `${id} is hidden on the web`);
    }
  });

  it('offers "Show Progress Across Visits" on notes in the palette and the editor title', () => {
    assert.equal(english(contributes.commands.find((c) => c.command === 'soapnote.showHistory')?.title), 'Show Progress Across Visits');
    assert.match(contributes.menus.commandPalette?.find((m) => m.command === 'soapnote.showHistory')?.when ?? '', /^editorLangId == soapnote\b/);
    assert.equal(contributes.menus['editor/title']?.find((m) => m.command === 'soapnote.showHistory')?.when, 'editorLangId == soapnote');
  });

  it('declares the settings the client and server read', () => {
    const props = contributes.configuration.properties;
    assert.equal(props['soapnote.rules']?.type, 'object');
    assert.equal(props['soapnote.preview.scrollSync']?.type, 'boolean');
    assert.equal(props['soapnote.preview.bodyMap']?.type, 'boolean');
    assert.equal(props['soapnote.trace.server']?.default, 'off');
  });
});

describe('snippets and note templates', () => {
  const snippets = JSON.parse(read(contributes.snippets[0]?.path ?? '')) as Record<string, Snippet>;
  const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
  const values = { client: 'C-0142', date: '2026-11-20', therapist: 'J. Lee, RMT' };

  it('parse as JSON, each with a prefix, a description and a body', () => {
    assert.ok(Object.keys(snippets).length >= 5);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix.length > 0, `${name} prefix`);
      assert.ok(s.description, `${name} description`);
      assert.ok(Array.isArray(s.body) && s.body.length > 0, `${name} body`);
    }
  });

  for (const name of ['SOAP note', 'SOAP follow-up visit']) {
    it(`"${name}", filled with its defaults, is a note without errors`, () => {
      const snippet = snippets[name];
      assert.ok(snippet, name);
      const text = fillTemplate(snippetToTemplate(snippet), values);
      assert.ok(!/\$\{|\$\d/.test(text), `no snippet syntax left:\n${text}`);
      const errors = engine.check(text).filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => `${f.ruleId}: ${f.message}`), [], text);
      const data = parseYaml(text) as { client: string; date: string; therapist: string };
      assert.deepEqual([data.client, data.date, data.therapist], ['C-0142', '2026-11-20', 'J. Lee, RMT']);
    });
  }

  const fills: [string, Record<string, string>, string][] = [
    ['client: {{client}}\ndate: {{ date }}\n', {}, 'client: C-0142\ndate: 2026-11-20\n'],
    ['therapist: {{therapist}}\n', { therapist: 'Lee: RMT' }, 'therapist: "Lee: RMT"\n'],
    ['client: {{client}}\n', { client: '0142' }, 'client: "0142"\n'],
    ['therapist: {{therapist}}\n', { therapist: '' }, 'therapist: ""\n'],
    ['plan: {{next}}\n', {}, 'plan: {{next}}\n'],
    ['visit: {{visit}}\n', { visit: '3' }, 'visit: 3\n'],
    ['visit: {{visit}}\n', { visit: '3; rm' }, 'visit: "3; rm"\n'],
    ['client: {{client}}\n', { client: 'yes' }, 'client: "yes"\n'],
  ];
  for (const [template, override, expected] of fills) {
    it(`fills ${JSON.stringify(template)} with ${JSON.stringify(override)}`, () => {
      assert.equal(fillTemplate(template, { ...values, ...override }), expected);
    });
  }

  const ids: [string, boolean][] = [['C-0142', true], ['c.0142_b', true], ['7', true], ['-C1', false], ['C 0142', false], ['', false], ['C'.repeat(65), false], ['Jane Doe', false]];
  for (const [id, ok] of ids) {
    it(`${ok ? 'accepts' : 'refuses'} the client id ${JSON.stringify(id)}`, () => {
      assert.equal(validateClientId(id) === undefined, ok);
    });
  }

  it('names a new note CLIENT-DATE.soap.yaml, numbered when taken', () => {
    assert.equal(noteFileName('C-0142', '2026-11-20'), 'C-0142-2026-11-20.soap.yaml');
    const taken = new Set(['C-0142-2026-11-20.soap.yaml', 'C-0142-2026-11-20-2.soap.yaml']);
    assert.equal(noteFileName('C-0142', '2026-11-20', (n) => taken.has(n)), 'C-0142-2026-11-20-3.soap.yaml');
  });

  const folders: [string, string | undefined][] = [
    ['templates: clinic/templates\n', 'clinic/templates'],
    ['rules: {}\ntemplates: "forms/"  # ours\n', 'forms'],
    ['packs: []\n', undefined],
    ['templates: ../elsewhere\n', undefined],
    ['templates: /etc\n', undefined],
    ['  templates: nested\n', undefined],
  ];
  for (const [config, expected] of folders) {
    it(`reads the template folder of ${JSON.stringify(config)} as ${String(expected)}`, () => {
      assert.equal(templatesSetting(config), expected);
    });
  }
});

describe('manifest: settings, localisation, walkthrough, task', function () {
  this.timeout(60_000);
  const full = JSON.parse(read('package.json')) as {
    l10n: string;
    contributes: {
      configuration: { properties: Record<string, { properties?: Record<string, unknown> }> };
      walkthroughs: { id: string; title: string; description: string; steps: { id: string; title: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
      problemMatchers: { name: string; owner: string; fileLocation: unknown; pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number } }[];
      taskDefinitions: { type: string }[];
    };
  };

  it('lists every rule id in the soapnote.rules setting, as scripts/manifestRules.ts writes it', () => {
    const listed = full.contributes.configuration.properties['soapnote.rules']?.properties;
    assert.deepEqual(listed, ruleSettings(root), 'stale: run `npm run build && node out/scripts/manifestRules.js`');
  });

  it('gives every %key% of the manifest an English and a French string', () => {
    const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
    assert.ok(keys.length >= 20, `${keys.length} localised strings`);
    for (const key of keys) {
      assert.ok(nls[key], `package.nls.json has ${key}`);
      assert.ok(nlsFr[key], `package.nls.fr.json has ${key}`);
    }
    assert.deepEqual(Object.keys(nlsFr).sort(), Object.keys(nls).sort(), 'the French file has exactly the English keys');
  });

  it('translates every vscode.l10n.t string of the client into French, keeping its placeholders', () => {
    assert.equal(full.l10n, './l10n');
    const bundle = JSON.parse(read('l10n/bundle.l10n.fr.json')) as Record<string, string>;
    const source = clientSource();
    const strings = [...source.matchAll(/vscode\.l10n\.t\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!.startsWith("'") ? `"${m[1]!.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : m[1]!) as string);
    assert.ok(strings.length >= 40, `${strings.length} strings`);
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join(',');
    for (const english of strings) {
      const french = bundle[english];
      assert.ok(french, `no French for ${JSON.stringify(english)}`);
      assert.equal(placeholders(french), placeholders(english), english);
    }
    // No message shown to the user is left as a bare English literal.
    const bare = [...source.matchAll(/show(?:Information|Warning|Error)Message\(\s*[`'"]/g)];
    assert.deepEqual(bare.map((m) => m[0]), []);
  });

  it('has a walkthrough whose steps create a note, show a warning, open the preview and sign, with media that ship', () => {
    const [walkthrough] = full.contributes.walkthroughs;
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['newNote', 'seeWarning', 'preview', 'sign']);
    for (const step of walkthrough.steps) {
      assert.ok(english(step.title) && english(step.description), step.id);
      const media = step.media.markdown ?? '';
      assert.ok(existsSync(join(root, media)) && shipped(media), `${media} exists and ships`);
      for (const event of step.completionEvents ?? []) {
        const command = event.replace(/^onCommand:/, '');
        assert.ok(command.startsWith('workbench.') || commandIds.includes(command), `${step.id}: ${command}`);
      }
    }
  });

  it('matches every finding line of real `soapnote check` output with the $soapnote problem matcher', () => {
    const [matcher] = full.contributes.problemMatchers;
    assert.equal(matcher?.name, 'soapnote');
    const regexp = new RegExp(matcher.pattern.regexp);
    const run = (format: string) =>
      spawnSync(process.execPath, [join(root, 'bin', 'soapnote.js'), 'check', 'examples', '--format', format], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
    const findings = (JSON.parse(run('json')) as { files: { findings: { line: number; column: number; ruleId: string }[] }[] }).files.flatMap((f) => f.findings);
    const matched = run('stylish').split('\n').map((line) => regexp.exec(line)).filter((m): m is RegExpExecArray => m !== null);
    assert.equal(matched.length, findings.length);
    for (const m of matched) {
      assert.ok(existsSync(join(root, m[matcher.pattern.file]!)), m[0]);
      assert.match(m[matcher.pattern.code]!, /^[a-z-]+\.[a-z-]+$/);
      assert.match(m[matcher.pattern.severity]!, /^(error|warning|info)$/);
    }
  });

  it('provides the soapnote task type it declares, with the $soapnote matcher', () => {
    assert.deepEqual(full.contributes.taskDefinitions.map((t) => t.type), ['soapnote']);
    const tasks = read('client/src/tasks.ts');
    assert.match(tasks, /registerTaskProvider\('soapnote'/);
    assert.match(tasks, /\['\$soapnote'\]/);
    assert.match(tasks, /NO_COLOR: '1'/);
  });
});
