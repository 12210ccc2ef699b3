import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Analysis } from '../engine';
import { describeCarriedCondition } from '../record/apply';
import { normaliseSide } from '../model';
import type { Finding, FindingSubject, Severity } from '../types';
import type { Vocabulary } from '../vocabulary/vocabulary';
import { findingsAbout } from '../subjects';
import { nodeRange, pairOf, valueOf } from '../yamlNodes';
import { rulesInForce } from '../rules/context';

/** A value shown in the report and the 0-based line of its YAML node (for `data-line` scroll sync). */
export interface Field {
  text: string;
  line: number;
}

/** A finding as the report shows it. */
export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  /** The entry it is about (rows are joined on this, never on `line`). */
  subject?: FindingSubject;
}

/** One row of the treatment table. */
export interface TreatmentRow {
  index: number;
  line: number;
  technique?: Field;
  /** The vocabulary name when the written word resolved to a different-looking term (`STR` -> soft tissue release). */
  techniqueName?: string;
  target?: Field;
  targetName?: string;
  side?: Field;
  /** Pressure as written, or undefined when not written. */
  pressure?: Field;
  /** Walton level written or implied, and whether it was written. */
  level?: number;
  levelWritten: boolean;
  /** The word for the level (`firm`), when the written value was a number or absent. */
  levelWord?: string;
  minutes?: Field;
  note?: Field;
  /** Every finding starting inside this entry. */
  findings: ReportFinding[];
  /** True when one of them is a contraindication or endangerment-site conflict (error or warning). */
  conflict: boolean;
}

/** A mapping entry of free fields (conditions, objective findings, ROM, addenda). */
export interface Entry {
  line: number;
  fields: Record<string, Field | undefined>;
}

/** A titled group of fields: one SOAP section. */
export interface Section {
  line?: number;
  fields: Record<string, Field | undefined>;
}

/** Pain before and after treatment (NPRS 0-10) and whether the change reaches the minimal clinically important difference. */
export interface PainChange {
  before?: Field;
  after?: Field;
  /** after - before; negative is better. */
  change?: number;
  /** True when pain fell by at least {@link NPRS_MCID} points. */
  meaningful?: boolean;
}

/** Everything the HTML and Markdown reports show, with lines; built once so both formats say the same thing. */
/** A condition or medication carried from an earlier note, as the health screening shows it. */
export interface CarriedRow {
  kind: 'condition' | 'medication';
  /** "deep vein thrombosis, left calf, active" or the medication line. */
  text: string;
  /** The source note's date, and visit when recorded. */
  date: string;
  visit?: number;
}

export interface ReportModel {
  header: Record<'client' | 'date' | 'therapist' | 'visit' | 'duration', Field | undefined>;
  signature?: { line: number; by?: Field; at?: Field; valid: boolean };
  /** Contraindication, endangerment-site, clearance and signature findings, most severe first. */
  alerts: ReportFinding[];
  /** Everything else the checker said (schema, vocabulary, record consistency). */
  checks: ReportFinding[];
  health: {
    line?: number;
    conditions: Entry[];
    /** Indices of `health.conditions` entries that need written medical clearance at their status (the Clearance column shows only these). */
    needsClearance: ReadonlySet<number>;
    medications: Field[];
    allergies: Field[];
    carried: CarriedRow[];
  };
  subjective: Section;
  objective: Section & { findings: Entry[]; rom: Entry[] };
  treatment: { line?: number; rows: TreatmentRow[]; totalMinutes: number };
  assessment: Section;
  pain: PainChange;
  plan: Section & { homeCare: Field[] };
  addenda: { line?: number; entries: Entry[] };
  /** How the workspace weakens the checks (rules lowered or off, built-in conditions replaced): a banner above the alerts. */
  weakenings: { detail: string; file: string; line: number }[];
}

/** The minimal clinically important difference on the 0-10 pain scale (NPRS), in points. */
export const NPRS_MCID = 2;

/** Rule id prefixes that belong in the health alerts banner. */
const ALERT_PREFIXES = ['contraindication.', 'endangerment-site.', 'signature.'];

/** Rule id prefixes that make a treatment row a conflict (and its body-map region marked). */
const CONFLICT_PREFIXES = ['contraindication.', 'endangerment-site.'];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** True when a finding belongs in the alerts banner. */
export function isAlert(finding: Finding): boolean {
  return ALERT_PREFIXES.some((p) => finding.ruleId.startsWith(p));
}

/** True when a finding is a contraindication or endangerment conflict worth marking on a treatment row and the body map. */
export function isConflict(finding: Finding): boolean {
  return (finding.severity === 'error' || finding.severity === 'warning') && CONFLICT_PREFIXES.some((p) => finding.ruleId.startsWith(p));
}

