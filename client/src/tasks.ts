import * as vscode from 'vscode';

/** The task definition contributed in package.json (`taskDefinitions`, type `soapnote`). */
interface SoapnoteTaskDefinition extends vscode.TaskDefinition {
  command: 'check';
  args?: string[];
}

/**
 * Builds the `soapnote check` task for a workspace folder: `npx soapnote check` in the folder, with
 * colour off so the `$soapnote` problem matcher reads the stylish output and fills the Problems panel.
 */
export function checkTask(folder: vscode.WorkspaceFolder, definition: SoapnoteTaskDefinition = { type: 'soapnote', command: 'check' }): vscode.Task {
  const args = ['soapnote', definition.command, ...(definition.args ?? [])];
  const execution = new vscode.ShellExecution('npx', args, { cwd: folder.uri.fsPath, env: { NO_COLOR: '1' } });
  const task = new vscode.Task(definition, folder, vscode.l10n.t('check notes'), 'soapnote', execution, ['$soapnote']);
  task.group = vscode.TaskGroup.Test;
  return task;
}

/** Offers `soapnote: check notes` for every workspace folder (Terminal > Run Task), and resolves tasks.json entries of type `soapnote`. */
export function registerTaskProvider(): vscode.Disposable {
  return vscode.tasks.registerTaskProvider('soapnote', {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => checkTask(f)),
    resolveTask: (task) => {
      const definition = task.definition as SoapnoteTaskDefinition;
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return definition.command === 'check' && folder ? checkTask(folder, definition) : undefined;
    },
  });
}
