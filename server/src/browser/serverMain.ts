/**
 * The language server as a web worker (vscode.dev, github.dev): a thin adapter from LSP messages to
 * the core's language service. Files come from the extension over `soapnote/readFile` and
 * `soapnote/listNotes` (it reads them with `vscode.workspace.fs`, so a virtual file system works);
 * the built-in packs are bundled as data; hashing is the pure SHA-256. Requests and responses have
 * the shapes of the Node server's (server/src/lsp/features.ts, custom.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, DocumentFormattingRequest, type Connection, type InitializeParams } from 'vscode-languageserver/browser';
import { BROWSER_NOTE_SCHEMES } from './capabilities';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type NoteAnalysis, type ServiceWorkspace } from '../core/languageService';
import { recordUri } from '../core/serviceRecords';
import { uriKey } from '../core/uris';
import { countFindings, toDiagnostic } from '../lsp/diagnostics';
import { createDocuments, isNoteDocument } from '../lsp/documents';
import { Guard } from '../lsp/guard';
import { parseRuleSettings } from '../lsp/ruleSettings';
import type { FillTemplateParams, FillTemplateResult, HistoryParams, HistoryResult, RenderParams, RenderResult, SignParams, SignResult } from '../protocol';
import { FillTemplateRequest, FindingCountsNotificationType, HistoryRequest, ListNotesRequest, ReadFileRequest, RenderRequest, SignRequest, type ListNotesResult, type ReadFileResult } from '../protocolTypes';
import { browserCapabilities } from './capabilities';
import { AsyncPublisher } from './publisher';
import { workerHost } from './workerHost';

/** Debounce of diagnostics after an edit, as the Node server's; `initializationOptions.debounceMs` overrides it. */
const DEFAULT_DEBOUNCE_MS = 150;
/** How long notes wait for the editor's `soapnote.rules` before they are checked without them. */
const SETTINGS_WAIT_MS = 2000;

