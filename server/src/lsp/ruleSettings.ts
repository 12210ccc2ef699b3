import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { SeveritySetting } from '../core/config';
import { createEngine } from '../core/engine';
import type { PackSource } from '../core/vocabulary/packs';
import { builtinPackSources } from '../node/builtinPacks';
import { nodeHost } from '../node/nodeHost';
import type { Workspace } from '../node/workspace';

/** Severity per rule id from the editor's `soapnote.rules` setting. */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

const SEVERITY_SETTINGS: ReadonlySet<string> = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads `soapnote.rules` as the client sends it: entries whose value is not a severity (or `off`) are ignored, as is anything not an object. */
export function parseRuleSettings(value: unknown): RuleSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  const out: Record<string, SeveritySetting> = {};
  for (const [ruleId, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITY_SETTINGS.has(severity)) {
      out[ruleId] = severity as SeveritySetting;
    }
  }
  return out;
}

/** True when two settings name the same severities. */
export function sameRuleSettings(a: RuleSettings, b: RuleSettings): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * The workspace with the editor's severities over its config's (the settings win, also over `off`).
 * The engine applies severities as it checks and drops what is `off`, so it is rebuilt with the merged
 * rules; `workspace.config` stays the file's. No settings: the workspace as it is.
 */
export function withRuleSettings(
  workspace: Workspace,
  settings: RuleSettings,
  packs: readonly string[],
  packText: (path: string) => string | undefined,
  onRuleError: (ruleId: string, error: unknown) => void,
): Workspace {
  if (Object.keys(settings).length === 0) {
    return workspace;
  }
  const sources: PackSource[] = [...builtinPackSources()];
  for (const path of packs) {
    try {
      sources.push({ uri: pathToFileURL(path).toString(), text: packText(path) ?? readFileSync(path, 'utf8') });
    } catch {
      // Already reported by loadWorkspace as a problem on the config file.
    }
  }
  const config = { ...workspace.config, rules: { ...workspace.config.rules, ...settings } };
  return { ...workspace, engine: createEngine({ packs: sources, config, host: nodeHost(), onRuleError }) };
}
