/**
 * In-editor tests of the web extension: `soapnote.soapnote` run in VS Code's web worker extension host
 * (its `browser` entry, dist/browser/extension.js) with its language server in a nested web worker
 * (dist/browser/server.js), in code-server, on the workspace test/e2e/workspace/ (files on the
 * code-server machine: `vscode-remote:` URIs, read through `workspace.fs`). No Node here: no `fs`, no `assert`.
 */
import './setup';
import * as vscode from 'vscode';
import * as editorHelpers from '../editorHelpers';
import { codeOf, labelOf, lineOf } from '../editorHelpers';

const EXTENSION_ID = 'soapnote.soapnote';

/** Fails with `message` unless `ok`. */
function check(ok: unknown, message: string): asserts ok {
  if (!ok) {
    throw new Error(message);
  }
}

/** {@link editorHelpers.waitFor} with this suite's patience. */
const waitFor = <T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 20000): Promise<T> => editorHelpers.waitFor(what, fn, ms);


function workspaceUri(...parts: string[]): vscode.Uri {
  const ws = vscode.workspace.workspaceFolders?.[0];
  check(ws, 'a workspace folder is open (test/e2e/workspace)');
  return vscode.Uri.joinPath(ws.uri, ...parts);
}

const HEADER = `soapnote: 1
client: C-0901
date: 2026-11-20
therapist: J. Lee, RMT
`;

