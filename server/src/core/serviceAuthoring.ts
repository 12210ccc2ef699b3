import type { CompletionList, Hover, Location, Position } from 'vscode-languageserver-types';
import { completeAuthoring } from './authoring/completion';
import { definitionsOf, type PackFileText } from './authoring/definition';
import { hoverAuthoring } from './authoring/hover';
import { fieldAt, type AuthoringKind } from './authoring/idSlots';
import { placeholderItems } from './authoring/placeholderCompletion';
import { namedAt, usesTerm, type TermUse } from './authoring/termAt';
import { cursorContext, unquote } from './features/yamlContext';
import type { HostFile, LanguageServiceHost } from './languageServiceHost';
import type { ServiceWorkspace } from './serviceWorkspace';
import { isInsideUri, joinUri, parentUri, relativeUriPath, splitUri, uriKey } from './uris';

/** A document as definition and references read it: its URI, text, what it is, and its workspace. */
export interface SourceDocument {
  uri: string;
  text: string;
  kind: AuthoringKind | 'note';
  workspace: ServiceWorkspace;
}

/** At most this many files and folders are listed for completion (a `.soapnote/` folder is small; a huge one must not stall a keystroke). */
const MAX_LISTED = 500;

const CONFIG_NAME = /(^|\/)\.soapnote\/config\.yaml$/;

/** True for `<root>/.soapnote/config.yaml`. */
export function isConfigUri(uri: string): boolean {
  return CONFIG_NAME.test(uriKey(uri));
}

/** The URIs of the packs a workspace's config lists (inside the workspace or not). */
export function listedPackUris(workspace: ServiceWorkspace): string[] {
  return workspace.config.packs.map((written) => joinUri(workspace.root, written));
}

/**
 * Which authoring file a document is: the config, a pack (listed, or a YAML file under `.soapnote/`
 * that is one: in `.soapnote/packs/` or starting `soapnote_pack:`), a template (a note in the
 * templates folder); undefined for anything else.
 */
export function authoringKindOf(uri: string, text: string, isNote: boolean, workspace: ServiceWorkspace): AuthoringKind | undefined {
  if (!splitUri(uri)) {
    return undefined;
  }
  const key = uriKey(uri);
  if (isNote) {
    const templates = joinUri(workspace.root, workspace.config.templates);
    return isInsideUri(uri, templates) && uriKey(templates) !== key ? 'template' : undefined;
  }
  if (isConfigUri(uri)) {
    return 'config';
  }
  if (listedPackUris(workspace).some((p) => uriKey(p) === key)) {
    return 'pack';
  }
  const segments = key.split('/');
  const folder = segments[segments.length - 2];
  if (segments.includes('.soapnote') && /\.ya?ml$/.test(key) && (folder === 'packs' || /^soapnote_pack\s*:/m.test(text))) {
    return 'pack';
  }
  return undefined;
}

async function read(host: LanguageServiceHost, uri: string): Promise<HostFile> {
  try {
    return await host.readFile(uri);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** YAML files and folders under the workspace's `.soapnote/`, workspace-relative with `/`: what `packs:` and `templates:` may name. */
export async function soapnoteFolderContents(host: LanguageServiceHost, root: string): Promise<{ yamlFiles: string[]; folders: string[] }> {
  const yamlFiles: string[] = [];
  const folders: string[] = [];
  const readDirectory = host.readDirectory?.bind(host);
  if (!readDirectory) {
    return { yamlFiles, folders };
  }
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 4 || yamlFiles.length + folders.length >= MAX_LISTED) {
      return;
    }
    let entries: [string, 'file' | 'directory'][];
    try {
      entries = await readDirectory(dir);
    } catch {
      return;
    }
    for (const [name, type] of [...entries].sort((a, b) => a[0].localeCompare(b[0]))) {
      const uri = joinUri(dir, name);
      const rel = relativeUriPath(root, uri) ?? name;
      if (type === 'directory') {
        folders.push(rel);
        await walk(uri, depth + 1);
      } else if (/\.ya?ml$/i.test(name) && !/\.soap\.ya?ml$/i.test(name) && !isConfigUri(uri)) {
        yamlFiles.push(rel);
      }
    }
  };
  await walk(joinUri(root, '.soapnote'), 0);
  return { yamlFiles, folders };
}

/** Completion in a pack or the config, or `{{` placeholders in a template; undefined when the note's own completion should answer. */
export async function authoringCompletion(host: LanguageServiceHost, source: SourceDocument, position: Position): Promise<CompletionList | undefined> {
  if (source.kind === 'note') {
    return undefined;
  }
  if (source.kind === 'template') {
    const items = placeholderItems(source.text, position);
    return items ? { isIncomplete: false, items } : undefined;
  }
  const files = source.kind === 'config' ? await soapnoteFolderContents(host, source.workspace.root) : {};
  return completeAuthoring(source.kind, source.text, position, { vocabulary: source.workspace.engine.vocabulary, ...files, uri: source.uri });
}

