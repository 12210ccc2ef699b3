import type { CodeAction, CodeLens, CompletionList, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Position, Range, SymbolInformation, TextEdit } from 'vscode-languageserver-types';
import { noteTermUses } from './authoring/termAt';
import { workspaceSymbols } from './features/workspaceSymbols';
import { parseRubric } from './grading/rubric';
import { authoringCompletion, authoringDefinition, authoringHover, authoringKindOf, authoringReferences, BuiltinTexts, type SourceDocument } from './serviceAuthoring';
import { gradeLenses, gradeOutcome, isRubricUri, readReview, readRubric, reviewAsFindings, type GradeOutcome, type NoteReview } from './serviceGrading';
import { base64 } from './base64';
import type { SeveritySetting } from './config';
import { parseLimits, type Analysis } from './engine';
import { codeActions } from './features/codeActions';
import { codeLenses, NOTE_LENSES } from './features/codeLens';
import { formatNote } from './features/formatting';
import { inlayHints } from './features/inlayHints';
import { localeOf, type Locale } from './l10n/localize';
import { complete } from './features/completion';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { historyHtml } from './history/historyReport';
import { clientHistory } from './history/progress';
import type { LanguageServiceHost } from './languageServiceHost';
import { rejectsOwnCheck } from './ownCheck';
import { withCarriedComments } from './record/newNoteComments';
import { summariseNote } from './record/summary';
import { renderHtml } from './render/html';
import { renderMarkdown } from './render/markdown';
import { CONFIG_FILE, loadServiceWorkspace, type ServiceWorkspace } from './serviceWorkspace';
import { recordUri, ServiceRecords } from './serviceRecords';
import { signNote } from './sign';
import { nextVisitNumber } from './templates/nextVisit';
import { fillTemplate } from './templates/placeholders';
import type { Finding } from './types';
import { isInsideUri, joinUri, parentUri, relativeUriPath, splitUri, uriKey } from './uris';
import type { Vocabulary } from './vocabulary/vocabulary';
import { weakenedFinding } from './weakenings';

export type { LanguageServiceHost, HostFile } from './languageServiceHost';
export type { ServiceWorkspace } from './serviceWorkspace';

/** A note as the editor holds it (vscode-languageserver-textdocument's `TextDocument` is one). */
export interface NoteDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/**
 * The analysis of one version of a note, carrying what every feature needs with it: its text, its
 * vocabulary and workspace, "today". Callers never pair an analysis with an engine or a text again.
 */
export interface NoteAnalysis extends Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly vocabulary: Vocabulary;
  readonly workspace: ServiceWorkspace;
  /** The session "today" the note was checked against: the config's `today:`, else the host's. */
  readonly today: string;
}

/** What `render` makes: the HTML report (with the webview's nonce, CSP source and scripts) or the Markdown one; `extras`: the grade and review comments ({@link SoapnoteLanguageService.reportExtras}). */
export type RenderOptions = ({ format: 'md' } | { format: 'html'; nonce?: string; cspSource?: string; scripts?: string[]; historyHref?: string }) & { extras?: ReportExtras };

/** What the report shows beside the checker's findings: the grade under the workspace's rubric, the educator's review comments. */
export interface ReportExtras {
  grading: GradeOutcome;
  review?: NoteReview;
}

/** Any open document (a note, the config, a pack, a template, the rubric), as the editor holds it. */
export interface OpenDocument extends NoteDocument {
  /** True when the editor treats it as a note (language `soapnote`, or `*.soap.yaml`). */
  readonly isNote: boolean;
}

/** The result of `sign`: the signed text, or why the note cannot be signed. */
export type SignAnswer = { text: string } | { refused: string };

/** The progress page of a note's client across the visits of its workspace (no page when the client has no dated visit). */
export interface HistoryPage {
  html?: string;
  visits: number;
  client?: string;
}

/** What "New Note" asks for: the folder the note goes in, the template text, the client id and the therapist. */
export interface NewNoteRequest {
  folderUri: string;
  template: string;
  client: string;
  therapist: string;
}

