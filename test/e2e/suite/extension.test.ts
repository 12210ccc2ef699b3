/**
 * In-editor tests: the real extension (`soapnote.soapnote`) and its language server inside VS Code's
 * extension host, against the workspace test/e2e/workspace/ (opened by test/e2e/run-e2e.sh).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'soapnote.soapnote';

/** Polls `fn` every 200 ms until it returns a truthy value; fails with `what` after `ms`. */
async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 15000): Promise<T> {
  const end = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) {
        return v;
      }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** 0-based number of the first line of `doc` matching `re`. */
function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) {
    if (re.test(doc.lineAt(i).text)) {
      return i;
    }
  }
  throw new Error(`no line matching ${re} in ${doc.uri.toString()}`);
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soapnote-e2e-'));
let tmpCount = 0;

/** Writes `text` to a fresh `*.soap.yaml` outside the workspace and opens it as a soapnote document. */
async function openNote(text: string): Promise<vscode.TextDocument> {
  const file = path.join(tmpDir, `note-${++tmpCount}.soap.yaml`);
  fs.writeFileSync(file, text);
  let doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  if (doc.languageId !== 'soapnote') {
    doc = await vscode.languages.setTextDocumentLanguage(doc, 'soapnote');
  }
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  return doc;
}

/** Labels offered at `pos`, once the language server offers `expected` (it may still be starting). */
async function completionLabels(doc: vscode.TextDocument, pos: vscode.Position, expected: string): Promise<string[]> {
  let labels: string[] = [];
  try {
    await waitFor(`completion "${expected}" at ${pos.line + 1}:${pos.character + 1}`, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      labels = (list?.items ?? []).map(labelOf);
      return labels.includes(expected);
    });
  } catch (e) {
    throw new Error(`${(e as Error).message}; offered: ${JSON.stringify(labels.slice(0, 40))}`);
  }
  return labels;
}

const HEADER = `soapnote: 1
client: C-0901
date: 2026-11-20
therapist: J. Lee, RMT
`;

