import { append } from './append';
import type { ValidateFunction } from 'ajv';
import { validateConfig } from '../generated/configValidator';
import { DEFAULT_LIMITS, parseYaml, type ParsedYaml } from './parse';
import { DOCUMENT_START } from './ranges';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { isIntegrityRule, lowersRule } from './ruleDefaults';
import { RuleId } from './ruleIds';
import type { Node } from 'yaml';
import { schemaChecker } from './schemaValidation';
import type { Finding, Range, Severity } from './types';
import { nodeRange, pairOf, seqAt, valueOf } from './yamlNodes';
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
  /** `false` stops carrying conditions and medications from a client's earlier notes (a weakening: `record.carry-forward-off` says so on the config). Default true. */
  carryForward?: boolean;
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

/** Where the config names files, so that a finding about a listed pack or the templates folder sits on its line. */
export interface ConfigLocations {
  /** The range of each `packs` entry, in order (the document start where it cannot be placed). */
  packs: Range[];
  templates: Range;
}

/**
 * Where each setting of a config was written: `lines['rules/signature.mismatch']`, `lines['carryForward']`,
 * `lines['pressures/0']` are 1-based line numbers in `file`. Announcements of weakenings point there.
 */
export interface SettingOrigin {
  /** The file as the host names it to the user (`.soapnote/config.yaml`, or `soapnote.rules (editor setting)`). */
  file: string;
  lines: Record<string, number>;
}

/** Reads `.soapnote/config.yaml` text. A bad config yields positioned findings and falls back to defaults field by field. */
export function parseConfig(text: string, file = '.soapnote/config.yaml'): { config: SoapnoteConfig; findings: Finding[]; locations: ConfigLocations; origin: SettingOrigin } {
  const parsed = parseYaml(text);
  const locations = configLocations(parsed);
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
  const schemaFindings = schemaChecker(validateConfig as ValidateFunction).check(parsed, data, RuleId.configInvalid);
  append(findings, schemaFindings.map((f) => ({ ...f, message: f.message.replace("the note format knows", "soapnote's config knows").replace('The note', 'The config') })));
  if (findings.length > 0 || typeof data !== 'object' || Array.isArray(data)) {
    // A config with errors is not half-applied: defaults are safer than a guess about what was meant.
    return { config: { ...DEFAULT_CONFIG }, findings: findings.map((f) => ({ ...f, ruleId: RuleId.configInvalid })), locations, origin: { file, lines: {} } };
  }
  const raw = data as Partial<SoapnoteConfig>;
  if (raw.carryForward === false) {
    // A weakening of a safety rule is never silent: it is said on the config line, in every output.
    const key = pairOf(parsed.doc?.contents, 'carryForward')?.key;
    const range = key ? nodeRange(parsed.lineCounter, key as Node) : undefined;
    findings.push({
      ruleId: RuleId.carryForwardOff,
      severity: 'information',
      message: "carryForward: false: conditions and medications recorded in a client's earlier notes are not carried to the later ones, so each note is checked alone and a contraindication recorded at an earlier visit is missed unless it is written again.",
      range: range ?? DOCUMENT_START,
    });
  }
  const origin = { file, lines: settingLines(parsed) };
  const rules = { ...(raw.rules ?? {}) };
  for (const [ruleId, setting] of Object.entries(rules)) {
    if (isIntegrityRule(ruleId) && lowersRule(ruleId, setting)) {
      // Said on the line, and not applied: a note that was not read whole or whose signature broke never looks clean.
      delete rules[ruleId];
      const line = (origin.lines[`rules/${ruleId}`] ?? 1) - 1;
      findings.push({
        ruleId: RuleId.configInvalid,
        severity: 'warning',
        message: `'${ruleId}' is an integrity rule (it says whether the note was read and checked whole, and whether its signature holds): it cannot be lowered to '${setting}' and keeps its default severity.`,
        range: { start: { line, character: 0 }, end: { line, character: ruleLineLength(text, line) } },
      });
    }
  }
  return {
    config: {
      rules,
      packs: raw.packs ?? [],
      languages: raw.languages ?? [],
      templates: raw.templates ?? DEFAULT_CONFIG.templates,
      required: raw.required ?? [],
      pressures: raw.pressures ?? [],
      maxNoteBytes: raw.maxNoteBytes ?? DEFAULT_CONFIG.maxNoteBytes,
      maxNoteLines: raw.maxNoteLines ?? DEFAULT_CONFIG.maxNoteLines,
      ...(typeof raw.today === 'string' ? { today: raw.today } : {}),
      ...(raw.carryForward === false ? { carryForward: false } : {}),
    },
    findings,
    locations,
    origin,
  };
}

/** 1-based lines of the config's top-level keys, of each `rules` entry (`rules/ID`) and of each list item (`pressures/0`). */
function settingLines(parsed: ReturnType<typeof parseYaml>): Record<string, number> {
  const lines: Record<string, number> = {};
  const lineOf = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : parsed.lineCounter.linePos(offset).line);
  const root = parsed.doc?.contents;
  if (!isMap(root)) {
    return lines;
  }
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) {
      continue;
    }
    const key = String(pair.key.value);
    const line = lineOf(pair.key.range?.[0]);
    if (line !== undefined) {
      lines[key] = line;
    }
    const value = valueOf(root, key);
    if (isMap(value)) {
      for (const item of value.items) {
        const itemLine = isPair(item) && isScalar(item.key) ? lineOf(item.key.range?.[0]) : undefined;
        if (isPair(item) && isScalar(item.key) && itemLine !== undefined) {
          lines[`${key}/${String(item.key.value)}`] = itemLine;
        }
      }
    } else if (isSeq(value)) {
      value.items.forEach((item, i) => {
        const itemLine = lineOf((item as { range?: [number, number, number] } | null)?.range?.[0]);
        if (itemLine !== undefined) {
          lines[`${key}/${i}`] = itemLine;
        }
      });
    }
  }
  return lines;
}

/** Length of a 0-based line of the text, so a finding underlines the whole setting. */
function ruleLineLength(text: string, line: number): number {
  return text.split('\n')[line]?.replace(/\r$/, '').length ?? 0;
}

function configLocations(parsed: ParsedYaml): ConfigLocations {
  const root = parsed.doc?.contents;
  const packs = (seqAt(root, 'packs')?.items ?? []).map((item) => nodeRange(parsed.lineCounter, item as Parameters<typeof nodeRange>[1]) ?? DOCUMENT_START);
  return { packs, templates: nodeRange(parsed.lineCounter, valueOf(root, 'templates')) ?? DOCUMENT_START };
}
