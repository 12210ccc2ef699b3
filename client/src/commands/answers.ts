import * as vscode from 'vscode';

/**
 * The answers object a caller (the e2e suite, a keybinding, another extension) passes to a command
 * instead of the user answering its prompts; undefined for no argument and for the arguments menus
 * pass (a Uri, the explorer's Uri[]), so those keep the interactive path.
 */
export function answersArg<T extends object>(arg: unknown): Partial<T> | undefined {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || arg instanceof vscode.Uri) {
    return undefined;
  }
  return arg as Partial<T>;
}