/** Now as ISO 8601 without milliseconds, the form the note format shows. */
function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Starts the server on a message port (the worker's global scope in the extension; a test may pass its own). */
export function startBrowserServer(port: ConstructorParameters<typeof BrowserMessageReader>[0]): Connection {
  const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
  const guard = new Guard((message) => connection.console.error(message));
  const documents = createDocuments();
  let folders: string[] = [];
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let pullSettings = false;
  let formatDynamically = false;
  let settingsReady: Promise<void> = Promise.resolve();
  let settingsRelease: (() => void) | undefined;
  const seen = new Map<string, number>();
  const reloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Config and pack files with findings published, per workspace root, so a file that became clean is cleared. */
  const publishedFiles = new Map<string, Set<string>>();
  const publishedWorkspaces = new WeakSet<ServiceWorkspace>();

  const openNotes = (): TextDocument[] => documents.all().filter((d) => isNoteDocument(d.uri, d.languageId));
  const service = createLanguageService({
    host: workerHost({
      workspaceFolders: () => folders,
      openText: (uri) => documents.all().find((d) => uriKey(d.uri) === uriKey(uri))?.getText(),
      readFile: (params) => connection.sendRequest<ReadFileResult>(ReadFileRequest.method, params),
      listNotes: (params) => connection.sendRequest<ListNotesResult>(ListNotesRequest.method, params),
      onRuleError: (id, error) => guard.logOnce(`rule '${id}'`, error),
    }),
    onRecordChanged: (uris) => {
      const changed = new Set(uris);
      openNotes().filter((d) => changed.has(recordUri(d.uri))).forEach((d) => publisher.schedule(d.uri, 0));
    },
  });

  const publishWorkspaceFiles = (workspace: ServiceWorkspace): void => {
    if (publishedWorkspaces.has(workspace)) {
      return;
    }
    publishedWorkspaces.add(workspace);
    const files = service.workspaceFindings(workspace);
    for (const uri of publishedFiles.get(workspace.root) ?? []) {
      if (!files.has(uri)) {
        void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    }
    for (const [uri, findings] of files) {
      void connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, uri)) });
    }
    publishedFiles.set(workspace.root, new Set(files.keys()));
  };

  const publisher = new AsyncPublisher(
    (uri) => documents.get(uri),
    async (document) => {
      await settingsReady;
      const analysis = await service.analyze(document);
      publishWorkspaceFiles(analysis.workspace);
      return service.diagnostics(analysis);
    },
    (document, findings) => {
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map((f) => toDiagnostic(f, document.uri)) });
      void connection.sendNotification(FindingCountsNotificationType.method, countFindings(document.uri, findings));
    },
    (error) => guard.logOnce('diagnostics', error),
  );

  /** The open note's analysis of its current version, or undefined when it is not open or not a note. */
  const noteAnalysis = async (uri: string): Promise<NoteAnalysis | undefined> => {
    const document = documents.get(uri);
    if (!document || !isNoteDocument(uri, document.languageId)) {
      return undefined;
    }
    await settingsReady;
    return service.analyze(document);
  };

  /** A guarded async handler: a failure is logged once and answered with `empty`. */
  const request = <P, R>(kind: string, empty: R, work: (params: P) => Promise<R>) =>
    guard.request<P, Promise<R>>(kind, Promise.resolve(empty), (params) =>
      work(params).catch((error: unknown) => {
        guard.logOnce(kind, error);
        return empty;
      }),
    );

  const recheckAll = (): void => openNotes().forEach((d) => publisher.schedule(d.uri, 0));

  const filesChanged = async (uris: string[]): Promise<void> => {
    await service.filesChanged(uris);
    recheckAll();
  };

  const applySettings = (value: unknown): void => {
    service.setSeverities(parseRuleSettings(value));
    recheckAll();
  };

  connection.onInitialize((params: InitializeParams) => {
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) {
      folders = [params.rootUri];
    }
    const options = (params.initializationOptions ?? {}) as { debounceMs?: unknown };
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) {
      debounceMs = options.debounceMs;
    }
    pullSettings = params.capabilities.workspace?.configuration === true;
    if (pullSettings) {
      let release: () => void = () => undefined;
      settingsReady = new Promise((resolve) => (release = resolve));
      setTimeout(release, SETTINGS_WAIT_MS);
      settingsRelease = release;
    }
    formatDynamically = params.capabilities.textDocument?.formatting?.dynamicRegistration === true;
    service.setLocale(params.locale);
    return { capabilities: browserCapabilities(formatDynamically), serverInfo: { name: 'soapnote (web worker)' } };
  });

  const fetchSettings = async (): Promise<void> => {
    try {
      const soapnote = (await connection.workspace.getConfiguration({ section: 'soapnote', scopeUri: folders[0] })) as { rules?: unknown } | null;
      applySettings(soapnote?.rules);
    } catch (error) {
      guard.logOnce('settings', error);
    } finally {
      settingsRelease?.();
    }
  };

  connection.onInitialized(() => {
    if (pullSettings) {
      void fetchSettings();
    }
    if (formatDynamically) {
      // Notes only: a formatter announced for the `.soapnote/` YAML files too would make the editor ask which one to use.
      const documentSelector = BROWSER_NOTE_SCHEMES.flatMap((scheme) => [{ scheme, language: 'soapnote' }, { scheme, pattern: '**/*.soap.{yaml,yml}' }]);
      connection.client.register(DocumentFormattingRequest.type, { documentSelector }).catch((error: unknown) => guard.logOnce('formatting registration', error));
    }
  });

  connection.onDidChangeConfiguration((params) => {
    if (pullSettings) {
      void fetchSettings();
    } else {
      guard.run('settings', () => applySettings((params.settings as { soapnote?: { rules?: unknown } } | null)?.soapnote?.rules));
    }
  });

  const changed = (document: TextDocument, opened: boolean): void => {
    if (seen.get(document.uri) === document.version) {
      return;
    }
    seen.set(document.uri, document.version);
    if (isNoteDocument(document.uri, document.languageId)) {
      publisher.schedule(document.uri, opened ? 0 : debounceMs);
    } else {
      // A config or pack edited in the editor: its unsaved text is what the workspace reads now (debounced: a reload parses every pack).
      clearTimeout(reloadTimers.get(document.uri));
      reloadTimers.set(document.uri, setTimeout(() => {
        reloadTimers.delete(document.uri);
        void filesChanged([document.uri]).catch((error: unknown) => guard.logOnce('workspace reload', error));
      }, opened ? 0 : debounceMs));
    }
  };
  documents.onDidOpen((e) => guard.run('open', () => changed(e.document, true)));
  documents.onDidChangeContent((e) => guard.run('change', () => changed(e.document, false)));
  documents.onDidClose((e) =>
    guard.run('close', () => {
      seen.delete(e.document.uri);
      if (isNoteDocument(e.document.uri, e.document.languageId)) {
        publisher.forget(e.document.uri);
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
        void service.closed(e.document.uri).catch((error: unknown) => guard.logOnce('close', error));
      } else {
        void filesChanged([e.document.uri]).catch((error: unknown) => guard.logOnce('workspace reload', error));
      }
    }),
  );
  connection.onDidChangeWatchedFiles((params) => void filesChanged(params.changes.map((c) => c.uri)).catch((error: unknown) => guard.logOnce('watched files', error)));

  connection.onCompletion(
    request('completion', null, async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !isNoteDocument(document.uri, document.languageId)) {
        return null;
      }
      // An older analysis ranks as well: a keystroke does not wait for a full check (as on Node).
      const analysis = service.latest(document.uri) ?? (await noteAnalysis(document.uri));
      return analysis ? service.complete(analysis, params.position, document.getText()) : null;
    }),
  );
  connection.onHover(request('hover', null, async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.hover(analysis, params.position) : null;
  }));
  connection.onCodeAction(request('code actions', [], async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.codeActions(analysis, params.range) : [];
  }));
  connection.onDocumentSymbol(request('document symbols', [], async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.symbols(analysis) : [];
  }));
  connection.onFoldingRanges(request('folding ranges', [], async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.folding(analysis) : [];
  }));

  connection.languages.inlayHint.on(request('inlay hints', [], async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.inlayHints(analysis, params.range) : [];
  }));
  connection.onCodeLens(request('code lens', [], async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.codeLenses(analysis) : [];
  }));
  connection.onDocumentFormatting(request('formatting', [], async (params) => {
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.format(analysis) : [];
  }));

  connection.onRequest(RenderRequest.method, request<RenderParams, RenderResult | null>('render', null, async (params) => {
    const analysis = await noteAnalysis(params.uri);
    if (!analysis) {
      return null;
    }
    if (params.format === 'md') {
      return { markdown: service.render(analysis, { format: 'md' }), version: analysis.version };
    }
    return { html: service.render(analysis, { format: 'html', nonce: params.nonce, cspSource: params.cspSource, scripts: params.scripts, historyHref: params.historyHref }), version: analysis.version };
  }));
  connection.onRequest(SignRequest.method, request<SignParams, SignResult | null>('sign', null, async (params) => {
    const analysis = await noteAnalysis(params.uri);
    return analysis ? service.sign(analysis, params.by, params.at ?? nowIso()) : null;
  }));
  connection.onRequest(HistoryRequest.method, request<HistoryParams, HistoryResult | null>('history', null, async (params) => {
    const analysis = await noteAnalysis(params.uri);
    if (!analysis) {
      return null;
    }
    const open = (await Promise.all(openNotes().filter((d) => d.uri !== params.uri).map((d) => noteAnalysis(d.uri)))).flatMap((a) => a ?? []);
    return service.history(analysis, { nonce: params.nonce, open });
  }));

  connection.onRequest(FillTemplateRequest.method, request<FillTemplateParams, FillTemplateResult | null>('fillTemplate', null, async (params) => {
    await settingsReady;
    return service.newNote({ folderUri: params.folderUri, template: params.template, client: params.client, therapist: params.therapist });
  }));

  connection.onShutdown(() => {
    guard.shutDown();
    publisher.dispose();
    reloadTimers.forEach((t) => clearTimeout(t));
  });
  // A worker has no process to exit: it stops listening and closes itself (the client terminates it too).
  connection.onExit(() => {
    connection.dispose();
    (globalThis as { close?: () => void }).close?.();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}

startBrowserServer(globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0]);
