import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { activeNoteEditor, isNoteDocument, noteDocument, targetNoteUri } from '../noteDocuments';
import { requestRender } from '../reportRequests';
import { setLastPreviewHtml } from './lastHtml';
import { isFromWebview, type FromWebview, type ToWebview } from './messages';

/** The preview's webview view type (also the key its serializer restores panels under). */
export const PREVIEW_VIEW_TYPE = 'soapnote.preview';
/** At most one render per this many milliseconds while the note is being typed. */
const RENDER_THROTTLE_MS = 200;
/** After the preview scrolls the editor (or the other way round), echoes are ignored this long. */
const ECHO_MS = 300;
/** The report's "Progress across visits" link target, which `client/media/preview.js` catches. */
const HISTORY_HREF = '#history';

/** What the webview panel remembers across reloads (set by `client/media/preview.js`). */
interface PreviewState {
  uri?: string;
}

/**
 * The live report preview: one webview panel that shows the note of the active editor, re-rendered
 * by the language server as the note changes (throttled; stale versions dropped), scroll-synced with
 * the editor both ways, and restored after a window reload. The report HTML (escaping, CSP, styles)
 * is the server's; this only passes it the webview's nonce, CSP source and scroll script.
 */
export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** Version of the note last put in the panel; older results are dropped. */
  private renderedVersion = -1;
  private renderedHtml: string | undefined;
  private nonce = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private quietEditorUntil = 0;

  constructor(private readonly context: vscode.ExtensionContext, private readonly client: LanguageClient, private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: PreviewState | undefined) => this.restore(panel, state),
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Follow the active note; an editor that is not a note (or the preview taking focus) changes nothing.
        if (this.panel && editor && isNoteDocument(editor.document) && editor.document.uri.toString() !== this.uri?.toString()) {
          this.showNote(editor.document.uri);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri?.toString() && e.contentChanges.length > 0) {
          this.scheduleRender();
        }
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e.textEditor, e.visibleRanges)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('soapnote.preview')) {
          this.post(this.initMessage());
        }
      }),
    );
  }

  /** The note the preview shows, if it is open. */
  get currentUri(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  /** Opens (or reveals) the preview of the note `arg` names or of the active note; `toSide` puts it beside the editor. */
  async open(arg: unknown, toSide: boolean): Promise<void> {
    const uri = targetNoteUri(arg, this.currentUri);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('soapnote: open a note (*.soap.yaml) to preview it.'));
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      this.panel.reveal(this.panel.visible && toSide ? this.panel.viewColumn : column, toSide);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, {
        enableFindWidget: true,
        retainContextWhenHidden: false,
      });
      this.attach(panel);
    }
    this.showNote(uri);
  }

  /** Puts a panel VS Code restored after a reload back to work on the note it showed. */
  private async restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    if (this.panel || !state?.uri) {
      panel.dispose();
      return;
    }
    this.attach(panel);
    this.showNote(vscode.Uri.parse(state.uri));
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = {
      enableScripts: true, // only the nonce'd scroll-sync script: the report's CSP allows nothing else
      enableForms: false,
      enableCommandUris: false,
      localResourceRoots: [this.mediaUri()],
    };
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.mediaUri(), 'note-light.svg'),
      dark: vscode.Uri.joinPath(this.mediaUri(), 'note-dark.svg'),
    };
    this.panelDisposables = [
      panel.onDidDispose(() => this.detach()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m)) {
          void this.received(m);
        }
      }),
    ];
  }

  private detach(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    vscode.Disposable.from(...this.panelDisposables).dispose();
    this.panelDisposables = [];
    this.panel = undefined;
    this.uri = undefined;
  }

  /** Switches the panel to `uri` (a new note starts with a fresh version count and nonce) and renders it. */
  private showNote(uri: vscode.Uri): void {
    if (!this.panel) {
      return;
    }
    if (uri.toString() !== this.uri?.toString()) {
      this.uri = uri;
      this.renderedVersion = -1;
      this.renderedHtml = undefined;
      this.nonce = randomBytes(18).toString('base64');
      const name = uri.path.split('/').pop() ?? uri.path;
      this.panel.title = `Preview ${name}`;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.render();
  }

  /** Renders at most once per {@link RENDER_THROTTLE_MS} while typing, always including the last change. */
  private scheduleRender(): void {
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.render();
      }, RENDER_THROTTLE_MS);
    }
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) {
      return;
    }
    try {
      await noteDocument(uri); // the server renders only notes it has open
      const result = await requestRender(this.client, {
        uri: uri.toString(),
        format: 'html',
        nonce: this.nonce,
        cspSource: panel.webview.cspSource,
        scripts: [panel.webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri(), 'preview.js')).toString()],
        // An in-page link that preview.js turns into a message: no command URIs in the webview.
        historyHref: HISTORY_HREF,
      });
      if (panel !== this.panel || uri.toString() !== this.uri?.toString()) {
        return; // the panel moved on to another note (or closed) while the server was rendering
      }
      if (!result?.html) {
        this.showMessage(`The language server has no report for ${uri.path.split('/').pop()} yet. It renders once the note is open.`);
        return;
      }
      const version = result.version ?? 0;
      if (version < this.renderedVersion) {
        return; // a newer version is already shown
      }
      this.renderedVersion = version;
      setLastPreviewHtml(result.html);
      // Same HTML (e.g. a comment changed): keep the page, and its scroll position, as it is.
      if (result.html !== this.renderedHtml) {
        this.renderedHtml = result.html;
        panel.webview.html = result.html;
      }
    } catch (e) {
      this.output.warn(`preview: rendering ${uri.toString()} failed: ${e instanceof Error ? e.message : String(e)}`);
      if (this.renderedHtml === undefined && panel === this.panel) {
        this.showMessage('The language server could not render this note. See the "soapnote" output channel.');
      }
    }
  }

  /** A plain page (no script) for when there is no report to show. */
  private showMessage(text: string): void {
    if (!this.panel) {
      return;
    }
    const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
    this.renderedHtml = undefined;
    this.panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>${escaped}</p></body></html>`;
  }

  private async received(m: FromWebview): Promise<void> {
    if (m.type === 'showHistory') {
      if (this.uri) {
        await vscode.commands.executeCommand('soapnote.showHistory', this.uri);
      }
      return;
    }
    if (m.type === 'ready') {
      this.post(this.initMessage());
      const editor = this.noteEditor();
      if (editor && this.scrollSync()) {
        this.post({ type: 'scroll', line: editor.visibleRanges[0]?.start.line ?? 0 });
      }
      return;
    }
    if (!this.scrollSync() || !this.uri) {
      return;
    }
    const position = new vscode.Position(m.line, 0);
    const range = new vscode.Range(position, position);
    const editor = this.noteEditor();
    if (m.click) {
      // A click jumps to the line, opening the note beside the preview when it is not visible.
      const shown = editor ?? (await vscode.window.showTextDocument(this.uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: true }));
      this.quietEditorUntil = Date.now() + ECHO_MS;
      shown.selection = new vscode.Selection(position, position);
      shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } else if (editor) {
      this.quietEditorUntil = Date.now() + ECHO_MS;
      editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
    }
  }

  private editorScrolled(editor: vscode.TextEditor, ranges: readonly vscode.Range[]): void {
    if (!this.panel?.visible || editor.document.uri.toString() !== this.uri?.toString() || !this.scrollSync()) {
      return;
    }
    if (Date.now() < this.quietEditorUntil) {
      return; // this scroll came from the preview
    }
    this.post({ type: 'scroll', line: ranges[0]?.start.line ?? 0 });
  }

  /** The visible editor showing the previewed note, preferring the active one. */
  private noteEditor(): vscode.TextEditor | undefined {
    const uri = this.uri?.toString();
    const active = activeNoteEditor();
    if (active && active.document.uri.toString() === uri) {
      return active;
    }
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  }

  private initMessage(): ToWebview {
    const config = vscode.workspace.getConfiguration('soapnote.preview');
    return {
      type: 'init',
      uri: this.uri?.toString() ?? '',
      scrollSync: config.get<boolean>('scrollSync', true),
      bodyMap: config.get<boolean>('bodyMap', true),
    };
  }

  private scrollSync(): boolean {
    return vscode.workspace.getConfiguration('soapnote.preview').get<boolean>('scrollSync', true);
  }

  private post(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private mediaUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media');
  }

  /** Closes the panel and stops listening. */
  dispose(): void {
    this.panel?.dispose();
    this.detach();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