/** Builds the report model of an analysed note. Never throws on a broken or hostile note: missing parts are simply absent. */
export function buildReport(analysis: Analysis, vocabulary: Vocabulary): ReportModel {
  const lc = analysis.parsed.lineCounter;
  const root = analysis.note.root;
  const read = reader(lc);
  const toReport = (f: Finding): ReportFinding => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.range.start.line, ...(f.subject ? { subject: f.subject } : {}) });
  const bySeverity = (a: ReportFinding, b: ReportFinding): number => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line;

  const alerts = analysis.findings.filter(isAlert).map(toReport).sort(bySeverity);
  const checks = analysis.findings.filter((f) => !isAlert(f)).map(toReport).sort(bySeverity);

  const signedNode = valueOf(root, 'signed');
  const signedKey = analysis.note.signed?.keyRange;
  const signature = signedKey
    ? { line: signedKey.start.line, by: read.field(signedNode, 'by'), at: read.field(signedNode, 'at'), valid: signatureHolds(analysis) }
    : undefined;

  const health = valueOf(root, 'health');
  const subjective = valueOf(root, 'subjective');
  const objective = valueOf(root, 'objective');
  const assessment = valueOf(root, 'assessment');
  const plan = valueOf(root, 'plan');

  const treatmentSeq = valueOf(root, 'treatment');
  const rows = analysis.treatments.map((t): TreatmentRow => {
    const entry = t.entry;
    const node = isSeq(treatmentSeq) ? treatmentSeq.items[entry.index] : undefined;
    const own = findingsOfEntry(analysis, entry.index);
    const findings = own.map(toReport).sort(bySeverity);
    const pressureLevel = entry.pressure ? vocabulary.pressureLevel(entry.pressure.value) : undefined;
    const pressureIsWord = entry.pressure !== undefined && typeof entry.pressure.value === 'string' && !/^\s*[0-5]\s*$/.test(entry.pressure.value);
    return {
      index: entry.index,
      line: entry.range.start.line,
      technique: located(entry.technique),
      techniqueName: differentName(entry.technique?.value, t.technique?.name),
      target: located(entry.target),
      targetName: differentName(entry.target?.value, t.place?.term.name),
      side: located(entry.side),
      pressure: located(entry.pressure),
      level: t.level,
      levelWritten: t.levelWritten,
      levelWord: t.level !== undefined && !(pressureIsWord && pressureLevel !== undefined) ? vocabulary.pressureWord(t.level) : undefined,
      minutes: located(entry.minutes),
      note: read.field(node, 'note'),
      findings,
      conflict: own.some(isConflict),
    };
  });

  const before = located(analysis.note.painBefore);
  const after = located(analysis.note.painAfter);
  const change = analysis.note.painBefore && analysis.note.painAfter ? analysis.note.painAfter.value - analysis.note.painBefore.value : undefined;

  return {
    header: {
      client: located(analysis.note.client) ?? read.field(root, 'client'),
      date: read.field(root, 'date'),
      therapist: read.field(root, 'therapist'),
      visit: read.field(root, 'visit'),
      duration: read.field(root, 'duration'),
    },
    signature,
    alerts,
    checks,
    health: {
      line: read.keyLine(root, 'health'),
      conditions: read.entries(health, 'conditions', ['condition', 'region', 'side', 'status', 'clearance', 'since', 'note']),
      needsClearance: new Set(
        analysis.conditions.filter((c) => c.subject?.list === 'conditions' && rulesInForce(c, 'clearance').length > 0).map((c) => c.subject?.index ?? -1),
      ),
      medications: read.list(health, 'medications'),
      allergies: read.list(health, 'allergies'),
      carried: [
        ...analysis.carried.conditions.map((c): CarriedRow => ({ kind: 'condition', text: describeCarriedCondition(c), date: c.from.date, ...(c.from.visit !== undefined ? { visit: c.from.visit } : {}) })),
        ...analysis.carried.medications.map((m): CarriedRow => ({ kind: 'medication', text: m.medication, date: m.from.date, ...(m.from.visit !== undefined ? { visit: m.from.visit } : {}) })),
      ],
    },
    subjective: read.section(root, subjective, 'subjective', ['complaint', 'pain', 'goals', 'notes']),
    objective: {
      ...read.section(root, objective, 'objective', ['posture']),
      findings: read.entries(objective, 'findings', ['target', 'side', 'finding', 'note']),
      rom: read.entries(objective, 'rom', ['movement', 'side', 'degrees', 'note']),
    },
    treatment: {
      line: read.keyLine(root, 'treatment'),
      rows,
      totalMinutes: analysis.note.treatment.reduce((sum, e) => sum + (e.minutes?.value ?? 0), 0),
    },
    assessment: read.section(root, assessment, 'assessment', ['summary', 'pain_after', 'response']),
    pain: { before, after, change, meaningful: change === undefined ? undefined : -change >= NPRS_MCID },
    plan: { ...read.section(root, plan, 'plan', ['frequency', 'next_visit', 'referrals']), homeCare: read.list(plan, 'home_care') },
    addenda: { line: read.keyLine(root, 'addenda'), entries: read.entries(root, 'addenda', ['at', 'by', 'text']) },
    weakenings: analysis.weakenings.map((w) => ({ detail: w.detail, file: w.file, line: w.line })),
  };
}