/** Hover in a pack or the config; undefined for other documents. */
export function authoringHover(source: SourceDocument, position: Position): Hover | null | undefined {
  if (source.kind !== 'pack' && source.kind !== 'config') {
    return undefined;
  }
  return hoverAuthoring(source.kind, source.text, position, source.workspace.engine.vocabulary, source.uri);
}

/** The texts of the built-in packs, read once per URI through the host (they never change while it runs). */
export class BuiltinTexts {
  private readonly texts = new Map<string, Promise<string | undefined>>();

  constructor(private readonly host: LanguageServiceHost) {}

  /** The text of a built-in pack, or undefined when the host cannot read it (its entries then have no place to go to). */
  text(uri: string): Promise<string | undefined> {
    let found = this.texts.get(uri);
    if (!found) {
      found = read(this.host, uri).then((f) => ('text' in f ? f.text : undefined));
      this.texts.set(uri, found);
    }
    return found;
  }
}

/**
 * Every pack of a workspace in load order, with its text: the built-in knowledge, then the packs the
 * config lists inside the workspace (the editor's text when open), then `current` when it is a pack not listed.
 */
export async function workspacePackTexts(host: LanguageServiceHost, builtins: BuiltinTexts, source: SourceDocument): Promise<PackFileText[]> {
  const workspace = source.workspace;
  const out: PackFileText[] = [];
  for (const pack of host.builtinPacks(workspace.config.languages ?? [])) {
    const text = pack.text !== '' ? pack.text : await builtins.text(pack.uri);
    if (text !== undefined) {
      out.push({ uri: pack.uri, text });
    }
  }
  // Only packs inside the workspace are read, as when the workspace is loaded: a config must not make the editor read any file.
  const listed = listedPackUris(workspace).filter((uri) => isInsideUri(uri, workspace.root));
  for (const uri of listed) {
    const file = uriKey(uri) === uriKey(source.uri) ? { text: source.text } : await read(host, uri);
    if ('text' in file) {
      out.push({ uri, text: file.text });
    }
  }
  if (source.kind === 'pack' && !listed.some((u) => uriKey(u) === uriKey(source.uri))) {
    out.push({ uri: source.uri, text: source.text });
  }
  return out;
}

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Go to definition: from an id in a pack (a rule's technique, a region, `implies:`, ...) or a term in
 * a note, to the entries that define it (this pack, another, or the built-in knowledge); from a
 * `packs:` item of the config, to the pack file (inside the workspace, when it is there).
 */
export async function authoringDefinition(host: LanguageServiceHost, builtins: BuiltinTexts, source: SourceDocument, position: Position): Promise<Location[]> {
  if (source.kind === 'config') {
    const ctx = cursorContext(source.text, position);
    const field = ctx ? fieldAt(ctx) : undefined;
    if (!ctx || field?.field !== 'packs' || !field.item || field.path.length > 0) {
      return [];
    }
    const uri = joinUri(source.workspace.root, unquote(ctx.token.text));
    if (!isInsideUri(uri, source.workspace.root) || parentUri(uri) === undefined) {
      return [];
    }
    return 'missing' in (await read(host, uri)) ? [] : [{ uri, range: START }];
  }
  const named = namedAt(source.kind, source.text, position, source.workspace.engine.vocabulary);
  if (!named) {
    return [];
  }
  return definitionsOf(named, await workspacePackTexts(host, builtins, source)).map((l) => ({ uri: l.uri, range: l.range }));
}

/** Find references: the notes of the record that name the term at the cursor (`terms`: what each note writes), and, when asked, where it is defined. */
export async function authoringReferences(host: LanguageServiceHost, builtins: BuiltinTexts, source: SourceDocument, position: Position, includeDeclaration: boolean, terms: ReadonlyMap<string, TermUse[]>): Promise<Location[]> {
  if (source.kind === 'config') {
    return [];
  }
  const vocabulary = source.workspace.engine.vocabulary;
  const named = namedAt(source.kind, source.text, position, vocabulary);
  const term = named?.term;
  if (!named || !term) {
    return [];
  }
  const uses: Location[] = [];
  for (const [uri, written] of terms) {
    for (const use of written) {
      if (usesTerm(use, term.kind, term.id, vocabulary)) {
        uses.push({ uri, range: use.range });
      }
    }
  }
  uses.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line));
  if (!includeDeclaration) {
    return uses;
  }
  const definitions = definitionsOf(named, await workspacePackTexts(host, builtins, source)).map((l) => ({ uri: l.uri, range: l.range }));
  return [...definitions, ...uses];
}
