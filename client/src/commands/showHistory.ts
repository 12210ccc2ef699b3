import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { noteDocument, targetNoteUri } from '../noteDocuments';
import { requestHistory } from '../reportRequests';

/** The progress panel's webview view type. */
export const HISTORY_VIEW_TYPE = 'soapnote.history';

/** What `soapnote.showHistory` showed (returned to its caller; the end-to-end test reads it). */
export interface HistoryShown {
  client?: string;
  visits: number;
}

/**
 * "Progress Across Visits": one webview panel with the server's history page (trend chart and visit
 * table) of the client of a note. The page is static: no scripts, no forms, no command links, and
 * nothing loads but its own nonce'd style.
 */
export class HistoryPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient) {}

  /** Shows the progress of the client of the note `arg` names, else of the active note, else of `fallback` (the previewed note). */
  async show(arg: unknown, fallback: vscode.Uri | undefined): Promise<HistoryShown | undefined> {
    const uri = targetNoteUri(arg, fallback);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t("soapnote: open a note (*.soap.yaml) to see its client's progress across visits."));
      return undefined;
    }
    await noteDocument(uri); // the server answers only for notes it has open
    const result = await requestHistory(this.client, { uri: uri.toString(), nonce: randomBytes(18).toString('base64') });
    if (!result) {
      void vscode.window.showWarningMessage(vscode.l10n.t('soapnote: the language server could not collect the visits. See the "soapnote" output channel.'));
      return undefined;
    }
    if (!result.client || !result.html) {
      const why = result.client ? `no dated notes of client ${result.client} were found in this workspace folder` : 'this note has no client id';
      void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: no progress to show: {0}.', why));
      return { client: result.client, visits: result.visits };
    }
    const panel = this.panel ?? this.create();
    panel.title = `Progress ${result.client}`;
    panel.webview.html = result.html;
    panel.reveal(undefined, false);
    return { client: result.client, visits: result.visits };
  }

  private create(): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel(HISTORY_VIEW_TYPE, 'Progress', vscode.ViewColumn.Beside, {
      enableScripts: false,
      enableForms: false,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [media],
    });
    panel.iconPath = { light: vscode.Uri.joinPath(media, 'note-light.svg'), dark: vscode.Uri.joinPath(media, 'note-dark.svg') };
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    this.panel = panel;
    return panel;
  }

  /** Closes the panel. */
  dispose(): void {
    this.panel?.dispose();
  }
}
