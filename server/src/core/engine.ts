import { append } from './append';
import type { ValidateFunction } from 'ajv';
import noteSchema from '../../../schemas/note.schema.json';
import { validateNote } from '../generated/noteValidator';
import { DEFAULT_CONFIG, type SettingOrigin, type SoapnoteConfig } from './config';
import { buildModel, type NoteModel } from './model';
import { DEFAULT_LIMITS, parseYaml, type ParsedYaml, type ParseLimits } from './parse';
import { DOCUMENT_START } from './ranges';
import { isIntegrityRule, lowersRule } from './ruleDefaults';
import { RuleId } from './ruleIds';
import { resolveNote, type ActiveCondition, type EngineHost, type ResolvedTreatment, type RuleFamily } from './rules/context';
import { RULE_FAMILIES } from './rules/index';
import { applyRecord } from './record/apply';
import { summariseNote } from './record/summary';
import { noteTermUses, type TermUse } from './authoring/termAt';
import { NOTHING_CARRIED, type Carried, type NoteSummary, type RecordLookup } from './record/types';
import { schemaChecker } from './schemaValidation';
import type { Finding } from './types';
import { buildVocabulary, loadPack, weakeningPacks, type PackSource } from './vocabulary/packs';
import type { Vocabulary } from './vocabulary/vocabulary';
import { findWeakenings, type Weakening } from './weakenings';

export type { EngineHost } from './rules/context';

/** What the host gives the engine: pack texts (built-in first, then the clinic's, in order), the workspace config, host functions. */
export interface EngineInit {
  packs: PackSource[];
  config?: SoapnoteConfig;
  host: EngineHost;
  /** Replaces the rule families (tests inject a failing rule to prove isolation). */
  rules?: readonly RuleFamily[];
  /** Called once per rule family that throws, so the host can log it. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Where `config.rules` were written (the config file, then the editor's settings), so each weakening names its file and line. */
  origins?: SettingOrigin[];
}

/** Everything known about one note: parse, model, resolved terms and findings. */
export interface Analysis {
  parsed: ParsedYaml;
  note: NoteModel;
  treatments: ResolvedTreatment[];
  conditions: ActiveCondition[];
  findings: Finding[];
  /** What the note carries from the client's earlier notes (empty without a record, or with `carryForward: false`). */
  carried: Carried;
  /** The note's record summary, as the record was applied with it (only when a record was given and the note parsed). */
  summary?: NoteSummary;
  /** How the workspace weakens the checks (the same list for every note): every output announces it. */
  weakenings: readonly Weakening[];
}

/** The client's record for a note being checked: the note's own uri (it is left out of its record) and the workspace's notes. */
export interface NoteRecord {
  uri: string;
  lookup: RecordLookup;
}

/** The soapnote engine: one per workspace configuration; the editor, CLI and preview all use it. */
export interface Engine {
  readonly vocabulary: Vocabulary;
  readonly config: SoapnoteConfig;
  /** Findings about the pack files themselves, by pack uri. */
  readonly packFindings: Map<string, Finding[]>;
  /** Rules lowered or off, built-in conditions replaced: announced by every output. */
  readonly weakenings: readonly Weakening[];
  /** Parses, resolves and checks a note text, with the client's earlier notes when `record` is given. Never throws. */
  analyze(text: string, record?: NoteRecord): Analysis;
  /** The findings for a note text, severities as configured. */
  check(text: string, record?: NoteRecord): Finding[];
  /** What the client's record needs of a note (client, date, visit, health), without checking it. Never throws. */
  summarise(uri: string, text: string): NoteSummary;
  /** The summary and the terms the note names (for "find references"), from one parse. Never throws. */
  summariseWithTerms(uri: string, text: string): { summary: NoteSummary; terms: TermUse[] };
}

/**
 * Creates an engine. Pure: no file system, no network; the host passes texts in.
 * ```ts
 * const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });
 * engine.check('soapnote: 1\n...');
 * ```
 */
