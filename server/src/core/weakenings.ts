import type { SettingOrigin, SeveritySetting } from './config';
import { DEFAULT_SEVERITY, isIntegrityRule, lowersRule } from './ruleDefaults';
import { RuleId } from './ruleIds';
import { DOCUMENT_START } from './ranges';
import type { Finding } from './types';
import { termKey } from './vocabulary/normalize';
import type { PackPressure, PackTermBase, VocabularyPack } from './vocabulary/packTypes';

/**
 * What kind of safety check a workspace weakened. Extend the union (e.g. `carry-forward-off`) and
 * push onto the list in {@link findWeakenings}: every output announces whatever is in the list.
 */
export type WeakeningKind = 'rule-off' | 'rule-lowered' | 'condition-replaced' | 'term-replaced' | 'pressure-redefined' | 'carry-forward-off';

/**
 * One way a workspace's config or packs make soapnote check less than its defaults: a rule lowered
 * or off, a built-in condition replaced. Announced in every output format, the report and the editor.
 * ```ts
 * { kind: 'rule-off', id: 'contraindication.local', detail: "rule 'contraindication.local' is off (default error)", file: '.soapnote/config.yaml', line: 3 }
 * ```
 */
export interface Weakening {
  kind: WeakeningKind;
  /** The rule id, term id or pressure word weakened. */
  id: string;
  /** One sentence a clinic lead understands. */
  detail: string;
  /** The file that made the change, as the host names it to the user (relative to the workspace root when inside it). */
  file: string;
  /** 1-based line in `file`. */
  line: number;
}

/** A pack as the weakening check needs it: its name for the user, whether it is built in, the line of each entry. */
export interface WeakeningPack {
  pack: VocabularyPack;
  file: string;
  builtin: boolean;
  /** 1-based line of an entry (`conditions`, id), or of a pressure (`pressures`, index as a string). */
  line(section: keyof VocabularyPack, id: string): number;
}

/** What a workspace is made of: its effective severities with where each was written (later origins win), its packs, its config's pressure words. */
export interface WeakeningInput {
  rules: Readonly<Record<string, SeveritySetting>>;
  origins: readonly SettingOrigin[];
  packs: readonly WeakeningPack[];
  pressures?: readonly PackPressure[];
  /** `carryForward: false` in the config: each note is checked without the client's earlier notes. */
  carryForward?: boolean;
}

/** The pressure words of the contract, whose levels pressure caps rely on. */
const CONTRACT_LEVELS: Readonly<Record<string, number>> = { still: 0, light: 2, moderate: 3, firm: 4, deep: 5 };

/** Pack sections whose built-in entries carry safety facts: replacing one is announced. */
const GUARDED: { section: 'conditions' | 'medications' | 'endangerment_sites' | 'techniques'; noun: string }[] = [
  { section: 'conditions', noun: 'condition' },
  { section: 'medications', noun: 'medication' },
  { section: 'endangerment_sites', noun: 'endangerment site' },
  { section: 'techniques', noun: 'technique' },
];

/** Every weakening of the workspace, config entries first (in file order), then packs in load order. */
export function findWeakenings(input: WeakeningInput): Weakening[] {
  return [...ruleWeakenings(input), ...carryWeakenings(input), ...packWeakenings(input.packs), ...pressureWeakenings(input)];
}

/** `carryForward: false`: a condition recorded at an earlier visit no longer reaches the later notes. */
function carryWeakenings(input: WeakeningInput): Weakening[] {
  if (input.carryForward !== false) {
    return [];
  }
  const origin = input.origins.find((o) => o.lines['carryForward'] !== undefined) ?? input.origins[0];
  return [{
    kind: 'carry-forward-off',
    id: 'carryForward',
    detail: "carryForward is off: conditions and medications recorded in a client's earlier notes are not carried to the later ones, so each note is checked alone",
    file: origin?.file ?? '.soapnote/config.yaml',
    line: origin?.lines['carryForward'] ?? 1,
  }];
}

function ruleWeakenings(input: WeakeningInput): Weakening[] {
  const out: Weakening[] = [];
  for (const [ruleId, setting] of Object.entries(input.rules)) {
    // Integrity rules are never lowered (the engine ignores such a setting), so there is nothing to announce.
    if (isIntegrityRule(ruleId) || !lowersRule(ruleId, setting)) {
      continue;
    }
    const key = `rules/${ruleId}`;
    const origin = [...input.origins].reverse().find((o) => o.lines[key] !== undefined) ?? input.origins[0];
    const normal = DEFAULT_SEVERITY[ruleId] ?? 'error';
    out.push({
      kind: setting === 'off' ? 'rule-off' : 'rule-lowered',
      id: ruleId,
      detail: setting === 'off' ? `rule '${ruleId}' is off (default ${normal}): its findings are not reported` : `rule '${ruleId}' is lowered to ${setting} (default ${normal})`,
      file: origin?.file ?? '.soapnote/config.yaml',
      line: origin?.lines[key] ?? 1,
    });
  }
  return out.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
}

