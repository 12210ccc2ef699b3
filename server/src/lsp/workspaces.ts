import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RuleId } from '../core/ruleIds';
import { DOCUMENT_START } from '../core/ranges';
import type { Finding } from '../core/types';
import { CONFIG_PATH, findWorkspaceRoot, loadWorkspace, type Workspace } from '../node/workspace';
import type { RuleSettings } from './ruleSettings';

/** The file system path of a `file:` uri, or undefined for other schemes (untitled, etc.). */
export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `path` is `<root>/.soapnote/config.yaml` for some root. */
export function isConfigPath(path: string): boolean {
  return basename(path) === basename(CONFIG_PATH) && basename(dirname(path)) === dirname(CONFIG_PATH);
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Absolute paths of the packs a workspace's config lists. */
export function packPaths(workspace: Workspace): string[] {
  return workspace.config.packs.map((p) => (isAbsolute(p) ? p : join(workspace.root, p)));
}

/** What the workspace set needs from the server: open editor texts and a logger for failing rules. */
export interface WorkspaceHost {
  initRoot?: string;
  /** The editor's text of a file that is open, else undefined (then the file on disk is read). */
  openText(path: string): string | undefined;
  onRuleError(ruleId: string, error: unknown): void;
  /** Called after every (re)load, so the findings on the config and pack files can be published. */
  loaded(workspace: Workspace): void;
}

/**
 * The workspaces the open notes belong to, loaded lazily by root and rebuilt when their config or
 * a pack changes (from disk, or from the editor's unsaved text when the file is open).
 */
export class WorkspaceSet {
  private readonly loaded = new Map<string, Workspace>();
  private ruleSettings: RuleSettings = {};

  constructor(private readonly host: WorkspaceHost) {}

  /** Sets the editor's `soapnote.rules` for the workspaces loaded from now on; returns the loaded roots, to be reloaded. */
  setRuleSettings(settings: RuleSettings): string[] {
    this.ruleSettings = settings;
    return [...this.loaded.keys()];
  }

  /**
   * The root a note belongs to: the nearest folder with `.soapnote/config.yaml` above it (inside the
   * editor's workspace folder when the note is in it), else the workspace folder, else the note's folder.
   */
  rootForNote(uri: string): string {
    const path = uriToPath(uri);
    const init = this.host.initRoot;
    if (path === undefined) {
      return init ?? process.cwd();
    }
    const nearest = findWorkspaceRoot(dirname(path));
    if (init !== undefined && isInside(path, init)) {
      return nearest !== undefined && isInside(nearest, init) ? nearest : init;
    }
    return nearest ?? dirname(path);
  }

  /** The workspace at `root`, loaded on first use. */
  get(root: string): Workspace {
    return this.loaded.get(root) ?? this.reload(root);
  }

  /** Rebuilds the workspace at `root` from the current texts. */
  reload(root: string): Workspace {
    const configPath = join(root, CONFIG_PATH);
    const onRuleError = (id: string, e: unknown): void => this.host.onRuleError(id, e);
    const packText = (p: string): string | undefined => this.host.openText(p);
    const workspace = loadWorkspace(root, { onRuleError, severities: this.ruleSettings }, this.host.openText(configPath), packText);
    this.loaded.set(root, workspace);
    this.host.loaded(workspace);
    return workspace;
  }

  /** Loaded roots whose config or pack list includes `path`; a config file names its own root even when not loaded yet. */
  rootsUsing(path: string): string[] {
    const roots = new Set<string>();
    if (isConfigPath(path)) {
      roots.add(dirname(dirname(path)));
    }
    for (const [root, workspace] of this.loaded) {
      if (packPaths(workspace).includes(path) || isInside(path, join(root, dirname(CONFIG_PATH)))) {
        roots.add(root);
      }
    }
    return [...roots];
  }

  /**
   * The packs loaded configs list outside a `.soapnote/` folder of the editor's workspace, which the
   * client's static watcher does not cover.
   */
  unwatchedPackPaths(): string[] {
    const init = this.host.initRoot;
    const covered = (path: string): boolean => init !== undefined && isInside(path, init) && relative(init, path).split(/[\\/]/).includes(dirname(CONFIG_PATH));
    return [...this.loaded.values()].flatMap((w) => packPaths(w)).filter((p) => !covered(p));
  }

  /** True when a file is a config or a pack of a loaded workspace (or any `.soapnote/config.yaml`). */
  isWorkspaceFile(path: string): boolean {
    return isConfigPath(path) || [...this.loaded.values()].some((w) => packPaths(w).includes(path));
  }
}

/**
 * The findings to publish on a workspace's config and pack files, by uri. Problems without a
 * position (a listed pack that cannot be read) go on the config file's first line.
 */
export function workspaceFileFindings(workspace: Workspace): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const configPath = join(workspace.root, CONFIG_PATH);
  const byPathname = new Map([configPath, ...packPaths(workspace)].map((p) => [pathToFileURL(p).pathname, p]));
  for (const [key, findings] of workspace.fileFindings) {
    // Pack findings are keyed by URL pathname (percent-encoded), the config's by plain path.
    const path = key === configPath ? key : (byPathname.get(key) ?? key);
    out.set(pathToFileURL(path).toString(), findings);
  }
  if (workspace.problems.length > 0 && workspace.configPath) {
    const uri = pathToFileURL(configPath).toString();
    const problems = workspace.problems.map((message): Finding => ({ ruleId: RuleId.configInvalid, severity: 'error', message, range: DOCUMENT_START }));
    out.set(uri, [...(out.get(uri) ?? []), ...problems]);
  }
  return out;
}
