import * as vscode from 'vscode';
// The base client: the desktop extension's (Node) and the web extension's (browser) alike.
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { FindingCountsNotification, type FindingCounts } from '../../server/src/protocol';

/**
 * The findings per note as the server last announced them (`soapnote/findingCounts`, sent with
 * every diagnostics publish): the status bar shows them and "Check All Notes" waits for them.
 */
export class FindingCountsStore implements vscode.Disposable {
  private readonly counts = new Map<string, FindingCounts>();
  private readonly emitter = new vscode.EventEmitter<FindingCounts>();
  private readonly subscriptions: vscode.Disposable[];
  /** Fires with each announcement. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: LanguageClient) {
    this.subscriptions = [
      client.onNotification(FindingCountsNotification, (c: FindingCounts) => {
        this.counts.set(c.uri, c);
        this.emitter.fire(c);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.counts.delete(d.uri.toString())),
      this.emitter,
    ];
  }

  /** The counts for `uri`: the last announcement, else counted from the client's diagnostics, else undefined. */
  get(uri: vscode.Uri): FindingCounts | undefined {
    const announced = this.counts.get(uri.toString());
    if (announced) {
      return announced;
    }
    // Only while running: the getter creates the collection lazily, and `start()` would then orphan it.
    const diagnostics = this.client.isRunning() ? this.client.diagnostics?.get(uri) : undefined;
    if (!diagnostics) {
      return undefined;
    }
    const count = (...s: vscode.DiagnosticSeverity[]) => diagnostics.filter((d) => s.includes(d.severity)).length;
    return {
      uri: uri.toString(),
      errors: count(vscode.DiagnosticSeverity.Error),
      warnings: count(vscode.DiagnosticSeverity.Warning),
      infos: count(vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint),
    };
  }

  /** Stops listening. */
  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}
