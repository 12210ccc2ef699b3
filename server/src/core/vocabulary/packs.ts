import { append } from '../append';
import { isMap, isSeq } from 'yaml';
import type { ValidateFunction } from 'ajv';
import { validatePack } from '../../generated/packValidator';
import { DEFAULT_LIMITS, parseYaml, type ParsedYaml } from '../parse';
import { DOCUMENT_START } from '../ranges';
import { RuleId } from '../ruleIds';
import { schemaChecker } from '../schemaValidation';
import type { Finding, Range } from '../types';
import { firstLineRange, pairOf, valueOf } from '../yamlNodes';
import type { WeakeningPack } from '../weakenings';
import type { VocabularyPack } from './packTypes';
import { Vocabulary, type TermKind } from './vocabulary';

/** A pack file's location and text, as the host read it. */
export interface PackSource {
  uri: string;
  text: string;
  /** The pack already parsed and schema-checked (the built-in packs, at build time); `text` is then not read. */
  pack?: VocabularyPack;
  /** True for soapnote's own knowledge base: a clinic pack replacing its safety entries is announced. */
  builtin?: boolean;
  /** The file as the user knows it (`.soapnote/packs/clinic.yaml`); default the uri. */
  name?: string;
}

/** A pack read from its text: the pack when valid, and the findings about the file itself. */
export interface LoadedPack {
  uri: string;
  builtin?: boolean;
  name?: string;
  pack?: VocabularyPack;
  parsed: ParsedYaml;
  findings: Finding[];
}

const SECTION_OF_KIND: Record<TermKind, keyof VocabularyPack> = {
  region: 'regions',
  technique: 'techniques',
  target: 'targets',
  finding: 'findings',
  condition: 'conditions',
  medication: 'medications',
  site: 'endangerment_sites',
};

/** Parses and schema-checks one pack. An invalid pack is not used (its findings say why); nothing in it is executed. */
export function loadPack(source: PackSource): LoadedPack {
  if (source.pack) {
    return { uri: source.uri, builtin: source.builtin, name: source.name, pack: source.pack, parsed: parseYaml(''), findings: [] };
  }
  const parsed = parseYaml(source.text);
  if (parsed.doc && !pairOf(parsed.doc.contents, 'soapnote_pack')) {
    // Not a pack at all (a config can name any file): one finding that quotes nothing of it, since
    // its lines (a password file, a key) would otherwise be printed as "unknown field" findings.
    const message = "This file is not a vocabulary pack (a pack starts with 'soapnote_pack: 1'), so nothing in it was used.";
    return { uri: source.uri, parsed, findings: [{ ruleId: RuleId.configInvalid, severity: 'error', message, range: DOCUMENT_START }] };
  }
  const findings = parsed.findings.map((f) => ({ ...f }));
  let data: unknown;
  try {
    data = parsed.doc?.toJS({ maxAliasCount: DEFAULT_LIMITS.maxAliasCount });
  } catch {
    data = undefined;
  }
  // Schema findings on a half-parsed file would only repeat the syntax error in other words.
  if (findings.length === 0) {
    append(findings, schemaChecker(validatePack as ValidateFunction).check(parsed, data ?? null, RuleId.configInvalid).map((f) => ({ ...f, message: f.message.replace('the note format knows', 'a vocabulary pack knows').replace('The note', 'The pack') })));
  }
  if (findings.length > 0) {
    return { uri: source.uri, builtin: source.builtin, name: source.name, parsed, findings: findings.map((f) => ({ ...f, ruleId: f.ruleId === RuleId.yamlSyntax || f.ruleId === RuleId.yamlDuplicateKey ? f.ruleId : RuleId.configInvalid })) };
  }
  return { uri: source.uri, builtin: source.builtin, name: source.name, pack: data as VocabularyPack, parsed, findings };
}

/** A usable pack as {@link findWeakenings} reads it: its name, whether built in, and the line of each entry. */
export function weakeningPacks(loaded: readonly LoadedPack[]): WeakeningPack[] {
  return loaded.flatMap((l) => {
    const pack = l.pack;
    if (!pack) {
      return [];
    }
    const line = (section: keyof VocabularyPack, id: string): number => {
      const seq = valueOf(l.parsed.doc?.contents, section);
      if (!isSeq(seq)) {
        return 1;
      }
      const item = section === 'pressures' ? seq.items[Number(id)] : seq.items.find((i) => isMap(i) && String((pairOf(i, 'id')?.value as { value?: unknown } | null)?.value) === id);
      const offset = (item as { range?: [number, number, number] } | undefined)?.range?.[0];
      return offset === undefined ? 1 : l.parsed.lineCounter.linePos(offset).line;
    };
    return [{ pack, file: l.name ?? l.uri, builtin: l.builtin === true, line }];
  });
}

