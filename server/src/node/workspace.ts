import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG, parseConfig, type SeveritySetting, type SoapnoteConfig } from '../core/config';
import { createEngine, type Engine, type EngineInit } from '../core/engine';
import type { Finding } from '../core/types';
import type { PackSource } from '../core/vocabulary/packs';
import { builtinLanguagePackSources, builtinPackSources } from './builtinPacks';
import { nodeHost } from './nodeHost';

/** Where the workspace config lives, relative to the workspace root. */
export const CONFIG_PATH = join('.soapnote', 'config.yaml');

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
}

/** The nearest folder at or above `start` holding `.soapnote/config.yaml`, or undefined. */
export function findWorkspaceRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, CONFIG_PATH))) {
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
  const configPath = join(root, CONFIG_PATH);
  let config = DEFAULT_CONFIG;
  const text = configText ?? (existsSync(configPath) ? readFileSync(configPath, 'utf8') : undefined);
  if (text !== undefined) {
    const parsed = parseConfig(text);
    config = parsed.config;
    fileFindings.set(configPath, parsed.findings);
  }
  // Language packs only add words to built-in terms, so they come straight after the built-in packs.
  const packs: PackSource[] = [...builtinPackSources(), ...builtinLanguagePackSources(config.languages ?? [])];
  for (const relative of config.packs) {
    const path = isAbsolute(relative) ? relative : join(root, relative);
    try {
      packs.push({ uri: pathToFileURL(path).toString(), text: packText?.(path) ?? readFileSync(path, 'utf8') });
    } catch (error) {
      problems.push(`cannot read vocabulary pack '${relative}' listed in ${CONFIG_PATH}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const { severities, ...engineOverrides } = overrides;
  // The editor's severities win over the file's, also over `off`; `workspace.config` stays the file's.
  const engineConfig = severities && Object.keys(severities).length > 0 ? { ...config, rules: { ...config.rules, ...severities } } : config;
  const engine = createEngine({ packs, config: engineConfig, host: nodeHost(), ...engineOverrides });
  for (const [uri, findings] of engine.packFindings) {
    if (findings.length > 0) {
      fileFindings.set(new URL(uri).pathname, findings);
    }
  }
  return { root, configPath: text !== undefined ? configPath : undefined, config, engine, fileFindings, problems };
}
