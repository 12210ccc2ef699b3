import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Hover, Location, Position } from 'vscode-languageserver';
import { completeAuthoring } from '../core/authoring/completion';
import { definitionsOf } from '../core/authoring/definition';
import { hoverAuthoring } from '../core/authoring/hover';
import { fieldAt } from '../core/authoring/idSlots';
import { placeholderItems } from '../core/authoring/placeholderCompletion';
import { namedAt } from '../core/authoring/termAt';
import { cursorContext, unquote } from '../core/features/yamlContext';
import { resolveInWorkspace } from '../node/insideWorkspace';
import { soapnoteFolderContents, workspacePackTexts, type AuthoringDocument } from './authoringFiles';
import type { ServerState } from './state';
import { uriToPath } from './workspaces';

/** Completion in a pack or the config, or `{{` placeholders in a template; undefined when the note's own completion should answer. */
export function authoringCompletion(state: ServerState, uri: string, position: Position): CompletionList | undefined {
  const doc = state.authoringDocument(uri);
  if (!doc) {
    return undefined;
  }
  const text = doc.document.getText();
  if (doc.kind === 'template') {
    const items = placeholderItems(text, position);
    return items ? { isIncomplete: false, items } : undefined;
  }
  const files = doc.kind === 'config' ? soapnoteFolderContents(doc.workspace.root) : {};
  return completeAuthoring(doc.kind, text, position, { vocabulary: doc.workspace.engine.vocabulary, ...files, uri });
}

/** Hover in a pack or the config; undefined for other documents. */
export function authoringHover(state: ServerState, uri: string, position: Position): Hover | null | undefined {
  const doc = state.authoringDocument(uri);
  if (!doc || doc.kind === 'template') {
    return undefined;
  }
  return hoverAuthoring(doc.kind, doc.document.getText(), position, doc.workspace.engine.vocabulary, uri);
}

/** The document at `uri` as definition and references read it: a pack, config or template, or a note. */
function sourceOf(state: ServerState, uri: string): { kind: AuthoringDocument['kind'] | 'note'; doc: Pick<AuthoringDocument, 'document' | 'workspace' | 'path'> } | undefined {
  const authoring = state.authoringDocument(uri);
  if (authoring) {
    return { kind: authoring.kind, doc: authoring };
  }
  const note = state.note(uri, true);
  const path = uriToPath(uri);
  return note && path !== undefined ? { kind: 'note', doc: { document: note.document, workspace: note.workspace, path } } : undefined;
}

/**
 * Go to definition: from an id in a pack (a rule's technique, a region, `implies:`, ...) or a term
 * in a note, to the entries that define it (this pack, another, or the built-in knowledge); from
 * a `packs:` item of the config, to the pack file.
 */
export function authoringDefinition(state: ServerState, uri: string, position: Position): Location[] {
  const source = sourceOf(state, uri);
  if (!source) {
    return [];
  }
  const { kind, doc } = source;
  const text = doc.document.getText();
  if (kind === 'config') {
    return packFileAt(doc, text, position);
  }
  const named = namedAt(kind, text, position, doc.workspace.engine.vocabulary);
  if (!named) {
    return [];
  }
  const packs = workspacePackTexts(doc.workspace, (p) => state.openTextAt(p), kind === 'pack' ? { path: doc.path, text } : undefined);
  return definitionsOf(named, packs).map((l) => ({ uri: l.uri, range: l.range }));
}

/** A `packs:` item of the config: the start of the file it names, when it is inside the workspace and there. */
function packFileAt(doc: Pick<AuthoringDocument, 'workspace'>, text: string, position: Position): Location[] {
  const ctx = cursorContext(text, position);
  const field = ctx ? fieldAt(ctx) : undefined;
  if (!ctx || field?.field !== 'packs' || !field.item || field.path.length > 0) {
    return [];
  }
  const where = resolveInWorkspace(doc.workspace.root, unquote(ctx.token.text));
  return where.inside && existsSync(where.path) ? [{ uri: pathToFileURL(where.path).toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
}

/** Find references: the notes beside the document that name the term at the cursor (and, when asked, where it is defined). */
export function authoringReferences(state: ServerState, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const source = sourceOf(state, uri);
  if (!source || source.kind === 'config') {
    return [];
  }
  const { kind, doc } = source;
  const text = doc.document.getText();
  const named = namedAt(kind, text, position, doc.workspace.engine.vocabulary);
  if (!named?.term) {
    return [];
  }
  const uses: Location[] = state.usesOf(doc.path, named.term.kind, named.term.id, doc.workspace.engine.vocabulary);
  if (!includeDeclaration) {
    return uses;
  }
  const packs = workspacePackTexts(doc.workspace, (p) => state.openTextAt(p), kind === 'pack' ? { path: doc.path, text } : undefined);
  return [...definitionsOf(named, packs).map((l) => ({ uri: l.uri, range: l.range })), ...uses];
}