/** A filled template: the text, the session date it used and the visit number. */
export interface NewNoteText {
  text: string;
  date: string;
  visit: number;
}

/** How the language service is set up. */
export interface LanguageServiceInit {
  host: LanguageServiceHost;
  /** The record of these open notes changed (another note of their client): check them again. URIs in the record's spelling ({@link recordUri}). */
  onRecordChanged?(uris: string[]): void;
}

/**
 * soapnote's language features over one host, as one object (after vscode-markdown-languageservice's
 * `createLanguageService`): adapters (the LSP server on Node or in a web worker, the CLI) convert
 * only; workspaces, the client's record and the analysis cache live here.
 */
export interface SoapnoteLanguageService {
  /** The workspace a note (or a config or pack file) belongs to, loaded on first use. */
  workspaceFor(uri: string): Promise<ServiceWorkspace>;
  /** The workspace a new note in `folder` would belong to (a workspace folder, a record root), loaded on first use. */
  workspaceOfFolder(folder: string): Promise<ServiceWorkspace>;
  /** The analysis of this version of the note, with the client's record (awaited, never skipped); cached per version. Never throws for bad content. */
  analyze(document: NoteDocument): Promise<NoteAnalysis>;
  /** The latest analysis made of `uri`, even of an older version (completion ranks with it while the fresh one is made). */
  latest(uri: string): NoteAnalysis | undefined;
  /** What the editor shows on the note: the workspace's weakenings announced on the first line, then the findings. */
  diagnostics(analysis: NoteAnalysis): Finding[];
  /** Completion at `position` of `text` (default the analysed text: pass the current one when the analysis is older). */
  complete(analysis: NoteAnalysis, position: Position, text?: string): CompletionList;
  hover(analysis: NoteAnalysis, position: Position): Hover | null;
  codeActions(analysis: NoteAnalysis, range: Range): CodeAction[];
  symbols(analysis: NoteAnalysis): DocumentSymbol[];
  folding(analysis: NoteAnalysis): FoldingRange[];
  /** Inlay hints in `range`: the Walton level after a pressure word, minutes against `duration`. */
  inlayHints(analysis: NoteAnalysis, range: Range): InlayHint[];
  /** The lenses above the note (Preview, Sign, History with the client's number of notes in the record). */
  codeLenses(analysis: NoteAnalysis): Promise<CodeLens[]>;
  /** Formatting edits (two-space indentation, comments kept, the signature hash unchanged); none for a note with YAML errors. */
  format(analysis: NoteAnalysis): TextEdit[];
  /** The report as HTML (a random nonce from the host when none is given) or Markdown. */
  render(analysis: NoteAnalysis, options: RenderOptions): string;
  /** The signed text (`at`: ISO 8601), refused when the note has errors or the signed text would not pass its own check. */
  sign(analysis: NoteAnalysis, by: string, at: string): SignAnswer;
  /** The client's progress across the notes of the workspace; `open`: analyses of open notes, whose editor text wins over the saved one. */
  history(analysis: NoteAnalysis, options?: { nonce?: string; open?: readonly NoteAnalysis[] }): Promise<HistoryPage>;
  /** Fills a template for a new note (as `soapnote new`): the workspace's today, the visit after the client's earlier notes, what their record carries as comments under `health:`. */
  newNote(request: NewNoteRequest): Promise<NewNoteText>;
  /** Findings to show on an open note beside the checker's: the educator's review comments (`NAME.review.yaml`), or why the review file cannot be used. */
  reviewFindings(analysis: NoteAnalysis): Promise<Finding[]>;
  /** The grade and review comments the report shows. */
  reportExtras(analysis: NoteAnalysis): Promise<ReportExtras>;
  /** Completion in a pack, the config or a template (`{{`); undefined when the note's own completion answers. */
  completeFile(document: OpenDocument, position: Position): Promise<CompletionList | undefined>;
  /** Hover in a pack or the config; undefined when the note's own hover answers. */
  hoverFile(document: OpenDocument, position: Position): Promise<Hover | null | undefined>;
  /** Go to definition from a term in a note or a template, an id in a pack, a `packs:` item of the config. */
  definition(document: OpenDocument, position: Position): Promise<Location[]>;
  /** The notes of the record naming the term at the cursor (and where it is defined when `includeDeclaration`). */
  references(document: OpenDocument, position: Position, includeDeclaration: boolean): Promise<Location[]>;
  /** The notes of the workspace folders (and of every workspace loaded) matching `query`: client id, date, therapist. */
  workspaceSymbols(query: string): Promise<SymbolInformation[]>;
  /** Findings on a non-note document checked as it is typed (the rubric); undefined for other files. */
  fileFindings(uri: string, text: string): Finding[] | undefined;
  /** Loads the workspace of each workspace folder and builds its record ahead of the first note (the engine takes most of start-up). */
  warmUp(): Promise<ServiceWorkspace[]>;
  /** Findings to publish on a workspace's config and pack files, by URI. */
  workspaceFindings(workspace: ServiceWorkspace): ReadonlyMap<string, Finding[]>;
  /** The editor's `soapnote.rules` (over each config's): every workspace reloads with them. */
  setSeverities(severities: Readonly<Record<string, SeveritySetting>>): void;
  /** The editor's language (LSP `InitializeParams.locale`: `fr`, `fr-CA`, ...) for lens titles, inlay hints, completion details and the report's labels; English for any other. */
  setLocale(locale: string | undefined): void;
  /** Files changed (saved, created, deleted, or edited unsaved when they are config or packs): reloads the workspaces reading them, re-reads notes into the record. Resolves with the roots reloaded. */
  filesChanged(uris: readonly string[]): Promise<string[]>;
  /** An open note was closed: its saved text goes back into the record, its cache entry is dropped. */
  closed(uri: string): Promise<void>;
}

