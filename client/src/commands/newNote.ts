import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FillTemplateRequestMethod, type FillTemplateParams, type FillTemplateResult } from '../../../server/src/protocol';
import { noteFileName, snippetToTemplate, templatesSetting, validateClientId, type Snippet } from '../templates';
import { answersArg } from './answers';

/** Answers instead of the prompts: `executeCommand('soapnote.newNote', {template: 'builtin' or a template's workspace-relative path, client: 'C-0142', folder: workspaceFolderUri, therapist?})`. */
export interface NewNoteAnswers {
  template: string;
  client: string;
  folder: vscode.Uri;
  therapist: string;
}

/** The `template` answer naming the built-in skeleton. */
const BUILTIN = 'builtin';

/** The snippet that doubles as the built-in "blank note" template. */
const SKELETON_SNIPPET = 'SOAP note';

/** A template offered in the quick pick. */
interface TemplateItem extends vscode.QuickPickItem {
  /** {@link BUILTIN}, else the template file's workspace-relative path. */
  id: string;
  load(): Promise<string>;
}

/**
 * The template folder of `folder`: the top-level `templates:` of `.soapnote/config.yaml`, else
 * `.soapnote/templates`. Read with one pattern rather than a YAML parser (the key is a plain
 * folder path; the server validates the whole file), which keeps the client bundle small.
 */
async function templateFolder(folder: vscode.WorkspaceFolder): Promise<string> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.soapnote', 'config.yaml'));
    const dir = templatesSetting(new TextDecoder().decode(bytes));
    if (dir !== undefined) {
      return dir;
    }
  } catch {
    // No config: the default folder.
  }
  return '.soapnote/templates';
}

/** The built-in skeleton, then the workspace folder's own templates (`*.soap.yaml` in its template folder). */
async function templates(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder | undefined): Promise<TemplateItem[]> {
  const items: TemplateItem[] = [{
    id: BUILTIN,
    label: `$(file) ${vscode.l10n.t('Blank SOAP note')}`,
    description: vscode.l10n.t('built in'),
    detail: vscode.l10n.t('Header, health screening, S, O, treatment, A and P with example values to overwrite'),
    load: async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'snippets', 'soapnote.json'));
      const snippets = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, Snippet>;
      const skeleton = snippets[SKELETON_SNIPPET];
      if (!skeleton) {
        throw new Error(`the snippet "${SKELETON_SNIPPET}" is missing from snippets/soapnote.json`);
      }
      return snippetToTemplate(skeleton);
    },
  }];
  if (folder) {
    const dir = await templateFolder(folder);
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `${dir}/*.soap.{yaml,yml}`), null, 200);
    files.sort((a, b) => a.path.localeCompare(b.path));
    for (const uri of files) {
      items.push({
        id: vscode.workspace.asRelativePath(uri, false),
        label: `$(file-code) ${uri.path.split('/').pop()?.replace(/\.soap\.ya?ml$/i, '') ?? uri.path}`,
        description: vscode.workspace.asRelativePath(uri, false),
        load: async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)),
      });
    }
  }
  return items;
}

/** The folder the new note goes in: the active editor's workspace folder, else the first one. */
function targetFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * "New Note": pick a template (built-in or the clinic's), enter the client id, and get an unsaved
 * `CLIENT-DATE.soap.yaml` in the workspace folder with `{{client}}`, `{{date}}`, `{{therapist}}` and
 * `{{visit}}` filled in by the language server. Saving writes it there without a dialog; with no folder open it is a plain untitled note.
 * With `answers` ({@link NewNoteAnswers}) nothing is asked. Returns the new document's URI.
 */
export async function newNote(context: vscode.ExtensionContext, client: LanguageClient, answersArgument?: unknown): Promise<vscode.Uri | undefined> {
  const answers = answersArg<NewNoteAnswers>(answersArgument);
  const folder = (answers?.folder instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(answers.folder) : undefined) ?? targetFolder();
  const picked = answers
    ? (await templates(context, folder)).find((t) => t.id === (answers.template ?? BUILTIN))
    : await vscode.window.showQuickPick(templates(context, folder), {
      title: vscode.l10n.t('New SOAP note (1/2): template'),
      placeHolder: vscode.l10n.t('Choose a template'),
      matchOnDescription: true,
    });
  if (!picked) {
    if (answers) {
      void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: no template {0}.', JSON.stringify(answers.template)));
    }
    return undefined;
  }
  let template: string;
  try {
    template = await picked.load();
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: cannot read the template: {0}', e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  const clientId = answers ? answers.client ?? '' : await vscode.window.showInputBox({
    title: vscode.l10n.t('New SOAP note (2/2): client id'),
    prompt: vscode.l10n.t("The client's pseudonymous id (never a name: notes are health records)"),
    placeHolder: 'C-0142',
    validateInput: (value) => validateClientId(value),
  });
  if (clientId === undefined) {
    return undefined;
  }
  const invalid = validateClientId(clientId);
  if (invalid) {
    void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: client id {0}: {1}', JSON.stringify(clientId), invalid));
    return undefined;
  }
  let therapist = answers?.therapist ?? vscode.workspace.getConfiguration('soapnote', folder).get<string>('therapistName', '').trim();
  if (!therapist && !answers && /\{\{\s*therapist\s*\}\}/.test(template)) {
    const asked = await vscode.window.showInputBox({
      title: vscode.l10n.t('New SOAP note: therapist'),
      prompt: vscode.l10n.t('Your name as it goes in "therapist:" (set soapnote.therapistName to skip this question)'),
      placeHolder: 'J. Lee, RMT',
    });
    if (asked === undefined) {
      return undefined;
    }
    therapist = asked.trim();
  }
  // The server fills the template: one filler for the editor and `soapnote new`, the workspace's
  // "today" (its config may pin it), and the visit number counted from the client's earlier notes.
  const folderUri = (folder?.uri ?? vscode.Uri.file(context.globalStorageUri.fsPath)).toString();
  let filled: FillTemplateResult | null;
  try {
    filled = await client.sendRequest<FillTemplateResult | null>(FillTemplateRequestMethod, { folderUri, template, client: clientId, therapist } satisfies FillTemplateParams);
  } catch (e) {
    filled = null;
    void vscode.window.showErrorMessage(vscode.l10n.t('soapnote: the language server could not fill the template: {0}', e instanceof Error ? e.message : String(e)));
  }
  if (!filled) {
    return undefined;
  }
  const { text, date } = filled;

  let doc: vscode.TextDocument;
  if (folder) {
    const openPaths = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
    const taken = new Set<string>();
    const isTaken = (candidate: string) => taken.has(candidate) || openPaths.has(vscode.Uri.joinPath(folder.uri, candidate).path);
    let name = noteFileName(clientId, date, isTaken);
    while (await exists(vscode.Uri.joinPath(folder.uri, name))) {
      taken.add(name);
      name = noteFileName(clientId, date, isTaken);
    }
    // An untitled document with a path: unsaved until the therapist saves, then written there without a dialog.
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name).with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    if (doc.languageId !== 'soapnote') {
      doc = await vscode.languages.setTextDocumentLanguage(doc, 'soapnote');
    }
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'soapnote', content: text });
  }
  const editor = await vscode.window.showTextDocument(doc);
  // Put the cursor on the first thing to write: the complaint, else the top.
  const line = text.split(/\r?\n/).findIndex((l) => /^\s*complaint:/.test(l));
  if (line >= 0) {
    const end = doc.lineAt(line).range.end;
    editor.selection = new vscode.Selection(end, end);
    editor.revealRange(new vscode.Range(end, end));
  }
  return doc.uri;
}
