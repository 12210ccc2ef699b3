import { append } from './append';
import configSchema from '../../../schemas/config.schema.json';
import { DEFAULT_LIMITS, parseYaml } from './parse';
import { RuleId } from './ruleIds';
import { schemaChecker } from './schemaValidation';
import type { Finding, Severity } from './types';
import type { PackPressure } from './vocabulary/packTypes';

/** A rule's configured severity, or `off` to silence it. */
export type SeveritySetting = Severity | 'off';

/**
 * The workspace configuration, `.soapnote/config.yaml`, read by the CLI and the editor alike.
 * ```yaml
 * rules: { vocabulary.unknown-term: error }
 * packs: [.soapnote/packs/clinic.yaml]
 * languages: [fr]
 * required: [objective.findings, plan.home_care]
 * ```
 */
export interface SoapnoteConfig {
  rules: Record<string, SeveritySetting>;
  packs: string[];
  /** Built-in language packs to enable (`fr`, `es`): French or Spanish words for the built-in terms. */
  languages?: string[];
  templates: string;
  required: string[];
  pressures: PackPressure[];
  maxNoteBytes: number;
  /** Default 50,000 (see DEFAULT_LIMITS). */
  maxNoteLines?: number;
  /** Overrides today's date for the future-date rule (reproducible CI runs). */
  today?: string;
}

/** The configuration used when a workspace has no `.soapnote/config.yaml`. */
export const DEFAULT_CONFIG: SoapnoteConfig = {
  rules: {},
  packs: [],
  languages: [],
  templates: '.soapnote/templates',
  required: [],
  pressures: [],
  maxNoteBytes: DEFAULT_LIMITS.maxNoteBytes,
  maxNoteLines: DEFAULT_LIMITS.maxNoteLines,
};

/** Reads `.soapnote/config.yaml` text. A bad config yields positioned findings and falls back to defaults field by field. */
export function parseConfig(text: string): { config: SoapnoteConfig; findings: Finding[] } {
  const parsed = parseYaml(text);
  const findings = [...parsed.findings];
  let data: unknown;
  try {
    data = parsed.doc?.toJS({ maxAliasCount: DEFAULT_LIMITS.maxAliasCount }) ?? {};
  } catch {
    data = {};
  }
  if (data === null || data === undefined) {
    data = {};
  }
  const schemaFindings = schemaChecker(configSchema).check(parsed, data, RuleId.configInvalid);
  append(findings, schemaFindings.map((f) => ({ ...f, message: f.message.replace("the note format knows", "soapnote's config knows").replace('The note', 'The config') })));
  if (findings.length > 0 || typeof data !== 'object' || Array.isArray(data)) {
    // A config with errors is not half-applied: defaults are safer than a guess about what was meant.
    return { config: { ...DEFAULT_CONFIG }, findings: findings.map((f) => ({ ...f, ruleId: RuleId.configInvalid })) };
  }
  const raw = data as Partial<SoapnoteConfig>;
  return {
    config: {
      rules: raw.rules ?? {},
      packs: raw.packs ?? [],
      languages: raw.languages ?? [],
      templates: raw.templates ?? DEFAULT_CONFIG.templates,
      required: raw.required ?? [],
      pressures: raw.pressures ?? [],
      maxNoteBytes: raw.maxNoteBytes ?? DEFAULT_CONFIG.maxNoteBytes,
      maxNoteLines: raw.maxNoteLines ?? DEFAULT_CONFIG.maxNoteLines,
      ...(typeof raw.today === 'string' ? { today: raw.today } : {}),
    },
    findings,
  };
}
