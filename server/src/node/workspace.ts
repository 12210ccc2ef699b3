import { dirname, isAbsolute, join, relative as relativePath, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG, parseConfig, type ConfigLocations, type SettingOrigin, type SeveritySetting, type SoapnoteConfig } from '../core/config';
import { decodeNoteBytes } from '../core/encoding';
import { createEngine, type Engine, type EngineInit } from '../core/engine';
import { DOCUMENT_START } from '../core/ranges';
import { RuleId } from '../core/ruleIds';
import type { Finding, Range } from '../core/types';
import type { PackSource } from '../core/vocabulary/packs';
import { builtinLanguagePackSources, builtinPackSources } from './builtinPacks';
import { resolveInWorkspace } from './insideWorkspace';
import { nodeHost } from './nodeHost';
import { readBounded, UnreadableFileError } from './readFile';
import { workspaceTemplates } from './templates';
import { pathExists } from './pathExists';

/** Where the workspace config lives, relative to the workspace root. */
export const CONFIG_PATH = join('.soapnote', 'config.yaml');

/** How weakenings made by the editor's `soapnote.rules` name their source. */
export const EDITOR_SETTINGS_ORIGIN = 'VS Code setting soapnote.rules';

/** A workspace as the CLI and the server see it: its root, config, engine, and findings about the config and packs. */
export interface Workspace {
  root: string;
  configPath?: string;
  config: SoapnoteConfig;
  engine: Engine;
  /** Findings about `.soapnote/config.yaml` and pack files, by absolute path. */
  fileFindings: Map<string, Finding[]>;
  /** Problems that are not about a position in a file (a pack listed in the config that cannot be read). */
  problems: string[];
  /** What the engine was made from: the config's text and every pack (check workers load the same; the check cache is keyed on them). */
  inputs: { configText?: string; packs: readonly PackSource[] };
}

/** The largest config or pack file read (a pack of the whole built-in vocabulary is about 300 KB); larger is refused, never read in full. */
export const MAX_WORKSPACE_FILE_BYTES = 10_000_000;

/** The nearest folder at or above `start` holding `.soapnote/config.yaml`, or undefined. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (pathExists(join(dir, CONFIG_PATH))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** What a host may change when loading a workspace: the rule families (tests), a logger for failing rules, and severities over the config's (the editor's `soapnote.rules`). */
export type WorkspaceOverrides = Partial<Pick<EngineInit, 'rules' | 'onRuleError'>> & { severities?: Readonly<Record<string, SeveritySetting>> };

/**
 * Loads the workspace rooted at `root`: its config (if any), the built-in packs and the packs the
 * config lists. Never throws for bad content: a bad config or pack becomes findings on that file.
 * `configText` and `packText(path)` (absolute path; undefined = read the file) stand in for the files on disk: the editor's unsaved text.
 */