suite('soapnote as a web extension (web worker extension host)', () => {
  let conflict: vscode.TextDocument;
  /** Notes a test wrote into the workspace folder, deleted after it. */
  const created: vscode.Uri[] = [];

  /** Writes `text` to `name` in the workspace folder (through `workspace.fs`) and shows it. */
  async function openNote(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = workspaceUri(name);
    created.push(uri);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    return doc;
  }

  suiteSetup(async () => {
    // word-based suggestions (words of open documents) would mask a missing provider
    await vscode.workspace.getConfiguration('editor').update('wordBasedSuggestions', 'off', vscode.ConfigurationTarget.Global);
    conflict = await vscode.workspace.openTextDocument(workspaceUri('conflict.soap.yaml'));
    await vscode.window.showTextDocument(conflict);
  });

  teardown(async () => {
    for (const uri of created.splice(0)) {
      await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    }
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the extension runs in the browser and its language server is the web worker', async () => {
    check(vscode.env.uiKind === vscode.UIKind.Web, 'the editor is the web workbench');
    check(conflict.uri.scheme === 'vscode-remote', `the workspace note is a remote file (got ${conflict.uri.scheme}:)`);
    check(conflict.languageId === 'soapnote', `conflict.soap.yaml has language id soapnote (got ${conflict.languageId})`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    check(ext, `${EXTENSION_ID} is installed`);
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive);
    // A remote extension running in the Node extension host would be Workspace; in the browser it is UI.
    check(ext.extensionKind === vscode.ExtensionKind.UI, `the extension runs on the UI side (extensionKind ${ext.extensionKind})`);
    const info = await waitFor('the language server to be ready', async () => vscode.commands.executeCommand<{ name: string } | undefined>('soapnote._serverInfo'));
    check(info.name === 'soapnote (web worker)', `the server is the web worker's (serverInfo ${JSON.stringify(info)})`);
  });

  test('a remote note gets diagnostics from the worker: an active DVT makes the treatment entry an absolute contraindication', async () => {
    const entry = lineOf(conflict, /^\s*-\s*technique:\s*effleurage/);
    let seen: vscode.Diagnostic[] = [];
    try {
      await waitFor('a contraindication.absolute error', () => {
        seen = vscode.languages.getDiagnostics(conflict.uri);
        return seen.some((d) => d.severity === vscode.DiagnosticSeverity.Error && codeOf(d) === 'contraindication.absolute' && d.range.start.line === entry);
      });
    } catch (e) {
      throw new Error(`${(e as Error).message}; diagnostics: ${JSON.stringify(seen.map((d) => [d.range.start.line, codeOf(d), d.message]))}`);
    }
  });

  test('completion offers techniques after "technique: "', async () => {
    const doc = await openNote('web-completion.soap.yaml', `${HEADER}treatment:
  - technique: ` + `
`);
    const line = lineOf(doc, /^ {2}- technique: $/);
    const pos = new vscode.Position(line, doc.lineAt(line).text.length);
    let labels: string[] = [];
    try {
      await waitFor('completion "effleurage"', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
        labels = (list?.items ?? []).map(labelOf);
        return labels.includes('effleurage');
      });
    } catch (e) {
      throw new Error(`${(e as Error).message}; offered: ${JSON.stringify(labels.slice(0, 40))}`);
    }
  });

  test('a quick fix corrects a misspelt technique', async () => {
    const doc = await openNote('web-quickfix.soap.yaml', `${HEADER}treatment:
  - technique: efleurage
    target: upper trapezius
    side: right
    pressure: light
`);
    const range = doc.lineAt(lineOf(doc, /technique: efleurage/)).range;
    let titles: string[] = [];
    const fix = await waitFor('a quick fix naming effleurage', async () => {
      const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range)) ?? [];
      titles = actions.map((a) => a.title);
      return actions.find((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && /effleurage/i.test(a.title));
    }).catch((e: Error) => {
      throw new Error(`${e.message}; actions offered: ${JSON.stringify(titles)}`);
    });
    check(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), 'the edit applies');
    check(doc.getText().includes('technique: effleurage'), `fixed text:\n${doc.getText()}`);
  });

  test("the worker reads the workspace's .soapnote/config.yaml through the editor (workspace.fs on vscode-remote:)", async () => {
    const config = workspaceUri('.soapnote', 'config.yaml');
    created.push(config);
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('rules:\n  contraindication.absolute: warning\n'));
    const doc = await openNote('web-config.soap.yaml', conflict.getText());
    let seen: vscode.Diagnostic[] = [];
    await waitFor('contraindication.absolute lowered to a warning by the config', () => {
      seen = vscode.languages.getDiagnostics(doc.uri);
      return seen.some((d) => codeOf(d) === 'contraindication.absolute' && d.severity === vscode.DiagnosticSeverity.Warning);
    }).catch((e: Error) => {
      throw new Error(`${e.message}; diagnostics: ${JSON.stringify(seen.map((d) => [d.range.start.line, codeOf(d), d.severity, d.message]))}`);
    });
    check(!seen.some((d) => codeOf(d) === 'contraindication.absolute' && d.severity === vscode.DiagnosticSeverity.Error), 'no error left for the lowered rule');
  });

  test('a command given a remote note as a string (as a code lens gives it) acts on that note, not the active one', async () => {
    await vscode.window.showTextDocument(conflict, vscode.ViewColumn.One);
    const shown = await vscode.commands.executeCommand<{ client?: string; visits: number } | undefined>('soapnote.showHistory', workspaceUri('clean.soap.yaml').toString());
    check(shown?.client === 'C-0142', `the history of clean.soap.yaml's client C-0142 (got ${JSON.stringify(shown)})`);
  });

  test('hover explains a technique', async () => {
    const line = lineOf(conflict, /technique:\s*effleurage/);
    const pos = new vscode.Position(line, conflict.lineAt(line).text.indexOf('effleurage') + 2);
    const text = await waitFor('a hover on "effleurage"', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', conflict.uri, pos);
      const md = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return md.length > 0 ? md : undefined;
    });
    check(/effleurage/i.test(text), `the hover is about effleurage: ${text.slice(0, 200)}`);
  });

  test('the preview opens beside the note and renders alerts, the treatment table and the body map', async () => {
    await vscode.window.showTextDocument(conflict, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('soapnote.openPreviewToSide');
    await waitFor('a webview tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)));
    const html = await waitFor('the preview HTML of conflict.soap.yaml', async () => {
      const h = await vscode.commands.executeCommand<string | undefined>('soapnote._lastPreviewHtml');
      return typeof h === 'string' && h.includes('class="alerts"') && h.includes('C-0311') ? h : undefined;
    });
    check(html.includes('<table class="treatment"'), 'a treatment table');
    check(/<svg\b[^>]*\bclass="[^"]*\bbody-map\b/.test(html), 'the body map');
  });
});
