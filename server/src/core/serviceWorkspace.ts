import { DEFAULT_CONFIG, parseConfig, type ConfigLocations, type SettingOrigin, type SeveritySetting, type SoapnoteConfig } from './config';
import { createEngine, type Engine } from './engine';
import type { HostFile, LanguageServiceHost } from './languageServiceHost';
import { DOCUMENT_START } from './ranges';
import { RuleId } from './ruleIds';
import type { Finding, Range } from './types';
import { isInsideUri, joinUri, relativeUriPath, splitUri, uriKey } from './uris';
import type { PackSource } from './vocabulary/packs';

/** Where the workspace config lives below a workspace root. */
export const CONFIG_FILE = '.soapnote/config.yaml';

/** How weakenings made by the editor's `soapnote.rules` name their source (as the Node server says it). */
export const EDITOR_SETTINGS_ORIGIN = 'VS Code setting soapnote.rules';

/** A workspace as the language service sees it: its root URI, config, engine, and the findings on its config and pack files. */
export interface ServiceWorkspace {
  readonly root: string;
  /** The config file's URI, when there is one. */
  readonly configUri?: string;
  /** The config as written (the editor's severities are applied to the engine only). */
  readonly config: SoapnoteConfig;
  readonly engine: Engine;
  /** Findings on the config and pack files, by URI (problems without a position, such as a listed pack that is missing, are on the config's first line). */
  readonly fileFindings: ReadonlyMap<string, Finding[]>;
  /** `uriKey`s of the files this workspace was read from (config and clinic packs): a change to one reloads it. */
  readonly files: ReadonlySet<string>;
}

/**
 * Loads the workspace rooted at `root` through the host: `.soapnote/config.yaml` (when there is one),
 * the built-in packs, the packs the config lists. Never throws for bad content: a bad config or pack
 * becomes findings on that file; a pack path leading outside the root is refused unread (fail closed,
 * said on the config line).
 */
export async function loadServiceWorkspace(host: LanguageServiceHost, root: string, severities: Readonly<Record<string, SeveritySetting>>): Promise<ServiceWorkspace> {
  const configUri = joinUri(root, CONFIG_FILE);
  const fileFindings = new Map<string, Finding[]>();
  const add = (uri: string, finding: Finding): void => void fileFindings.set(uri, [...(fileFindings.get(uri) ?? []), finding]);
  const files = new Set([uriKey(configUri)]);
  let config = DEFAULT_CONFIG;
  let locations: ConfigLocations = { packs: [], templates: DOCUMENT_START };
  const origins: SettingOrigin[] = [];
  // A root without a folder path (an untitled note with no folder open) has no config to read.
  const read: HostFile = splitUri(root) ? await safeRead(host, configUri) : { missing: true };
  const hasConfig = !('missing' in read);
  if ('text' in read) {
    const parsed = parseConfig(read.text, CONFIG_FILE);
    config = parsed.config;
    locations = parsed.locations;
    origins.push(parsed.origin);
    fileFindings.set(configUri, parsed.findings);
  } else if ('problem' in read) {
    add(configUri, problemFinding(`cannot read ${CONFIG_FILE}: ${read.problem}`));
  }
  const packs: PackSource[] = [...host.builtinPacks(config.languages ?? [])];
  for (const [i, written] of config.packs.entries()) {
    const uri = joinUri(root, written);
    if (!isInsideUri(uri, root)) {
      add(configUri, { ruleId: RuleId.configInvalid, severity: 'error', message: `The vocabulary pack '${written}' is outside the workspace; packs and templates are read only from inside the workspace, so it was not read.`, range: locations.packs[i] ?? DOCUMENT_START });
      continue;
    }
    files.add(uriKey(uri));
    const pack = await safeRead(host, uri);
    if ('text' in pack) {
      packs.push({ uri, name: relativeUriPath(root, uri) ?? written, text: pack.text });
    } else {
      const why = 'missing' in pack ? 'it does not exist' : pack.problem;
      add(configUri, problemFinding(`cannot read vocabulary pack '${written}' listed in ${CONFIG_FILE}: ${why}`, locations.packs[i]));
    }
  }
  // The editor's severities win over the file's, also over `off`; `workspace.config` stays the file's.
  const editorRules = Object.keys(severities).length > 0 ? severities : undefined;
  const engineConfig = editorRules ? { ...config, rules: { ...config.rules, ...editorRules } } : config;
  if (editorRules) {
    origins.push({ file: EDITOR_SETTINGS_ORIGIN, lines: Object.fromEntries(Object.keys(editorRules).map((id) => [`rules/${id}`, 1])) });
  }
  const engine = createEngine({
    packs,
    config: engineConfig,
    host: { sha256: (text) => host.sha256(text), today: () => host.today() },
    origins,
    onRuleError: (id, error) => host.onRuleError?.(id, error),
  });
  for (const [uri, findings] of engine.packFindings) {
    if (findings.length > 0) {
      fileFindings.set(uri, [...(fileFindings.get(uri) ?? []), ...findings]);
    }
  }
  return { root, ...(hasConfig ? { configUri } : {}), config, engine, fileFindings, files };
}

/** The host's read, with a host that throws treated as a file that could not be read. */
async function safeRead(host: LanguageServiceHost, uri: string): Promise<HostFile> {
  try {
    return await host.readFile(uri);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

function problemFinding(message: string, range?: Range): Finding {
  return { ruleId: RuleId.configInvalid, severity: 'error', message, range: range ?? DOCUMENT_START };
}
