/**
 * The LSP adapter over the core's language service, for any connection and host: it converts LSP
 * messages to calls on `createLanguageService` and back, and nothing else. The web worker
 * (`browser/serverMain.ts`, files through the extension) starts it; nothing here may import Node.
 */
import { CodeLensRefreshRequest, DocumentFormattingRequest, type CodeActionParams, type Connection, type DocumentSelector, type InitializeParams, type InlayHintParams, type ServerCapabilities } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type NoteAnalysis, type OpenDocument, type ServiceWorkspace } from '../core/languageService';
import type { LanguageServiceHost } from '../core/languageServiceHost';
import { isReviewFile, noteOfReview } from '../core/review/review';
import { recordUri } from '../core/serviceRecords';
import { isConfigUri } from '../core/serviceAuthoring';
import { parentUri, uriKey } from '../core/uris';
// Method names, not protocolTypes' RequestType objects: those come from vscode-languageserver-protocol's own copy, a second JSON-RPC in the bundle.
import {
  FillTemplateRequestMethod,
  FindingCountsNotification,
  HistoryRequestMethod,
  RenderRequestMethod,
  SignRequestMethod,
  type FillTemplateParams,
  type FillTemplateResult,
  type HistoryParams,
  type HistoryResult,
  type RenderParams,
  type RenderResult,
  type SignParams,
  type SignResult,
} from '../protocol';
import { AsyncPublisher } from './asyncPublisher';
import { countFindings, toDiagnostic } from './diagnostics';
import { createDocuments, isNoteDocument } from './documents';
import { Guard } from './guard';
import { parseRuleSettings, sameRuleSettings, type RuleSettings } from './ruleSettings';

/** Debounce of diagnostics after an edit; `initializationOptions.debounceMs` overrides it (0 in tests and benchmarks). */
const DEFAULT_DEBOUNCE_MS = 150;
/** How long notes wait for the editor's `soapnote.rules` before they are checked without them. */
const SETTINGS_WAIT_MS = 2000;

/** What a host is made from: the editor's folders and open texts, what `initialize` said, the connection (to ask the client for files). */
export interface HostDeps {
  connection: Connection;
  workspaceFolders(): readonly string[];
  /** The editor's text of an open document, by URI (any spelling of it). */
  openText(uri: string): string | undefined;
  /** `initializationOptions` as the client sent them (empty before `initialize`). */
  initializationOptions(): Readonly<Record<string, unknown>>;
  onRuleError(ruleId: string, error: unknown): void;
}

/** How one environment runs the adapter. */
export interface LanguageServerOptions {
  /** `serverInfo.name`. */
  serverName: string;
  /** What is announced; `dynamicFormatting`: formatting is registered for {@link formattingSelector} after `initialized`. */
  capabilities(dynamicFormatting: boolean): ServerCapabilities;
  /** The notes formatting is registered for (not the `.soapnote/` YAML files: a second formatter would make the editor ask which to use). */
  formattingSelector: DocumentSelector;
  /** Called after `initialized` (file watchers the environment registers). */
  initialized?(params: InitializeParams): void;
  /** Called whenever a workspace (re)loaded is published (the packs it lists, to watch). */
  workspaceLoaded?(workspace: ServiceWorkspace): void;
  /** Called on `exit`. */
  exit?(): void;
}

