import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AuthoringKind } from '../core/authoring/idSlots';
import type { PackFileText } from '../core/authoring/definition';
import { builtinPackSources } from '../node/builtinPacks';
import { CONFIG_PATH, MAX_WORKSPACE_FILE_BYTES, type Workspace } from '../node/workspace';
import { readBounded } from '../node/readFile';
import { resolveInWorkspace } from '../node/insideWorkspace';
import { isConfigPath, packPaths } from './workspaces';

/** An open pack, config or template, with the workspace it belongs to. */
export interface AuthoringDocument {
  kind: AuthoringKind;
  document: TextDocument;
  workspace: Workspace;
  path: string;
}

const SOAPNOTE_DIR = dirname(CONFIG_PATH);

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** Which authoring file a path is: the config, a pack (listed, or a YAML file under `.soapnote/` that is one), a template (a note in the templates folder). */
export function authoringKind(path: string, text: string, isNote: boolean, workspace: Workspace): AuthoringKind | undefined {
  if (isNote) {
    return isInside(path, join(workspace.root, workspace.config.templates)) ? 'template' : undefined;
  }
  if (isConfigPath(path)) {
    return 'config';
  }
  if (packPaths(workspace).includes(path)) {
    return 'pack';
  }
  const inSoapnote = path.split(/[\\/]/).includes(SOAPNOTE_DIR);
  if (inSoapnote && /\.ya?ml$/i.test(path) && (basename(dirname(path)) === 'packs' || /^soapnote_pack\s*:/m.test(text))) {
    return 'pack';
  }
  return undefined;
}

/** The built-in knowledge files' texts, read once (they ship with the extension and never change while it runs). */
let builtinTexts: PackFileText[] | undefined;

function builtinPackTexts(): PackFileText[] {
  builtinTexts ??= builtinPackSources().flatMap((source) => {
    try {
      return [{ uri: source.uri, text: readFileSync(fileURLToPath(source.uri), 'utf8') }];
    } catch {
      // A knowledge file missing from an installation: its entries have no place to go to.
      return [];
    }
  });
  return builtinTexts;
}

/**
 * Every pack of a workspace in load order, with its text: the built-in knowledge, then the packs
 * the config lists (the editor's text when open), then `current` (the pack being edited) when it is
 * not listed.
 */
export function workspacePackTexts(workspace: Workspace, openText: (path: string) => string | undefined, current?: { path: string; text: string }): PackFileText[] {
  // Only packs inside the workspace are read, as when the workspace is loaded: a config must not make the editor read any file.
  const inside = workspace.config.packs.map((written) => resolveInWorkspace(workspace.root, written)).filter((w) => w.inside).map((w) => w.path);
  const listed = inside.flatMap((path) => {
    const text = openText(path) ?? readText(path);
    return text === undefined ? [] : [{ uri: pathToFileURL(path).toString(), text }];
  });
  const out = [...builtinPackTexts(), ...listed];
  if (current && !inside.includes(current.path)) {
    out.push({ uri: pathToFileURL(current.path).toString(), text: current.text });
  }
  return out;
}

function readText(path: string): string | undefined {
  try {
    const read = readBounded(path, MAX_WORKSPACE_FILE_BYTES);
    return 'bytes' in read ? read.bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** At most this many files and folders are listed for completion (a `.soapnote/` folder is small; a huge one must not stall a keystroke). */
const MAX_LISTED = 500;

/** YAML files and folders under the workspace's `.soapnote/`, workspace-relative with `/`: what `packs:` and `templates:` may name. */
export function soapnoteFolderContents(root: string): { yamlFiles: string[]; folders: string[] } {
  const yamlFiles: string[] = [];
  const folders: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 4 || yamlFiles.length + folders.length >= MAX_LISTED) {
      return;
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        folders.push(rel);
        walk(path, depth + 1);
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && !/\.soap\.ya?ml$/i.test(entry.name) && !isConfigPath(path)) {
        yamlFiles.push(rel);
      }
    }
  };
  walk(join(root, SOAPNOTE_DIR), 0);
  return { yamlFiles, folders };
}