suite('soapnote in VS Code', () => {
  let conflict: vscode.TextDocument;

  suiteSetup(async () => {
    // word-based suggestions (words of open documents, e.g. "effleurage") would mask a missing provider
    await vscode.workspace.getConfiguration('editor').update('wordBasedSuggestions', 'off', vscode.ConfigurationTarget.Global);
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open (test/e2e/workspace)');
    conflict = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ws.uri, 'conflict.soap.yaml'));
    await vscode.window.showTextDocument(conflict);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  test('opening a *.soap.yaml note activates the extension', async function () {
    assert.strictEqual(conflict.languageId, 'soapnote', 'conflict.soap.yaml gets language id soapnote');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive);
    const ms = await waitFor('the language server to be ready', async () => vscode.commands.executeCommand<number | undefined>('soapnote._activationMs'));
    // Reported, not asserted: timings belong in benchmarks; this is the only place activation can be measured.
    // The runner prints test titles, so the figure goes there.
    if (this.test) {
      this.test.title += ` (activation to a running language server: ${ms.toFixed(0)} ms)`;
    }
  });

  test('an active deep vein thrombosis makes the treatment entry an absolute contraindication error', async () => {
    const entry = lineOf(conflict, /^\s*-\s*technique:\s*effleurage/);
    let seen: vscode.Diagnostic[] = [];
    try {
      await waitFor('a contraindication.absolute error', () => {
        seen = vscode.languages.getDiagnostics(conflict.uri);
        return seen.some((d) => d.severity === vscode.DiagnosticSeverity.Error && codeOf(d) === 'contraindication.absolute');
      });
    } catch (e) {
      throw new Error(`${(e as Error).message}; diagnostics: ${JSON.stringify(seen.map((d) => [d.range.start.line, codeOf(d), d.message]))}`);
    }
    const hits = seen.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && codeOf(d) === 'contraindication.absolute');
    assert.ok(
      hits.some((d) => d.range.start.line === entry),
      `an error starts on the treatment entry's line ${entry + 1}; got lines ${hits.map((d) => d.range.start.line + 1).join(', ')}`,
    );
  });

  test('completion offers techniques after "technique: " and targets after "target: "', async () => {
    const doc = await openNote(`${HEADER}treatment:
  - technique: petrissage
    target: erector spinae
  - technique: ` + `
`);
    const techLine = lineOf(doc, /^  - technique: $/);
    await completionLabels(doc, new vscode.Position(techLine, doc.lineAt(techLine).text.length), 'effleurage');

    const doc2 = await openNote(`${HEADER}treatment:
  - technique: effleurage
    target: ` + `
`);
    const targetLine = lineOf(doc2, /^    target: $/);
    await completionLabels(doc2, new vscode.Position(targetLine, doc2.lineAt(targetLine).text.length), 'upper trapezius');
  });

  test('a quick fix corrects a misspelt technique', async () => {
    const doc = await openNote(`${HEADER}treatment:
  - technique: efleurage
    target: upper trapezius
    side: right
    pressure: light
`);
    const line = lineOf(doc, /technique: efleurage/);
    const range = doc.lineAt(line).range;
    let titles: string[] = [];
    let fix: vscode.CodeAction | undefined;
    try {
      fix = await waitFor('a code action with an edit on the misspelt technique', async () => {
        const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider', doc.uri, range, undefined, 10)) ?? [];
        const withEdit = actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
        titles = actions.map((a) => a.title);
        return withEdit.find((a) => /effleurage/i.test(a.title)) ?? withEdit[0];
      });
    } catch (e) {
      throw new Error(`${(e as Error).message}; actions offered: ${JSON.stringify(titles)}`);
    }
    assert.ok(fix.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    assert.ok(doc.getText().includes('technique: effleurage'), `fixed text:\n${doc.getText()}`);
  });

  test('the preview opens beside the note and renders alerts, the treatment table and the body map', async () => {
    await vscode.window.showTextDocument(conflict, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('soapnote.openPreviewToSide');
    await waitFor('a webview tab', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)));
    const html = await waitFor('the preview HTML of conflict.soap.yaml', async () => {
      const h = await vscode.commands.executeCommand<string | undefined>('soapnote._lastPreviewHtml');
      return typeof h === 'string' && h.includes('class="alerts"') ? h : undefined;
    });
    assert.ok(html.includes('class="alerts"'), 'an alerts block');
    assert.ok(html.includes('<table class="treatment"'), 'a treatment table');
    assert.ok(html.includes('<svg'), 'an svg');
    assert.match(html, /<svg\b[^>]*\bclass="[^"]*\bbody-map\b/, 'the svg is the body map');
  });

  test('the preview escapes note text (no script injection)', async () => {
    await openNote(`${HEADER}subjective:
  complaint: "<script>window.__pwned=1</script>"
  pain: 3
`);
    await vscode.commands.executeCommand('soapnote.openPreviewToSide');
    const html = await waitFor('the preview HTML of the injection note', async () => {
      const h = await vscode.commands.executeCommand<string | undefined>('soapnote._lastPreviewHtml');
      return typeof h === 'string' && h.includes('window.__pwned') ? h : undefined;
    });
    assert.ok(html.includes('&lt;script&gt;'), 'the complaint is HTML-escaped');
    assert.ok(!html.includes('<script>window.__pwned'), 'no raw script from the note');
  });
  test('"Show Progress Across Visits" opens the progress of the client of clean.soap.yaml', async () => {
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws);
    const clean = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ws.uri, 'clean.soap.yaml'));
    await vscode.window.showTextDocument(clean, vscode.ViewColumn.One);
    const shown = await vscode.commands.executeCommand<{ client?: string; visits: number } | undefined>('soapnote.showHistory');
    assert.deepStrictEqual(shown, { client: 'C-0142', visits: 1 });
    await waitFor('the progress tab', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Progress C-0142')));
    await vscode.commands.executeCommand('soapnote.openPreviewToSide');
    await waitFor('the preview links to the progress', async () => {
      const h = await vscode.commands.executeCommand<string | undefined>('soapnote._lastPreviewHtml');
      return typeof h === 'string' && h.includes('C-0142') && h.includes('<a class="history" href="#history">');
    });
  });
});