/** A CSP nonce the report and history page accept (base64 / base64url). */
const NONCE = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;

/**
 * Creates the language service over a host.
 * ```ts
 * const service = createLanguageService({ host });
 * const analysis = await service.analyze(document);
 * const items = service.complete(analysis, position);
 * ```
 */
export function createLanguageService(init: LanguageServiceInit): SoapnoteLanguageService {
  const { host } = init;
  let severities: Readonly<Record<string, SeveritySetting>> = {};
  let locale: Locale = 'en';
  const workspaces = new Map<string, Promise<ServiceWorkspace>>();
  /** Per folder key: the nearest root with a config at or above it (inside the folder's workspace folder), as a promise so lookups are shared. */
  const roots = new Map<string, Promise<string | undefined>>();
  const cache = new Map<string, { version: number; engine: object; stamp: string; analysis: NoteAnalysis }>();
  const records = new ServiceRecords(host, (uris) => init.onRecordChanged?.(uris));

  const hasConfig = async (folder: string): Promise<boolean> => {
    try {
      return !('missing' in (await host.readFile(joinUri(folder, CONFIG_FILE))));
    } catch {
      return true; // A config that exists but cannot be read still makes a root: its load says why.
    }
  };

  /** The nearest folder at or above `folder` holding `.soapnote/config.yaml`, not above `limit`. */
  const configRoot = (folder: string, limit: string | undefined): Promise<string | undefined> => {
    const key = uriKey(folder);
    let found = roots.get(key);
    if (!found) {
      found = (async () => {
        if (await hasConfig(folder)) {
          return folder;
        }
        const parent = parentUri(folder);
        return parent === undefined || (limit !== undefined && !isInsideUri(parent, limit)) ? undefined : configRoot(parent, limit);
      })();
      roots.set(key, found);
    }
    return found;
  };

  /** The root a note belongs to: the nearest config folder above it inside its workspace folder, else that folder, else the note's own folder. */
  const rootFor = async (uri: string): Promise<string> => {
    if (!splitUri(uri)) {
      // An untitled note: the first folder's workspace (its config and record), else no workspace files at all.
      return host.workspaceFolders()[0] ?? uri;
    }
    const folders = host.workspaceFolders();
    const folder = folders.find((f) => isInsideUri(uri, f));
    const dir = parentUri(uri);
    if (dir === undefined) {
      return folder ?? folders[0] ?? uri;
    }
    return (await configRoot(dir, folder)) ?? folder ?? dir;
  };

  const workspaceAt = (root: string): Promise<ServiceWorkspace> => {
    const key = uriKey(root);
    let loaded = workspaces.get(key);
    if (!loaded) {
      loaded = loadServiceWorkspace(host, root, severities);
      workspaces.set(key, loaded);
    }
    return loaded;
  };

  const workspaceFor = async (uri: string): Promise<ServiceWorkspace> => workspaceAt(await rootFor(uri));
  /** The uri a new note in `folder` would have: the way to ask for a folder's workspace and record (nothing is read at it). */
  const noteIn = (folder: string): string => joinUri(folder.replace(/\/+$/, ''), 'new.soap.yaml');

  /** Per note, how often it was closed: an analysis that began before a close must not put the editor's text back into the record. */
  const closings = new Map<string, number>();

  const analyze = async (document: NoteDocument): Promise<NoteAnalysis> => {
    const closedBefore = closings.get(document.uri) ?? 0;
    const workspace = await workspaceFor(document.uri);
    const engine = workspace.engine;
    const carry = workspace.config.carryForward !== false;
    const use = carry ? await records.recordFor(workspace.root, engine, document.uri, document.getText()) : undefined;
    const stamp = use?.stamp ?? '';
    const cached = cache.get(document.uri);
    if (cached && cached.version === document.version && cached.engine === engine && cached.stamp === stamp) {
      return cached.analysis;
    }
    const text = document.getText();
    const analysis: NoteAnalysis = {
      ...engine.analyze(text, use?.record),
      uri: document.uri,
      version: document.version,
      text,
      vocabulary: engine.vocabulary,
      workspace,
      today: workspace.config.today ?? host.today(),
    };
    if ((closings.get(document.uri) ?? 0) !== closedBefore) {
      // Closed while it was being analysed: the answer stands, but the record keeps the saved text.
      return analysis;
    }
    const newer = cache.get(document.uri);
    if (!newer || newer.version <= document.version) {
      cache.set(document.uri, { version: document.version, engine, stamp, analysis });
    }
    if (carry && analysis.parsed.doc) {
      records.noteAnalysed(workspace.root, summariseNote(recordUri(document.uri), analysis.note, engine.vocabulary, text), noteTermUses(analysis.note));
    }
    return analysis;
  };

  const builtins = new BuiltinTexts(host);

  const reviewOf = (analysis: NoteAnalysis): Promise<NoteReview | undefined> => readReview(host, analysis.uri, analysis.text);

  const gradeOf = async (analysis: NoteAnalysis): Promise<GradeOutcome> => gradeOutcome(analysis, analysis.vocabulary, await readRubric(host, analysis.workspace.root));

  /** The document as definition, references and authoring read it; the analysis of a note is the latest one (ranking only needs the vocabulary). */
  const sourceOf = async (document: OpenDocument): Promise<SourceDocument | undefined> => {
    const workspace = await workspaceFor(document.uri);
    const text = document.getText();
    const kind = authoringKindOf(document.uri, text, document.isNote, workspace);
    if (kind) {
      return { uri: document.uri, text, kind, workspace };
    }
    return document.isNote ? { uri: document.uri, text, kind: 'note', workspace } : undefined;
  };

  const nonceFrom = (given: string | undefined): string => (given !== undefined && NONCE.test(given) ? given : base64(host.randomBytes(16)));

  const history = async (analysis: NoteAnalysis, options: { nonce?: string; open?: readonly NoteAnalysis[] } = {}): Promise<HistoryPage> => {
    const client = analysis.note.client?.value;
    if (!client) {
      return { visits: 0 };
    }
    const workspace = analysis.workspace;
    const notes = new Map<string, Analysis>();
    for (const open of [analysis, ...(options.open ?? [])]) {
      if (uriKey(open.workspace.root) === uriKey(workspace.root) && open.note.client?.value === client) {
        notes.set(recordUri(open.uri), open);
      }
    }
    let listed: string[] = [];
    try {
      listed = await host.listNotes(workspace.root);
    } catch {
      // No listing (an untitled note's folder): the open notes are the history.
    }
    for (const uri of listed.map(recordUri)) {
      if (notes.has(uri)) {
        continue;
      }
      const read = await host.readFile(uri).catch(() => undefined);
      // Only a note that mentions the client id can be one of theirs: the others are not analysed.
      if (read && 'text' in read && read.text.includes(client)) {
        notes.set(uri, workspace.engine.analyze(read.text));
      }
    }
    const visits = [...notes].map(([uri, a]) => ({ path: relativeUriPath(workspace.root, uri) ?? uri, analysis: a }));
    const progress = clientHistory(client, visits, analysis.today, workspace.engine.vocabulary);
    if (progress.visits.length === 0) {
      return { visits: 0, client };
    }
    return { html: historyHtml(progress, nonceFrom(options.nonce), locale), visits: progress.visits.length, client };
  };

  const newNote = async (request: NewNoteRequest): Promise<NewNoteText> => {
    const folder = request.folderUri.replace(/\/+$/, '');
    const workspace = await workspaceFor(noteIn(folder));
    const date = workspace.config.today ?? host.today();
    const uri = joinUri(folder, `${request.client}-${date}.soap.yaml`);
    const { record, index } = await records.recordFor(workspace.root, workspace.engine, uri);
    const earlier = index.notesOf(request.client).filter((n) => n.uri !== record.uri && (n.date ?? '') <= date);
    const visit = nextVisitNumber(earlier.map((n) => n.visit));
    const filled = fillTemplate(request.template, { client: request.client, date, therapist: request.therapist, visit: String(visit) });
    // The client's record, as comments under health: for the therapist to review at the visit.
    const text = workspace.config.carryForward === false ? filled : withCarriedComments(filled, record.lookup.carriedFor(workspace.engine.summarise(record.uri, filled)));
    return { text, date, visit };
  };

  return {
    workspaceFor,
    workspaceOfFolder: (folder) => workspaceFor(noteIn(folder)),
    analyze,
    newNote,
    latest: (uri) => cache.get(uri)?.analysis,
    diagnostics(analysis) {
      const announcement = weakenedFinding(analysis.weakenings);
      return announcement ? [announcement, ...analysis.findings] : analysis.findings;
    },
    complete: (analysis, position, text = analysis.text) => complete(text, position, analysis, analysis.vocabulary, { today: analysis.today, locale }),
    hover: (analysis, position) => hover(analysis.text, position, analysis, analysis.vocabulary),
    codeActions: (analysis, range) => codeActions(analysis.uri, analysis.text, range, analysis),
    symbols: (analysis) => documentSymbols(analysis),
    folding: (analysis) => foldingRanges(analysis),
    inlayHints: (analysis, range) => inlayHints(analysis, analysis.vocabulary, range, locale),
    async codeLenses(analysis) {
      const client = analysis.note.client?.value;
      let visits: number | undefined;
      if (client !== undefined) {
        const { record, index } = await records.recordFor(analysis.workspace.root, analysis.workspace.engine, analysis.uri, analysis.text);
        visits = index.notesOf(client).filter((n) => n.uri !== record.uri).length + 1;
      }
      // The note's own lenses, then the grade under the workspace's rubric.
      return [...codeLenses({ uri: analysis.uri, analysis, locale, ...(visits !== undefined ? { visits } : {}) }, NOTE_LENSES), ...gradeLenses(await gradeOf(analysis), locale)];
    },
    async reviewFindings(analysis) {
      return reviewAsFindings(await reviewOf(analysis), analysis.text);
    },
    async reportExtras(analysis) {
      const [grading, review] = await Promise.all([gradeOf(analysis), reviewOf(analysis)]);
      return { grading, ...(review ? { review } : {}) };
    },
    async completeFile(document, position) {
      const source = await sourceOf(document);
      return source ? authoringCompletion(host, source, position) : undefined;
    },
    async hoverFile(document, position) {
      const source = await sourceOf(document);
      return source ? authoringHover(source, position) : undefined;
    },
    async definition(document, position) {
      const source = await sourceOf(document);
      return source ? authoringDefinition(host, builtins, source, position) : [];
    },
    async references(document, position, includeDeclaration) {
      const source = await sourceOf(document);
      if (!source) {
        return [];
      }
      const terms = await records.termsOf(source.workspace.root, source.workspace.engine);
      return authoringReferences(host, builtins, source, position, includeDeclaration, terms);
    },
    async workspaceSymbols(query) {
      // Every workspace folder's record is built first: a search must not miss notes still being read.
      for (const folder of host.workspaceFolders()) {
        const note = noteIn(folder);
        const workspace = await workspaceFor(note);
        await records.recordFor(workspace.root, workspace.engine, note);
      }
      return workspaceSymbols(await records.allNotes(), query);
    },
    fileFindings: (uri, text) => (isRubricUri(uri) ? parseRubric(text).findings : undefined),
    async warmUp() {
      const loaded: ServiceWorkspace[] = [];
      for (const folder of host.workspaceFolders()) {
        const note = noteIn(folder);
        const workspace = await workspaceFor(note);
        loaded.push(workspace);
        if (workspace.config.carryForward !== false) {
          // Started, not awaited: the workspace's findings are published while the notes are read.
          void records.recordFor(workspace.root, workspace.engine, note).catch(() => undefined);
        }
      }
      return loaded;
    },
    format: (analysis) => formatNote(analysis.text, parseLimits(analysis.workspace.config)),
    render(analysis, options) {
      const extras = options.extras ? { grading: options.extras.grading, ...(options.extras.review ? { review: options.extras.review } : {}) } : {};
      if (options.format === 'md') {
        return renderMarkdown(analysis, analysis.vocabulary, { ...extras, locale });
      }
      return renderHtml(analysis, analysis.vocabulary, { nonce: nonceFrom(options.nonce), cspSource: options.cspSource, scripts: options.scripts, historyHref: options.historyHref, ...extras, locale });
    },
    sign(analysis, by, at) {
      const sha256 = (text: string): string => host.sha256(text);
      const outcome = signNote(analysis.text, analysis, by, at, sha256);
      if ('refused' in outcome) {
        return { refused: outcome.refused };
      }
      // As in the CLI: never hand back a signed text the checker would reject (size limit, a bad time).
      const rejected = rejectsOwnCheck(analysis.workspace.engine, outcome.text, sha256);
      return rejected ? { refused: `The signed note would not pass its own check (${rejected}).` } : { text: outcome.text };
    },
    history,
    workspaceFindings: (workspace) => workspace.fileFindings,
    setSeverities(next) {
      severities = next;
      workspaces.clear();
      cache.clear();
      records.reset();
    },
    setLocale(next) {
      locale = localeOf(next);
    },
    async filesChanged(uris) {
      const reloaded: string[] = [];
      const loaded = await Promise.all([...workspaces.values()]);
      for (const uri of uris) {
        if (/(^|\/)\.soapnote\/config\.ya?ml$/i.test(uriKey(uri))) {
          // A config created or deleted moves roots: look them up again.
          roots.clear();
        }
      }
      const keys = new Set(uris.map(uriKey));
      for (const workspace of loaded) {
        const configFolder = uriKey(joinUri(workspace.root, '.soapnote'));
        if ([...keys].some((k) => workspace.files.has(k) || k.startsWith(`${configFolder}/`))) {
          workspaces.delete(uriKey(workspace.root));
          reloaded.push(workspace.root);
        }
      }
      if (reloaded.length > 0 || uris.some((u) => /(^|\/)\.soapnote\/config\.ya?ml$/i.test(uriKey(u)))) {
        // New engines: analyses and records made with the old ones are stale.
        cache.clear();
        records.reset();
        if (reloaded.length === 0) {
          workspaces.clear();
        }
      } else {
        await records.filesChanged(uris);
      }
      return reloaded;
    },
    async closed(uri) {
      closings.set(uri, (closings.get(uri) ?? 0) + 1);
      cache.delete(uri);
      const workspace = await workspaceFor(uri);
      await records.closed(workspace.root, uri);
    },
  };
}
