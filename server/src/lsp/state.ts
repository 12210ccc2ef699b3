import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core/engine';
import type { Locale } from '../core/l10n/localize';
import type { Finding } from '../core/types';
import { weakenedFinding } from '../core/weakenings';
import type { Workspace } from '../node/workspace';
import { AnalysisCache } from './analysisCache';
import { createDocuments, isNoteDocument } from './documents';
import { DiagnosticsPublisher, type DiagnosticsSink } from './publisher';
import { parseRuleSettings, sameRuleSettings, type RuleSettings } from './ruleSettings';
import { uriToPath, WorkspaceSet, workspaceFileFindings } from './workspaces';
import { canonicalUri, ServerRecords } from './records';
import { summariseNote } from '../core/record/summary';
import type { NoteSummary } from '../core/record/types';
import { withCarriedComments } from '../core/record/newNoteComments';
import { pathToFileURL } from 'node:url';
import { isRubricFile, reviewFindingsOf } from './grading';
import { parseRubric } from '../core/grading/rubric';
import { isReviewFile, noteOfReview } from '../core/review/review';
import { noteTermUses } from '../core/authoring/termAt';
import type { Range } from '../core/types';
import type { TermKind, Vocabulary } from '../core/vocabulary/vocabulary';
import { authoringKind, type AuthoringDocument } from './authoringFiles';

/** An open note with its workspace and the analysis of its current version. */
export interface NoteContext {
  document: TextDocument;
  workspace: Workspace;
  analysis: Analysis;
}

/** Debounce of diagnostics after an edit; `initializationOptions.debounceMs` overrides it (0 in benchmarks). */
export const DEFAULT_DEBOUNCE_MS = 150;

/**
 * The server's state: open documents, their workspaces and cached analyses, and when to publish.
 * No protocol handling here: `server.ts` forwards events, the feature modules read `note()`.
 */
export class ServerState {
  readonly documents = createDocuments();
  private readonly cache = new AnalysisCache();
  private readonly publisher: DiagnosticsPublisher;
  /** The workspace's notes by client, for carrying health history between visits. */
  private readonly records: ServerRecords;
  private readonly fileUris = new Map<string, Set<string>>();
  private readonly reloadTimers = new Map<string, NodeJS.Timeout>();
  /** Last version handled per uri: the library fires open+change for one open, and a stale change leaves the version as it was. */
  private readonly seen = new Map<string, number>();
  private workspaces: WorkspaceSet;
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private initRoot: string | undefined;
  private ruleSettings: RuleSettings = {};
  /** While the first `soapnote.rules` are being fetched, notes are not published (so a silenced rule does not flash). */
  private settingsHold: NodeJS.Timeout | undefined;
  /** The editor's language (`InitializeParams.locale`) for lens titles, inlay hints, completion details and the report's labels. */
  locale: Locale = 'en';

  /** `packsToWatch` hears the pack files listed outside `.soapnote/` after every workspace load. */
  constructor(
    sink: DiagnosticsSink,
    private readonly logOnce: (kind: string, error: unknown) => void,
    private readonly packsToWatch?: (paths: string[]) => void,
  ) {
    this.publisher = new DiagnosticsPublisher((uri) => this.documents.get(uri), (d) => this.analysedForPublish(d.uri), sink, (e) => logOnce('diagnostics', e));
    this.workspaces = this.createWorkspaces(undefined);
    this.records = new ServerRecords({
      engineFor: (path) => this.workspaces.get(this.workspaces.rootForNote(pathToFileURL(path).toString())).engine,
      isOpen: (uri) => this.openByCanonical().has(uri),
      openText: (uri) => this.openByCanonical().get(uri)?.getText(),
      recheck: (uris) => {
        const open = this.openByCanonical();
        for (const uri of uris) {
          const document = open.get(uri);
          if (document && this.settingsHold === undefined) {
            this.publisher.schedule(document.uri, 0);
          }
        }
      },
      initRoot: () => this.initRoot,
      logOnce,
    });
  }

  /** Applies what `initialize` said: the workspace root and the debounce. */
  init(initRoot: string | undefined, debounceMs: number | undefined): void {
    this.initRoot = initRoot;
    this.workspaces = this.createWorkspaces(initRoot);
    if (debounceMs !== undefined && debounceMs >= 0) {
      this.debounceMs = debounceMs;
    }
  }

  /** Holds note diagnostics until {@link setRuleSettings} is first called, or `timeoutMs` passes (a client that never answers). */
  holdForSettings(timeoutMs: number): void {
    clearTimeout(this.settingsHold);
    this.settingsHold = setTimeout(() => this.releaseHold(), timeoutMs);
  }

  /** Applies the editor's `soapnote.rules` (over each config's `rules`): reloads the workspaces and re-checks open notes when they changed. */
  setRuleSettings(value: unknown): void {
    const settings = parseRuleSettings(value);
    if (!sameRuleSettings(settings, this.ruleSettings)) {
      this.ruleSettings = settings;
      this.scheduleReload(this.workspaces.setRuleSettings(settings), 0);
    }
    this.releaseHold();
  }