export function createEngine(init: EngineInit): Engine {
  const config = init.config ?? DEFAULT_CONFIG;
  const loaded = init.packs.map(loadPack);
  const { vocabulary, findings: packFindings } = buildVocabulary(loaded, config.pressures);
  const weakenings = Object.freeze(findWeakenings({ rules: config.rules, origins: init.origins ?? [], packs: weakeningPacks(loaded), pressures: config.pressures, carryForward: config.carryForward !== false }));
  const rules = init.rules ?? RULE_FAMILIES;
  // The note schema is compiled at build time (scripts/generate.mjs): compiling it here would dominate start-up.
  const noteChecker = schemaChecker(noteSchema, validateNote as ValidateFunction);
  const failed = new Set<string>();
  const host: EngineHost = config.today ? { ...init.host, today: () => config.today ?? init.host.today() } : init.host;
  const limits = parseLimits(config);

  const analyze = (text: string, record?: NoteRecord): Analysis => {
    const parsed = parseYaml(text, limits);
    const note = buildModel(parsed, limits.maxAliasCount);
    const { treatments, conditions } = resolveNote(note, vocabulary);
    const findings: Finding[] = [...parsed.findings];
    let carried = NOTHING_CARRIED;
    let summary: NoteSummary | undefined;
    if (record && config.carryForward !== false && parsed.doc) {
      summary = summariseNote(record.uri, note, vocabulary, text);
      const use = applyRecord(summary, note, record.lookup, vocabulary, conditions);
      carried = use.carried;
      conditions.push(...use.conditions);
      append(findings, use.findings);
    }
    if (parsed.doc) {
      if (note.data === undefined && parsed.doc.contents !== null && parsed.findings.length === 0) {
        findings.push({ ruleId: RuleId.yamlSyntax, severity: 'error', message: 'The note could not be read: it is nested too deeply.', range: DOCUMENT_START });
      } else if (parsed.findings.length === 0) {
        append(findings, schemaOrShape(parsed, note.data, noteChecker));
      }
      const context = { parsed, note, vocabulary, host, treatments, conditions, required: config.required };
      for (const rule of rules) {
        try {
          append(findings, rule.check(context));
        } catch (error) {
          if (!failed.has(rule.id)) {
            failed.add(rule.id);
            init.onRuleError?.(rule.id, error);
          }
          findings.push({ ruleId: RuleId.internalError, severity: 'warning', message: `soapnote's '${rule.id}' check failed on this note, so its findings are missing. The other checks ran. Please report this.`, range: DOCUMENT_START });
        }
      }
    }
    return { parsed, note, treatments, conditions, findings: applySeverities(findings, config), carried, ...(summary ? { summary } : {}), weakenings };
  };

  const summarise = (uri: string, text: string): NoteSummary => {
    const parsed = parseYaml(text, limits);
    return summariseNote(uri, buildModel(parsed, limits.maxAliasCount), vocabulary, text);
  };

  const summariseWithTerms = (uri: string, text: string): { summary: NoteSummary; terms: TermUse[] } => {
    const note = buildModel(parseYaml(text, limits), limits.maxAliasCount);
    return { summary: summariseNote(uri, note, vocabulary, text), terms: noteTermUses(note) };
  };

  return {
    vocabulary,
    config,
    packFindings,
    weakenings,
    analyze,
    check: (text, record) => analyze(text, record).findings,
    summarise,
    summariseWithTerms,
  };
}

/** The limits a workspace's notes are read with (`maxNoteBytes`, `maxNoteLines` from its config). */
export function parseLimits(config: SoapnoteConfig): ParseLimits {
  return { ...DEFAULT_LIMITS, maxNoteBytes: config.maxNoteBytes, maxNoteLines: config.maxNoteLines ?? DEFAULT_LIMITS.maxNoteLines };
}

/** Schema findings, with a plainer message when the whole document is the wrong shape (empty, a list, a scalar). */
function schemaOrShape(parsed: ParsedYaml, data: unknown, checker: ReturnType<typeof schemaChecker>): Finding[] {
  if (data === null || data === undefined) {
    return [{ ruleId: RuleId.schemaInvalid, severity: 'error', message: "The note is empty. A note starts with 'soapnote: 1', then client, date and therapist.", range: DOCUMENT_START }];
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return [{ ruleId: RuleId.schemaInvalid, severity: 'error', message: `A note is a mapping of fields (soapnote, client, date, ...), but this file holds ${Array.isArray(data) ? 'a list' : 'a single value'}.`, range: DOCUMENT_START }];
  }
  return checker.check(parsed, data);
}

/**
 * Applies `.soapnote/config.yaml` severities; `off` drops the finding. Integrity findings are never
 * lowered, whatever the setting (see {@link isIntegrityRule}). Sorted by position, so output is stable.
 */
function applySeverities(findings: Finding[], config: SoapnoteConfig): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const written = config.rules[finding.ruleId];
    const setting = written && isIntegrityRule(finding.ruleId) && lowersRule(finding.ruleId, written) ? undefined : written;
    if (setting === 'off') {
      continue;
    }
    out.push(setting ? { ...finding, severity: setting } : finding);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