/** Now as ISO 8601 without milliseconds, the form the note format shows. */
function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Starts the language server on `connection` with the host `hostFactory` makes; returns once it listens. */
export function startLanguageServer(connection: Connection, hostFactory: (deps: HostDeps) => LanguageServiceHost, options: LanguageServerOptions): void {
  const guard = new Guard((message) => connection.console.error(message));
  const documents = createDocuments();
  let folders: string[] = [];
  let initOptions: Record<string, unknown> = {};
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let pullSettings = false;
  let formatDynamically = false;
  let codeLensRefresh = false;
  let settingsReady: Promise<void> = Promise.resolve();
  let settingsRelease: (() => void) | undefined;
  let initParams: InitializeParams | undefined;
  const seen = new Map<string, number>();
  const reloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Config and pack files with findings published, per workspace root, so a file that became clean is cleared. */
  const publishedFiles = new Map<string, Set<string>>();
  const publishedWorkspaces = new WeakSet<ServiceWorkspace>();

  const byKey = (uri: string): TextDocument | undefined => documents.get(uri) ?? documents.all().find((d) => uriKey(d.uri) === uriKey(uri));
  const openNotes = (): TextDocument[] => documents.all().filter((d) => isNoteDocument(d.uri, d.languageId));
  const service = createLanguageService({
    host: hostFactory({
      connection,
      workspaceFolders: () => folders,
      openText: (uri) => byKey(uri)?.getText(),
      initializationOptions: () => initOptions,
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
      void connection.sendDiagnostics({ uri, version: byKey(uri)?.version, diagnostics: findings.map((f) => toDiagnostic(f, uri)) });
    }
    publishedFiles.set(workspace.root, new Set(files.keys()));
    options.workspaceLoaded?.(workspace);
  };

  /** Loads the workspaces at these roots (again) and publishes their config and pack findings, with no note open too. */
  const publishRoots = async (roots: readonly string[]): Promise<void> => {
    for (const root of new Set(roots)) {
      publishWorkspaceFiles(await service.workspaceOfFolder(root));
    }
  };

  const publisher = new AsyncPublisher(
    (uri) => documents.get(uri),
    async (document) => {
      await settingsReady;
      const analysis = await service.analyze(document);
      publishWorkspaceFiles(analysis.workspace);
      // The workspace's weakenings and the checker's findings, then an educator's review comments beside the note.
      return [...service.diagnostics(analysis), ...(await service.reviewFindings(analysis))];
    },
    (document, findings) => {
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map((f) => toDiagnostic(f, document.uri)) });
      void connection.sendNotification(FindingCountsNotification, countFindings(document.uri, findings));
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

  /** Any open document as the service reads it, or undefined when it is not open. */
  const openDocument = (uri: string): OpenDocument | undefined => {
    const document = documents.get(uri);
    if (!document) {
      return undefined;
    }
    return { uri: document.uri, version: document.version, getText: () => document.getText(), isNote: isNoteDocument(document.uri, document.languageId) };
  };

  /** A guarded async handler: a failure is logged once and answered with `empty`. */
  const request = <P, R>(kind: string, empty: R, work: (params: P) => Promise<R>) =>
    guard.request<P, Promise<R>>(kind, Promise.resolve(empty), (params) =>
      work(params).catch((error: unknown) => {
        guard.logOnce(kind, error);
        return empty;
      }),
    );

  /** A guarded request on an open note: `work` gets its current analysis; a document that is not an open note is answered with `empty`. */
  const noteRequest = <P extends { textDocument: { uri: string } }, R>(kind: string, empty: R, work: (analysis: NoteAnalysis, params: P) => R | Promise<R>) =>
    request<P, R>(kind, empty, async (params) => {
      const analysis = await noteAnalysis(params.textDocument.uri);
      return analysis ? work(analysis, params) : empty;
    });

  const recheckAll = (): void => openNotes().forEach((d) => publisher.schedule(d.uri, 0));

  const filesChanged = async (uris: string[]): Promise<void> => {
    const reloaded = await service.filesChanged(uris);
    recheckAll();
    // A config names its own root even when no note of it was open: its findings are published now.
    const configRoots = uris.filter(isConfigUri).flatMap((u) => parentUri(parentUri(u) ?? '') ?? []);
    await publishRoots([...reloaded, ...configRoots]);
    // A new or changed rubric changes every note's grade lens: the client asks for them again.
    if (codeLensRefresh && uris.some((u) => /\/\.soapnote\/rubric\.yaml$/.test(u))) {
      void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => guard.logOnce('code lens refresh', error));
    }
  };

  let severities: RuleSettings = {};
  /** Applies the editor's `soapnote.rules`: every workspace reloads with them and open notes are checked again, only when they changed. */
  const applySettings = (value: unknown): void => {
    const next = parseRuleSettings(value);
    if (!sameRuleSettings(next, severities)) {
      severities = next;
      service.setSeverities(next);
      recheckAll();
    }
  };

  connection.onInitialize((params: InitializeParams) => {
    initParams = params;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) {
      folders = [params.rootUri];
    }
    initOptions = (params.initializationOptions ?? {}) as Record<string, unknown>;
    // The editor's language: lens titles, inlay hints, completion details and the report's labels.
    service.setLocale(params.locale);
    if (typeof initOptions.debounceMs === 'number' && initOptions.debounceMs >= 0) {
      debounceMs = initOptions.debounceMs;
    }
    pullSettings = params.capabilities.workspace?.configuration === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    if (pullSettings) {
      let release: () => void = () => undefined;
      settingsReady = new Promise((resolve) => (release = resolve));
      setTimeout(release, SETTINGS_WAIT_MS);
      settingsRelease = release;
    }
    formatDynamically = params.capabilities.textDocument?.formatting?.dynamicRegistration === true;
    return { capabilities: options.capabilities(formatDynamically), serverInfo: { name: options.serverName } };
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
    // Settings first, so the warm-up builds the engine once, with them.
    const settings = pullSettings ? fetchSettings() : Promise.resolve();
    void settings.then(async () => publishRoots((await service.warmUp()).map((w) => w.root))).catch((error: unknown) => guard.logOnce('workspace load', error));
    if (formatDynamically) {
      connection.client.register(DocumentFormattingRequest.type, { documentSelector: options.formattingSelector }).catch((error: unknown) => guard.logOnce('formatting registration', error));
    }
    if (initParams) {
      options.initialized?.(initParams);
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
      return;
    }
    const findings = service.fileFindings(document.uri, document.getText());
    if (findings) {
      // The rubric is checked as it is typed; notes read it from the workspace when graded.
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map((f) => toDiagnostic(f, document.uri)) });
      return;
    }
    // A config or pack edited in the editor: its unsaved text is what the workspace reads now (debounced: a reload parses every pack).
    clearTimeout(reloadTimers.get(document.uri));
    reloadTimers.set(document.uri, setTimeout(() => {
      reloadTimers.delete(document.uri);
      void filesChanged([document.uri]).catch((error: unknown) => guard.logOnce('workspace reload', error));
    }, opened ? 0 : debounceMs));
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
      } else if (service.fileFindings(e.document.uri, '') !== undefined) {
        void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      } else {
        void filesChanged([e.document.uri]).catch((error: unknown) => guard.logOnce('workspace reload', error));
      }
    }),
  );
  connection.onDidChangeWatchedFiles((params) => {
    const uris = params.changes.map((c) => c.uri);
    // A review file changed: the open note beside it shows its comments again.
    for (const review of uris.filter(isReviewFile)) {
      openNotes().filter((d) => noteOfReview(uriKey(d.uri)) === uriKey(review)).forEach((d) => publisher.schedule(d.uri, 0));
    }
    void filesChanged(uris).catch((error: unknown) => guard.logOnce('watched files', error));
  });

  connection.onCompletion(
    request('completion', null, async (params: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const open = openDocument(params.textDocument.uri);
      if (!open) {
        return null;
      }
      // Packs, the config, and `{{` in a template have their own completion.
      const authoring = await service.completeFile(open, params.position);
      if (authoring || !open.isNote) {
        return authoring ?? null;
      }
      // An older analysis ranks as well: a keystroke does not wait for a full check.
      const analysis = service.latest(open.uri) ?? (await noteAnalysis(open.uri));
      return analysis ? service.complete(analysis, params.position, open.getText()) : null;
    }),
  );
  connection.onHover(request('hover', null, async (params) => {
    const open = openDocument(params.textDocument.uri);
    if (!open) {
      return null;
    }
    const authoring = await service.hoverFile(open, params.position);
    if (authoring !== undefined) {
      return authoring;
    }
    const analysis = await noteAnalysis(params.textDocument.uri);
    return analysis ? service.hover(analysis, params.position) : null;
  }));
  connection.onDefinition(request('definition', [], async (params) => {
    const open = openDocument(params.textDocument.uri);
    return open ? service.definition(open, params.position) : [];
  }));
  connection.onReferences(request('references', [], async (params) => {
    const open = openDocument(params.textDocument.uri);
    return open ? service.references(open, params.position, params.context.includeDeclaration) : [];
  }));
  // From the workspace's notes (what the record is built from), not from the open editors only.
  connection.onWorkspaceSymbol(request('workspace symbols', [], async (params) => service.workspaceSymbols(params.query)));
  connection.onCodeAction(noteRequest('code actions', [], (analysis, params: CodeActionParams) => service.codeActions(analysis, params.range)));
  connection.onDocumentSymbol(noteRequest('document symbols', [], (analysis) => service.symbols(analysis)));
  connection.onFoldingRanges(noteRequest('folding ranges', [], (analysis) => service.folding(analysis)));
  connection.languages.inlayHint.on(noteRequest('inlay hints', [], (analysis, params: InlayHintParams) => service.inlayHints(analysis, params.range)));
  connection.onCodeLens(noteRequest('code lens', [], (analysis) => service.codeLenses(analysis)));
  connection.onDocumentFormatting(noteRequest('formatting', [], (analysis) => service.format(analysis)));

  connection.onRequest(RenderRequestMethod, request<RenderParams, RenderResult | null>('render', null, async (params) => {
    const analysis = await noteAnalysis(params.uri);
    if (!analysis) {
      return null;
    }
    const extras = await service.reportExtras(analysis);
    if (params.format === 'md') {
      return { markdown: service.render(analysis, { format: 'md', extras }), version: analysis.version };
    }
    return { html: service.render(analysis, { format: 'html', nonce: params.nonce, cspSource: params.cspSource, scripts: params.scripts, historyHref: params.historyHref, extras }), version: analysis.version };
  }));
  connection.onRequest(SignRequestMethod, request<SignParams, SignResult | null>('sign', null, async (params) => {
    const analysis = await noteAnalysis(params.uri);
    return analysis ? service.sign(analysis, params.by, params.at ?? nowIso()) : null;
  }));
  connection.onRequest(HistoryRequestMethod, request<HistoryParams, HistoryResult | null>('history', null, async (params) => {
    const analysis = await noteAnalysis(params.uri);
    if (!analysis) {
      return null;
    }
    const open = (await Promise.all(openNotes().filter((d) => d.uri !== params.uri).map((d) => noteAnalysis(d.uri)))).flatMap((a) => a ?? []);
    return service.history(analysis, { nonce: params.nonce, open });
  }));
  connection.onRequest(FillTemplateRequestMethod, request<FillTemplateParams, FillTemplateResult | null>('fillTemplate', null, async (params) => {
    await settingsReady;
    return service.newNote({ folderUri: params.folderUri, template: params.template, client: params.client, therapist: params.therapist });
  }));

  connection.onShutdown(() => {
    guard.shutDown();
    publisher.dispose();
    reloadTimers.forEach((t) => clearTimeout(t));
  });
  connection.onExit(() => options.exit?.());
  documents.listen(connection);
  connection.listen();
}