  /** Loads the editor's workspace ahead of the first note (building the engine takes most of startup). */
  warmUp(): void {
    if (this.initRoot !== undefined) {
      this.workspaces.get(this.initRoot);
      this.records.startBuildAt(this.initRoot);
    }
  }

  /**
   * The open note at `uri` with its analysis, or undefined when it is not open or not a note.
   * `rankingOnly`: an analysis of an earlier version will do (see {@link AnalysisCache.latest}).
   */
  note(uri: string, rankingOnly = false): NoteContext | undefined {
    const document = this.documents.get(uri);
    if (!document || !isNoteDocument(uri, document.languageId)) {
      return undefined;
    }
    const workspace = this.workspaces.get(this.workspaces.rootForNote(uri));
    const record = workspace.config.carryForward === false ? undefined : this.records.recordFor(uri);
    const use = { stamp: this.records.stampFor(uri), record };
    const analysis = rankingOnly ? this.cache.latest(document, workspace.engine, use) : this.cache.get(document, workspace.engine, use);
    return { document, workspace, analysis };
  }

  /** How many notes of `client` the workspace's note index holds for the note at `uri`, that note included. */
  clientNoteCount(uri: string, client: string): number {
    return this.records.clientNoteCount(uri, client);
  }

  /** Every note in the workspace's note index (client, date, visit, therapist), the index finished first. */
  indexedNotes(): NoteSummary[] {
    return this.records.allNotes();
  }

  /**
   * An open pack, config or template with its workspace, or undefined for other documents. A pack
   * is a file the config lists under `packs:`, or a YAML file under `.soapnote/` that is one
   * (in `.soapnote/packs/`, or starting `soapnote_pack:`); a template is a note in the templates folder.
   */
  authoringDocument(uri: string): AuthoringDocument | undefined {
    const document = this.documents.get(uri);
    const path = uriToPath(uri);
    if (!document || path === undefined) {
      return undefined;
    }
    const workspace = this.workspaces.get(this.workspaces.rootForNote(uri));
    const kind = authoringKind(path, document.getText(), isNoteDocument(uri, document.languageId), workspace);
    return kind ? { kind, document, workspace, path } : undefined;
  }

  /** The editor's text of the open document at a file path, if any. */
  openTextAt(path: string): string | undefined {
    return this.documents.all().find((d) => uriToPath(d.uri) === path)?.getText();
  }

  /** Where the notes beside `path` (its record root) name the term `kind`/`id`. */
  usesOf(path: string, kind: TermKind, id: string, vocabulary: Vocabulary): { uri: string; range: Range }[] {
    const open = new Map(this.openNotes().map((n) => [canonicalUri(n.document.uri), noteTermUses(n.analysis.note)]));
    return this.records.usesOf(path, kind, id, vocabulary, open);
  }

  /** A new note's text (to be saved at `uri`) with what it would carry from the client's earlier notes written as comments under `health:`. */
  withCarriedComments(uri: string, text: string): string {
    const workspace = this.workspaces.get(this.workspaces.rootForNote(uri));
    const record = workspace.config.carryForward === false ? undefined : this.records.recordFor(uri);
    return record ? withCarriedComments(text, record.lookup.carriedFor(workspace.engine.summarise(record.uri, text))) : text;
  }

  /** The findings to publish for an open note; its summary goes into the record first, so its client's other open notes are re-checked when it changed. */
  private analysedForPublish(uri: string): Finding[] | undefined {
    const note = this.note(uri);
    if (note) {
      const vocabulary = note.workspace.engine.vocabulary;
      this.records.noteAnalysed(summariseNote(canonicalUri(uri), note.analysis.note, vocabulary, note.analysis.parsed.text), noteTermUses(note.analysis.note));
    }
    if (!note) {
      return undefined;
    }
    // The workspace's weakenings are announced on the note's first line, before the analysis' findings.
    const announcement = weakenedFinding(note.analysis.weakenings);
    // An educator's review comments beside the note (NAME.review.yaml) come after the checker's findings.
    return [...(announcement ? [announcement] : []), ...note.analysis.findings, ...reviewFindingsOf(note)];
  }

  /** The open documents by the uri the record keys notes by. */
  private openByCanonical(): Map<string, TextDocument> {
    return new Map(this.documents.all().map((d) => [canonicalUri(d.uri), d]));
  }

  /** The workspace a new note in the folder `folderUri` would belong to. */
  workspaceForFolder(folderUri: string): Workspace {
    return this.workspaces.get(this.workspaces.rootForNote(`${folderUri.replace(/\/+$/, '')}/new.soap.yaml`));
  }

  /** Every open note with its analysis (the history report prefers the editor's text to the disk's). */
  openNotes(): NoteContext[] {
    return this.documents.all().flatMap((d) => this.note(d.uri) ?? []);
  }