export function loadWorkspace(root: string, overrides: WorkspaceOverrides = {}, configText?: string, packText?: (path: string) => string | undefined): Workspace {
  const fileFindings = new Map<string, Finding[]>();
  const problems: string[] = [];
  const addFinding = (path: string, finding: Finding): void => {
    fileFindings.set(path, [...(fileFindings.get(path) ?? []), finding]);
  };
  const configPath = join(root, CONFIG_PATH);
  let config = DEFAULT_CONFIG;
  const origins: SettingOrigin[] = [];
  let locations: ConfigLocations = { packs: [], templates: DOCUMENT_START };
  let text = configText;
  if (text === undefined && pathExists(configPath)) {
    if (!resolveInWorkspace(root, CONFIG_PATH).inside) {
      problems.push(`${CONFIG_PATH} is a symbolic link to a file outside the workspace, so it was not read`);
    } else {
      const read = readWorkspaceFile(configPath);
      if ('text' in read) {
        text = read.text;
      } else if ('finding' in read) {
        fileFindings.set(configPath, [read.finding]);
      } else {
        problems.push(`cannot read ${CONFIG_PATH}: ${read.problem}`);
      }
    }
  }
  if (text !== undefined) {
    const parsed = parseConfig(text, CONFIG_PATH.split('\\').join('/'));
    config = parsed.config;
    locations = parsed.locations;
    origins.push(parsed.origin);
    fileFindings.set(configPath, parsed.findings);
  }
  // Language packs only add words to built-in terms, so they come straight after the built-in packs.
  const packs: PackSource[] = [...builtinPackSources(), ...builtinLanguagePackSources(config.languages ?? [])];
  config.packs.forEach((written, i) => {
    const where = resolveInWorkspace(root, written);
    if (!where.inside) {
      addFinding(configPath, outsideFinding(`The vocabulary pack '${written}'`, where.real !== resolve(where.path), locations.packs[i]));
      return;
    }
    const open = packText?.(where.path);
    const read = open !== undefined ? { text: open } : readWorkspaceFile(where.path);
    if ('text' in read) {
      packs.push({ uri: pathToFileURL(where.path).toString(), name: displayName(root, where.path), text: read.text });
    } else if ('finding' in read) {
      addFinding(where.path, read.finding);
    } else {
      problems.push(`cannot read vocabulary pack '${written}' listed in ${CONFIG_PATH}: ${read.problem}`);
    }
  });
  const templates = workspaceTemplates(root, config.templates);
  for (const path of templates.outside) {
    if (path === resolveInWorkspace(root, config.templates).path) {
      addFinding(configPath, outsideFinding(`The templates folder '${config.templates}'`, false, locations.templates));
    } else {
      addFinding(path, outsideFinding('This template', true, DOCUMENT_START));
    }
  }
  const { severities, ...engineOverrides } = overrides;
  // The editor's severities win over the file's, also over `off`; `workspace.config` stays the file's.
  const editorRules = severities && Object.keys(severities).length > 0 ? severities : undefined;
  const engineConfig = editorRules ? { ...config, rules: { ...config.rules, ...editorRules } } : config;
  if (editorRules) {
    origins.push({ file: EDITOR_SETTINGS_ORIGIN, lines: Object.fromEntries(Object.keys(editorRules).map((id) => [`rules/${id}`, 1])) });
  }
  const engine = createEngine({ packs, config: engineConfig, host: nodeHost(), origins, ...engineOverrides });
  for (const [uri, findings] of engine.packFindings) {
    if (findings.length > 0) {
      fileFindings.set(new URL(uri).pathname, findings);
    }
  }
  return { root, configPath: text !== undefined ? configPath : undefined, config, engine, fileFindings, problems, inputs: { configText: text, packs } };
}

/** A config or pack file's text: regular files only, size-bounded, UTF-8; else the finding or problem that says why not. */
function readWorkspaceFile(path: string): { text: string } | { finding: Finding } | { problem: string } {
  let read;
  try {
    read = readBounded(path, MAX_WORKSPACE_FILE_BYTES);
  } catch (error) {
    return { problem: error instanceof UnreadableFileError ? error.reason : String(error) };
  }
  if ('tooLarge' in read) {
    return { problem: `it is over ${MAX_WORKSPACE_FILE_BYTES / 1_000_000} MB, the most soapnote reads of a config or pack file` };
  }
  const decoded = decodeNoteBytes(read.bytes);
  return 'text' in decoded ? decoded : { finding: { ...decoded.finding, ruleId: RuleId.configInvalid } };
}

/** The `config.invalid` finding for a pack or template path that leads outside the workspace: it names the path, never the file's content. */
function outsideFinding(what: string, link: boolean, range: Range | undefined): Finding {
  const how = link ? 'is a symbolic link to a file outside the workspace' : 'is outside the workspace';
  return { ruleId: RuleId.configInvalid, severity: 'error', message: `${what} ${how}; packs and templates are read only from inside the workspace, so it was not read.`, range: range ?? DOCUMENT_START };
}

/** A file as weakenings name it: relative to the workspace root with `/`, or absolute when outside it. */
function displayName(root: string, path: string): string {
  const rel = relativePath(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}