/**
 * True when the note is signed and its signature was verified and holds: a hash is recorded, no
 * `signature.*` finding, and nothing the note's reading depends on is in doubt (`yaml.*`: syntax,
 * duplicate keys, aliases, tags). The report and the FHIR export both ask this, so they agree.
 */
export function signatureHolds(analysis: Analysis): boolean {
  const signed = analysis.note.signed;
  return typeof signed?.sha256?.value === 'string' && !analysis.findings.some((f) => f.ruleId.startsWith('signature.') || f.ruleId.startsWith('yaml.'));
}

/** Side as the report writes it: the normalised word (`L` -> left), else what was written. */
export function sideWord(side: Field | undefined): string | undefined {
  if (!side) {
    return undefined;
  }
  return normaliseSide(side.text) ?? side.text;
}

/**
 * The findings about one treatment entry: those whose subject is the entry (and subject-less ones,
 * such as a duplicate key, starting inside its node). Joined by subject, never by line: a flow
 * list puts several entries on one line.
 */
export function findingsOfEntry(analysis: Analysis, index: number): Finding[] {
  const entry = analysis.note.treatment.find((e) => e.index === index);
  return entry ? findingsAbout(analysis.findings, { list: 'treatment', index }, entry.fullRange) : [];
}

function located(value: { value: string | number | boolean; range: { start: { line: number } } } | undefined): Field | undefined {
  return value ? { text: String(value.value), line: value.range.start.line } : undefined;
}

/** The vocabulary name, only when it says more than the written word (not just a change of case). */
function differentName(written: string | number | undefined, name: string | undefined): string | undefined {
  if (written === undefined || name === undefined) {
    return undefined;
  }
  return String(written).trim().toLowerCase() === name.trim().toLowerCase() ? undefined : name;
}

/** Readers of YAML nodes into {@link Field}s; tolerant: a value of the wrong shape is left out (the schema reports it). */
function reader(lc: LineCounter) {
  const scalarField = (node: unknown): Field | undefined => {
    if (!isScalar(node) || node.value === null || node.value === undefined || typeof node.value === 'object') {
      return undefined;
    }
    if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
      // `.nan` / `1e999`: the schema reports it; "NaN" or "Infinity" is never shown as a value.
      return undefined;
    }
    const range = nodeRange(lc, node as Node);
    return range ? { text: String(node.value), line: range.start.line } : undefined;
  };
  const field = (parent: unknown, key: string): Field | undefined => scalarField(valueOf(parent, key));
  const keyLine = (parent: unknown, key: string): number | undefined => {
    const pair = pairOf(parent, key);
    return pair ? nodeRange(lc, pair.key as Node)?.start.line : undefined;
  };
  const list = (parent: unknown, key: string): Field[] => {
    const seq = valueOf(parent, key);
    if (!isSeq(seq)) {
      // A single free-text value where a list was expected still deserves to be shown.
      const single = scalarField(seq);
      return single ? [single] : [];
    }
    return seq.items.map(scalarField).filter((f): f is Field => f !== undefined);
  };
  const entries = (parent: unknown, key: string, keys: string[]): Entry[] => {
    const seq = valueOf(parent, key);
    if (!isSeq(seq)) {
      return [];
    }
    const out: Entry[] = [];
    for (const item of seq.items) {
      const range = isMap(item) ? nodeRange(lc, item as Node) : undefined;
      if (range) {
        out.push({ line: range.start.line, fields: Object.fromEntries(keys.map((k) => [k, field(item, k)])) });
      }
    }
    return out;
  };
  const section = (root: unknown, node: unknown, key: string, keys: string[]): Section => ({
    line: keyLine(root, key),
    fields: Object.fromEntries(keys.map((k) => [k, field(node, k)])),
  });
  return { field, keyLine, list, entries, section };
}