/** Merges loaded packs into a vocabulary, and reports broken references and synonym clashes as findings on the pack files. */
export function buildVocabulary(loaded: LoadedPack[], extraPressures: VocabularyPack['pressures'] = []): { vocabulary: Vocabulary; findings: Map<string, Finding[]> } {
  const usable = loaded.filter((l): l is LoadedPack & { pack: VocabularyPack } => l.pack !== undefined);
  const vocabulary = new Vocabulary(usable.map((l) => l.pack), extraPressures);
  const findings = new Map<string, Finding[]>(loaded.map((l) => [l.uri, [...l.findings]]));
  const byPackId = new Map(usable.map((l) => [l.pack.id, l]));
  for (const conflict of vocabulary.conflicts) {
    const owner = byPackId.get(conflict.pack);
    if (!owner) {
      continue;
    }
    findings.get(owner.uri)?.push({
      ruleId: RuleId.packConflict,
      severity: 'warning',
      message: `'${conflict.word}' already names the ${conflict.kind} '${conflict.existing}', so it cannot also name '${conflict.incoming}'. Remove it from one of them.`,
      range: entryRange(owner, conflict.kind, conflict.incoming),
    });
  }
  for (const l of usable) {
    for (const problem of brokenReferences(l.pack, vocabulary)) {
      findings.get(l.uri)?.push({ ruleId: RuleId.configInvalid, severity: 'error', message: problem.message, range: entryRange(l, problem.kind, problem.id) });
    }
  }
  return { vocabulary, findings };
}

/** The first line of the pack entry with this id, for positioned pack findings. */
function entryRange(loaded: LoadedPack, kind: TermKind, id: string): Range {
  const section = valueOf(loaded.parsed.doc?.contents, SECTION_OF_KIND[kind]);
  if (isSeq(section)) {
    for (const item of section.items) {
      if (isMap(item) && String((pairOf(item, 'id')?.value as { value?: unknown } | null)?.value) === id) {
        return firstLineRange(loaded.parsed.lineCounter, loaded.parsed.text, item) ?? DOCUMENT_START;
      }
    }
  }
  return DOCUMENT_START;
}

/** Ids a pack refers to that no loaded pack defines. */
function brokenReferences(pack: VocabularyPack, v: Vocabulary): { kind: TermKind; id: string; message: string }[] {
  const out: { kind: TermKind; id: string; message: string }[] = [];
  const isPlace = (id: string): boolean => Boolean(v.get('region', id) ?? v.get('target', id) ?? v.get('site', id));
  const isTechniqueRef = (ref: string): boolean => (ref.startsWith('tag:') ? v.all('technique').some((t) => (t.tags ?? []).includes(ref.slice(4))) : Boolean(v.get('technique', ref)));
  for (const r of pack.regions ?? []) {
    if (r.parent && !v.get('region', r.parent)) {
      out.push({ kind: 'region', id: r.id, message: `Region '${r.id}' names an unknown parent region '${r.parent}'.` });
    }
  }
  for (const t of pack.targets ?? []) {
    if (!v.get('region', t.region)) {
      out.push({ kind: 'target', id: t.id, message: `Target '${t.id}' names an unknown region '${t.region}'.` });
    }
  }
  for (const f of pack.findings ?? []) {
    for (const s of f.suits ?? []) {
      if (!v.get('technique', s)) {
        out.push({ kind: 'finding', id: f.id, message: `Finding '${f.id}' suits an unknown technique '${s}'.` });
      }
    }
  }
  for (const c of pack.conditions ?? []) {
    for (const rule of [...(c.rules ?? []), ...(Array.isArray(c.period?.after) ? c.period.after : [])]) {
      for (const region of rule.regions ?? []) {
        if (!isPlace(region)) {
          out.push({ kind: 'condition', id: c.id, message: `A rule of '${c.id}' names an unknown region '${region}'.` });
        }
      }
      for (const ref of rule.techniques ?? []) {
        if (!isTechniqueRef(ref)) {
          out.push({ kind: 'condition', id: c.id, message: `A rule of '${c.id}' names an unknown technique '${ref}'.` });
        }
      }
    }
  }
  for (const [section, words] of Object.entries(pack.synonyms ?? {})) {
    const kind = (Object.keys(SECTION_OF_KIND) as TermKind[]).find((k) => SECTION_OF_KIND[k] === section);
    for (const id of Object.keys(words ?? {})) {
      if (kind && !v.get(kind, id)) {
        out.push({ kind, id, message: `The pack adds words to an unknown ${kind} '${id}' (synonyms.${section}).` });
      }
    }
  }
  for (const m of pack.medications ?? []) {
    if (!v.get('condition', m.implies)) {
      out.push({ kind: 'medication', id: m.id, message: `Medication '${m.id}' implies an unknown condition '${m.implies}'.` });
    }
  }
  for (const s of pack.endangerment_sites ?? []) {
    for (const region of s.regions) {
      if (!v.get('region', region)) {
        out.push({ kind: 'site', id: s.id, message: `Endangerment site '${s.id}' names an unknown region '${region}'.` });
      }
    }
    for (const target of s.targets ?? []) {
      if (!v.get('target', target)) {
        out.push({ kind: 'site', id: s.id, message: `Endangerment site '${s.id}' names an unknown target '${target}'.` });
      }
    }
  }
  return out;
}