function packWeakenings(packs: readonly WeakeningPack[]): Weakening[] {
  const out: Weakening[] = [];
  for (const { section, noun } of GUARDED) {
    const builtinById = new Map<string, PackTermBase>();
    const builtinByKey = new Map<string, PackTermBase>();
    for (const p of packs.filter((x) => x.builtin)) {
      for (const entry of (p.pack[section] ?? []) as PackTermBase[]) {
        builtinById.set(entry.id, entry);
        builtinByKey.set(termKey(entry.id), entry);
        builtinByKey.set(termKey(entry.name), entry);
      }
    }
    for (const p of packs.filter((x) => !x.builtin)) {
      for (const entry of (p.pack[section] ?? []) as PackTermBase[]) {
        const same = builtinById.get(entry.id);
        const taken = same ? undefined : (builtinByKey.get(termKey(entry.name)) ?? builtinByKey.get(termKey(entry.id)));
        const original = same ?? taken;
        if (!original) {
          continue;
        }
        const change = same ? replacementDetail(section, original, entry) : `takes over the name '${entry.name}' of the built-in ${noun} '${original.id}'`;
        if (change === undefined) {
          continue;
        }
        out.push({
          kind: section === 'conditions' ? 'condition-replaced' : 'term-replaced',
          id: original.id,
          detail: same ? `the built-in ${noun} '${original.id}' is replaced by pack '${p.pack.id}'${change}` : `${noun} '${entry.id}' of pack '${p.pack.id}' ${change}`,
          file: p.file,
          line: p.line(section, entry.id),
        });
      }
    }
  }
  return out;
}

/** What a replacement changes, as a clause (`: 0 rules instead of 2`); undefined when it weakens nothing the checks use. */
function replacementDetail(section: (typeof GUARDED)[number]['section'], original: PackTermBase, entry: PackTermBase): string | undefined {
  const o = original as PackTermBase & { rules?: unknown[]; implies?: string; pressure?: number; tags?: string[] };
  const e = entry as PackTermBase & { rules?: unknown[]; implies?: string; pressure?: number; tags?: string[] };
  switch (section) {
    case 'conditions': {
      const before = o.rules?.length ?? 0;
      const after = e.rules?.length ?? 0;
      return `: ${after} rule${after === 1 ? '' : 's'} instead of ${before}`;
    }
    case 'medications':
      return e.implies === o.implies ? '' : `: implies '${e.implies ?? 'nothing'}' instead of '${o.implies ?? 'nothing'}'`;
    case 'endangerment_sites':
      return '';
    case 'techniques': {
      // Descriptions and synonyms are a clinic's to change; a lower typical pressure or a dropped tag escapes caps and bars.
      const dropped = (o.tags ?? []).filter((t) => !(e.tags ?? []).includes(t));
      const lower = (e.pressure ?? 0) < (o.pressure ?? 0);
      if (!lower && dropped.length === 0) {
        return undefined;
      }
      return `: ${[lower ? `typical pressure ${e.pressure} instead of ${o.pressure}` : '', dropped.length ? `tag${dropped.length === 1 ? '' : 's'} ${dropped.join(', ')} dropped` : ''].filter(Boolean).join(', ')}`;
    }
  }
}

function pressureWeakenings(input: WeakeningInput): Weakening[] {
  const out: Weakening[] = [];
  const check = (pressure: PackPressure, file: string, line: number): void => {
    const contract = CONTRACT_LEVELS[termKey(pressure.word)];
    if (contract !== undefined && pressure.level < contract) {
      out.push({ kind: 'pressure-redefined', id: pressure.word, detail: `the pressure word '${pressure.word}' is redefined as level ${pressure.level} (default ${contract}), so pressure caps see it as lighter`, file, line });
    }
  };
  for (const p of input.packs.filter((x) => !x.builtin)) {
    (p.pack.pressures ?? []).forEach((pressure, i) => check(pressure, p.file, p.line('pressures', String(i))));
  }
  const origin = input.origins[0];
  (input.pressures ?? []).forEach((pressure, i) => check(pressure, origin?.file ?? '.soapnote/config.yaml', origin?.lines[`pressures/${i}`] ?? 1));
  return out;
}

/** One line for a terminal or a log: `.soapnote/config.yaml:3: rule 'contraindication.local' is off ...`. */
export function weakeningText(w: Weakening): string {
  return `${w.file}:${w.line}: ${w.detail}`;
}

/**
 * The editor's announcement: one information finding on the note's first line listing every
 * weakening. Added after severities are applied, so no setting can silence it.
 */
export function weakenedFinding(weakenings: readonly Weakening[]): Finding | undefined {
  if (weakenings.length === 0) {
    return undefined;
  }
  const n = weakenings.length;
  return {
    ruleId: RuleId.configWeakened,
    severity: 'information',
    message: `This workspace weakens soapnote's checks (${n} change${n === 1 ? '' : 's'}): ${weakenings.map(weakeningText).join('; ')}.`,
    range: DOCUMENT_START,
  };
}
