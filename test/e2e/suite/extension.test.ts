/**
 * In-editor tests: the real extension (`soapnote.soapnote`) and its language server inside VS Code's
 * extension host, against the workspace test/e2e/workspace/ (opened by test/e2e/run-e2e.sh).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import * as editorHelpers from '../editorHelpers';
import { codeOf, labelOf, lineOf } from '../editorHelpers';

const EXTENSION_ID = 'soapnote.soapnote';

/** {@link editorHelpers.waitFor} with this suite's patience. */
const waitFor = <T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 15000): Promise<T> => editorHelpers.waitFor(what, fn, ms);


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

/** The workspace folder the run opened (a temp copy of test/e2e/workspace/, see run-e2e.sh). */
function workspaceFolder(): vscode.WorkspaceFolder {
  const ws = vscode.workspace.workspaceFolders?.[0];
  assert.ok(ws, 'a workspace folder is open (test/e2e/workspace)');
  return ws;
}

/** The text of a note of the workspace (tests work on copies of it, never on the note itself). */
function workspaceNote(name: string): string {
  return fs.readFileSync(path.join(workspaceFolder().uri.fsPath, name), 'utf8');
}

/** Today as `YYYY-MM-DD` in local time, as "New Note" dates a note. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Rule ids of the diagnostics VS Code has for `uri`. */
function ruleIds(uri: vscode.Uri): (string | number | undefined)[] {
  return vscode.languages.getDiagnostics(uri).map(codeOf);
}

/** Replaces the whole text of `doc` (unsaved). */
async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}

const HEADER = `soapnote: 1
client: C-0901
date: 2026-11-20
therapist: J. Lee, RMT
`;

