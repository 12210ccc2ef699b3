/**
 * The extension manifest (package.json `contributes`) against the code and files it names: every
 * command has a title and is registered in client/src, every referenced file exists and ships,
 * snippets and grammar parse, and the built-in note template is a clean note once filled in.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createEngine } from '../../server/src/core/engine';
import { builtinPackSources } from '../../server/src/node/builtinPacks';
import { nodeHost } from '../../server/src/node/nodeHost';
import { NOTE_SELECTOR, SERVER_DOCUMENT_SELECTOR } from '../../client/src/documentSelector';
import { noteFileName, snippetToTemplate, templatesSetting, validateClientId, type Snippet } from '../../client/src/templates';
import { fillTemplate } from '../../server/src/core/templates/placeholders';
import { repoRoot } from './repoRoot';

const root = repoRoot();
const read = (rel: string) => readFileSync(join(root, rel), 'utf8');

interface Command { command: string; title?: string; category?: string; icon?: string }
interface Manifest {
  main: string;
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
      assert.ok(c.title && c.title.trim().length > 0, `${c.command} has a title`);
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
    assert.deepEqual(registered.filter((id) => id !== undefined && !commandIds.includes(id)), [], 'registered but not in the manifest');
  });

  it('hides the test hooks from the command palette', () => {
    const palette = contributes.menus.commandPalette ?? [];
    for (const hook of commandIds.filter((id) => id.startsWith('soapnote._'))) {
      assert.equal(palette.find((m) => m.command === hook)?.when, 'false', hook);
    }
    assert.ok(commandIds.includes('soapnote._lastPreviewHtml'));
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
    for (const file of [...referencedFiles(), 'dist/server.js', 'server/knowledge/20-techniques.yaml', 'client/media/preview.js', 'client/media/preview.css', 'schemas/note.schema.json']) {
      assert.ok(shipped(file), `${file} is not left out by .vscodeignore`);
    }
    for (const file of ['client/src/extension.ts', 'test/unit/manifest.test.ts', 'node_modules/yaml/package.json', 'dist/client.js.map', 'examples/clean/C-0142-2026-09-08.soap.yaml']) {
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

  it('validates notes against the note schema in the YAML extension', () => {
    assert.deepEqual(contributes.yamlValidation, [{ fileMatch: ['*.soap.yaml', '*.soap.yml'], url: './schemas/note.schema.json' }]);
  });

  it('sends notes, the workspace config and its packs to the language server, and nothing from git or other schemes', () => {
    assert.deepEqual(NOTE_SELECTOR.map((s) => s.scheme), ['file', 'file', 'untitled', 'untitled']);
    const files = SERVER_DOCUMENT_SELECTOR.filter((s) => !NOTE_SELECTOR.includes(s));
    assert.deepEqual(files, [{ scheme: 'file', language: 'yaml', pattern: '**/.soapnote/**/*.{yaml,yml}' }]);
    const registered = [...clientSource().matchAll(/documentSelector: ([A-Z_]+)/g)].map((m) => m[1]);
    assert.deepEqual(registered, ['SERVER_DOCUMENT_SELECTOR'], 'the language client uses the full selector');
  });

  it('offers "Show Progress Across Visits" on notes in the palette and the editor title', () => {
    assert.equal(contributes.commands.find((c) => c.command === 'soapnote.showHistory')?.title, 'Show Progress Across Visits');
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