  /** A document was opened (`opened`) or edited: publish a note's findings, or rebuild the workspace of a config or pack. */
  changed(document: TextDocument, opened: boolean): void {
    if (this.seen.get(document.uri) === document.version) {
      return;
    }
    this.seen.set(document.uri, document.version);
    const delay = opened ? 0 : this.debounceMs;
    if (isNoteDocument(document.uri, document.languageId)) {
      if (this.settingsHold === undefined) {
        this.publisher.schedule(document.uri, delay);
      }
      return;
    }
    const path = uriToPath(document.uri);
    if (path !== undefined && isRubricFile(path)) {
      // The rubric is checked as it is typed; notes read it from disk when graded.
      this.publisher.publishFile(document.uri, parseRubric(document.getText()).findings, document.version);
      return;
    }
    if (path !== undefined && this.workspaces.isWorkspaceFile(path)) {
      this.scheduleReload(this.workspaces.rootsUsing(path), delay);
    }
  }

  /** A document was closed: clear a note's diagnostics, or fall back to the disk text of a config or pack. */
  closed(document: TextDocument): void {
    this.cache.delete(document.uri);
    this.seen.delete(document.uri);
    if (isNoteDocument(document.uri, document.languageId)) {
      this.publisher.clear(document.uri);
      this.records.closed(document.uri);
      return;
    }
    const path = uriToPath(document.uri);
    if (path !== undefined && isRubricFile(path)) {
      this.publisher.publishFile(document.uri, []);
      return;
    }
    this.filesChanged([document.uri]);
  }

  /** Files changed on disk (watched files): reload the workspaces whose config or packs they are. */
  filesChanged(uris: readonly string[]): void {
    // A review file changed: the open note beside it shows its comments again.
    for (const uri of uris.filter(isReviewFile)) {
      const note = this.documents.all().find((d) => noteOfReview(d.uri) === uri);
      if (note && this.settingsHold === undefined) {
        this.publisher.schedule(note.uri, 0);
      }
    }
    this.records.filesChanged(uris);
    const roots = uris.flatMap((uri) => {
      const path = uriToPath(uri);
      return path === undefined ? [] : this.workspaces.rootsUsing(path);
    });
    this.scheduleReload(roots, 0);
  }

  /** Stops timers (shutdown). */
  dispose(): void {
    this.publisher.dispose();
    this.reloadTimers.forEach((t) => clearTimeout(t));
    clearTimeout(this.settingsHold);
  }

  /** Ends the settings hold: the notes opened meanwhile are checked now. */
  private releaseHold(): void {
    if (this.settingsHold === undefined) {
      return;
    }
    clearTimeout(this.settingsHold);
    this.settingsHold = undefined;
    for (const document of this.documents.all()) {
      if (isNoteDocument(document.uri, document.languageId)) {
        this.publisher.schedule(document.uri, 0);
      }
    }
  }

  private scheduleReload(roots: readonly string[], delayMs: number): void {
    for (const root of new Set(roots)) {
      clearTimeout(this.reloadTimers.get(root));
      this.reloadTimers.set(root, setTimeout(() => {
        this.reloadTimers.delete(root);
        try {
          this.reload(root);
        } catch (error) {
          this.logOnce('workspace reload', error);
        }
      }, delayMs));
    }
  }

  /** Rebuilds a workspace, republishes its config/pack findings, and re-checks its open notes. */
  private reload(root: string): void {
    this.workspaces.reload(root);
    for (const document of this.documents.all()) {
      if (isNoteDocument(document.uri, document.languageId) && this.workspaces.rootForNote(document.uri) === root) {
        this.publisher.schedule(document.uri, 0);
      }
    }
  }

  /** Publishes the findings on a freshly loaded workspace's config and packs, clearing files that are now clean. */
  private publishWorkspaceFiles(workspace: Workspace): void {
    const files = workspaceFileFindings(workspace);
    for (const uri of this.fileUris.get(workspace.root) ?? []) {
      if (!files.has(uri)) {
        this.publisher.publishFile(uri, []);
      }
    }
    for (const [uri, findings] of files) {
      this.publisher.publishFile(uri, findings, this.documents.get(uri)?.version);
    }
    this.fileUris.set(workspace.root, new Set(files.keys()));
  }

  private createWorkspaces(initRoot: string | undefined): WorkspaceSet {
    const workspaces: WorkspaceSet = new WorkspaceSet({
      initRoot,
      openText: (path) => this.documents.all().find((d) => uriToPath(d.uri) === path)?.getText(),
      onRuleError: (ruleId, error) => this.logOnce(`rule '${ruleId}'`, error),
      loaded: (workspace) => {
        this.publishWorkspaceFiles(workspace);
        this.packsToWatch?.(workspaces.unwatchedPackPaths());
      },
    });
    workspaces.setRuleSettings(this.ruleSettings);
    return workspaces;
  }
}