suite('soapnote in VS Code', () => {
  let conflict: vscode.TextDocument;
  /** Files a test created inside the workspace folder, deleted after it. */
  const created: string[] = [];

  suiteSetup(async () => {
    // word-based suggestions (words of open documents, e.g. "effleurage") would mask a missing provider
    await vscode.workspace.getConfiguration('editor').update('wordBasedSuggestions', 'off', vscode.ConfigurationTarget.Global);
    // local history copies each saved note after the save, racing the deletion of the notes tests create
    await vscode.workspace.getConfiguration('workbench').update('localHistory.enabled', false, vscode.ConfigurationTarget.Global);
    const ws = vscode.workspace.workspaceFolders?.[0];
    assert.ok(ws, 'a workspace folder is open (test/e2e/workspace)');
    conflict = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ws.uri, 'conflict.soap.yaml'));
    await vscode.window.showTextDocument(conflict);
  });

  teardown(() => {
    for (const file of created.splice(0)) {
      fs.rmSync(file, { force: true });
    }
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

  test('"New Note" from the built-in skeleton opens CLIENT-TODAY.soap.yaml as a soapnote note, saved into the folder', async () => {
    const ws = workspaceFolder();
    const name = `C-0777-${today()}.soap.yaml`;
    const file = path.join(ws.uri.fsPath, name);
    created.push(file);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('soapnote.newNote', { template: 'builtin', client: 'C-0777', folder: ws.uri, therapist: 'J. Lee, RMT' });
    assert.ok(uri, 'the command returns the new note');
    assert.equal(path.posix.basename(uri.path), name);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'an editor is active');
    assert.equal(doc.uri.toString(), uri.toString(), 'the new note is the active editor');
    assert.equal(doc.languageId, 'soapnote');
    assert.match(doc.getText(), /^client: C-0777$/m);
    assert.match(doc.getText(), new RegExp(`^date: ${today()}$`, 'm'));
    assert.ok(await doc.save(), 'saves without a dialog');
    assert.match(fs.readFileSync(file, 'utf8'), /^client: C-0777$/m, `${name} is written into the workspace folder`);
  });

  test('"New Note" from a workspace template fills every placeholder, {{visit}} too (the server fills it)', async () => {
    const ws = workspaceFolder();
    const dir = path.join(ws.uri.fsPath, '.soapnote', 'templates');
    fs.mkdirSync(dir, { recursive: true });
    const template = path.join(dir, 'e2e-follow-up.soap.yaml');
    fs.writeFileSync(template, 'soapnote: 1\nclient: {{client}}\ndate: {{date}}\ntherapist: {{therapist}}\nvisit: {{visit}}\n');
    created.push(template);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('soapnote.newNote', { template: '.soapnote/templates/e2e-follow-up.soap.yaml', client: 'C-0778', folder: ws.uri, therapist: 'J. Lee, RMT' });
    assert.ok(uri, 'the command returns the new note');
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /^visit: 1$/m);
    assert.match(text, /^therapist: "J\. Lee, RMT"$/m);
    assert.doesNotMatch(text, /\{\{/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('"Sign Note" signs a clean note and saves it; the signature checks until the note is edited', async () => {
    const doc = await openNote(workspaceNote('clean.soap.yaml'));
    const outcome = await vscode.commands.executeCommand('soapnote.signNote', doc.uri, { by: 'J. Lee, RMT', at: '2026-11-20T18:05:00Z' });
    assert.deepEqual(outcome, { signed: true });
    assert.equal(doc.isDirty, false, 'saved');
    const signed = fs.readFileSync(doc.uri.fsPath, 'utf8');
    assert.equal(signed, doc.getText());
    assert.match(signed, /^signed:\r?\n {2}by: "J\. Lee, RMT"\r?\n {2}at: "2026-11-20T18:05:00Z"\r?\n {2}sha256: "[0-9a-f]{64}"\r?\n?$/m);
    // A signature.mismatch appears once the content changes and goes once it is restored: so its absence
    // for the signed text is the server's verdict, not a check that has not run yet.
    await setText(doc, signed.replace('Neck and shoulder tension', 'Neck tension'));
    await waitFor('signature.mismatch on the edited note', () => ruleIds(doc.uri).includes('signature.mismatch'));
    await setText(doc, signed);
    await waitFor('no signature.mismatch once the signed text is restored', () => !ruleIds(doc.uri).includes('signature.mismatch'));
    assert.ok(await doc.save());
  });

  test('"Sign Note" refuses a note with errors and leaves it unchanged', async () => {
    const doc = await openNote(workspaceNote('conflict.soap.yaml'));
    await waitFor('the contraindication error', () => ruleIds(doc.uri).includes('contraindication.absolute'));
    const before = doc.getText();
    const outcome = await vscode.commands.executeCommand<{ signed: boolean; reason?: string }>('soapnote.signNote', doc.uri, { by: 'J. Lee, RMT' });
    assert.equal(outcome.signed, false);
    assert.match(outcome.reason ?? '', /error/i, 'the reason names the errors');
    assert.equal(doc.getText(), before, 'the text is unchanged');
    assert.equal(doc.isDirty, false);
    assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), before);
  });

  test("a follow-up note gets the conflict with the DVT its client's intake note recorded, and the preview shows it with its date", async () => {
    const ws = workspaceFolder().uri.fsPath;
    const intake = path.join(ws, 'C-0950-2026-09-08.soap.yaml');
    const followUp = path.join(ws, 'C-0950-2026-09-15.soap.yaml');
    created.push(intake, followUp);
    // The intake note is on disk only: the server's note index learns of it from the file watcher.
    fs.writeFileSync(intake, 'soapnote: 1\nclient: C-0950\ndate: 2026-09-08\ntherapist: J. Lee, RMT\nvisit: 1\nhealth:\n  conditions:\n    - {condition: deep vein thrombosis, region: calf, side: left, status: active}\n');
    fs.writeFileSync(followUp, 'soapnote: 1\nclient: C-0950\ndate: 2026-09-15\ntherapist: J. Lee, RMT\nvisit: 2\nsubjective: {complaint: tight calves, pain: 4}\ntreatment:\n  - {technique: effleurage, target: gastrocnemius, side: left, pressure: light, minutes: 10}\nassessment: {pain_after: 2}\nplan: {next_visit: 2026-09-22, home_care: [walk daily]}\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(followUp));
    await vscode.window.showTextDocument(doc);
    const carried = await waitFor('the carried DVT as a contraindication.absolute error on the follow-up', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'contraindication.absolute' && /recorded 2026-09-08/.test(d.message)), 30000);
    assert.ok(carried.relatedInformation?.some((r) => r.location.uri.fsPath === intake), 'related information points at the intake note');
    await vscode.commands.executeCommand('soapnote.openPreviewToSide');
    await waitFor('the preview lists the carried condition with its source date', async () => {
      const h = await vscode.commands.executeCommand<string | undefined>('soapnote._lastPreviewHtml');
      return typeof h === 'string' && h.includes('C-0950') && /deep vein thrombosis/i.test(h) && h.includes('2026-09-08');
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('"Check All Notes" checks a note no editor has opened', async () => {
    await vscode.workspace.saveAll(false); // the quick-fix note is dirty: closing it would ask
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const file = path.join(workspaceFolder().uri.fsPath, `check-all-${Date.now()}.soap.yaml`);
    fs.writeFileSync(file, workspaceNote('conflict.soap.yaml'));
    created.push(file);
    const uri = vscode.Uri.file(file);
    assert.deepEqual(ruleIds(uri), [], 'no diagnostics before the command');
    const totals = await vscode.commands.executeCommand<{ notes: number; errors: number; unchecked: number }>('soapnote.checkWorkspace', { showProblems: false });
    assert.ok(totals.notes >= 3, `checked ${totals.notes} notes`);
    assert.equal(totals.unchecked, 0);
    assert.ok(totals.errors >= 2, 'the errors of conflict.soap.yaml and of its copy are counted');
    await waitFor('the contraindication error on the unopened note', () => ruleIds(uri).includes('contraindication.absolute'));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(!tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()), 'the note is not shown in an editor');
  });

  test('"Copy Report as Markdown" puts the report with its treatment table on the clipboard', async () => {
    await openNote(workspaceNote('clean.soap.yaml'));
    const markdown = await vscode.commands.executeCommand<string | undefined>('soapnote.copyMarkdown');
    assert.ok(markdown, 'the command returns the Markdown');
    assert.match(markdown, /^## Treatment$/m);
    assert.match(markdown, /^\|\s*\|\s*Technique\s*\|\s*Target\s*\|/m);
    assert.match(markdown, /^\|\s*\|\s*petrissage\s*\|\s*upper trapezius\s*\|\s*right\s*\|/m);
    assert.equal(await vscode.env.clipboard.readText(), markdown);
  });

  test('"Export Report as HTML" writes a self-contained file', async () => {
    const doc = await openNote(workspaceNote('clean.soap.yaml'));
    const target = vscode.Uri.file(path.join(tmpDir, 'report.html'));
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('soapnote.exportHtml', doc.uri, { target });
    assert.equal(saved?.toString(), target.toString());
    const html = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy"/);
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/\b(?:src|href)="(?:https?:|vscode-|file:)/i.test(html), 'loads nothing from outside the file');
    assert.ok(html.includes('<table class="treatment"'), 'the treatment table');
  });

  test('"Restart Language Server" leaves a server that answers', async () => {
    await vscode.commands.executeCommand('soapnote.restartServer');
    const doc = await openNote(`${HEADER}treatment:
  - technique: ` + `
`);
    const line = lineOf(doc, /^  - technique: $/);
    await completionLabels(doc, new vscode.Position(line, doc.lineAt(line).text.length), 'effleurage');
  });

  test('completion in a pack under .soapnote/packs/ offers technique ids inside a rule\'s techniques: [...]', async () => {
    const dir = path.join(workspaceFolder().uri.fsPath, '.soapnote', 'packs');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'e2e-clinic.yaml');
    fs.writeFileSync(file, 'soapnote_pack: 1\nid: e2e-clinic\nname: E2E clinic\nconditions:\n  - id: fresh-tattoo\n    name: fresh tattoo\n    description: A tattoo less than two weeks old.\n    category: contraindication\n    rules:\n      - type: local\n        techniques: [effl]\n        message: Keep off it until it has healed.\n');
    created.push(file);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'yaml', 'a pack stays YAML (it is not a note)');
    const line = lineOf(doc, /techniques: \[effl\]/);
    const labels = await completionLabels(doc, new vscode.Position(line, doc.lineAt(line).text.indexOf(']')), 'effleurage');
    assert.ok(labels.every((l) => !/^(client|treatment)$/.test(l)), `no note keys in a pack: ${JSON.stringify(labels.slice(0, 20))}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('with a rubric in .soapnote/, a note shows its grade in a code lens beside Preview and History', async () => {
    const dir = path.join(workspaceFolder().uri.fsPath, '.soapnote');
    fs.mkdirSync(dir, { recursive: true });
    const rubric = path.join(dir, 'rubric.yaml');
    fs.writeFileSync(
      rubric,
      'soapnote_rubric: 1\ntitle: E2E class\ncriteria:\n  - {id: home-care, check: home-care, points: 1, message: Give home care.}\n  - {id: signed, check: signed, points: 1, message: Sign the note.}\n',
    );
    created.push(rubric);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceFolder().uri.fsPath, 'clean.soap.yaml')));
    await vscode.window.showTextDocument(doc);
    const titles = await waitFor('a grade lens on the note', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      const all = lenses.map((l) => l.command?.title ?? '');
      return all.some((t) => /^Grade \d+\/2/.test(t)) ? all : undefined;
    }, 30000);
    assert.ok(titles.includes('Preview'), JSON.stringify(titles));
    assert.ok(titles.some((t) => /^History: \d+ visit/.test(t)), JSON.stringify(titles));
    assert.ok(titles.some((t) => /missed: .*signed/.test(t)), `the unsigned note misses "signed": ${JSON.stringify(titles)}`);
  });
});
