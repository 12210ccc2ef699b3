/**
 * The shape of a vocabulary pack as written in YAML (`server/knowledge/*.yaml`, a clinic's
 * `.soapnote/packs/*.yaml`). Checked by `schemas/vocabulary-pack.schema.json`; this file and
 * that schema must agree. Packs are data: nothing in them is executed.
 */

/** Fields every vocabulary entry has. Terms resolve by id, name or synonym, case/punctuation/spelling insensitive. */
export interface PackTermBase {
  /** Stable kebab-case id, unique within its kind across packs (a later pack overrides an earlier one by id). */
  id: string;
  /** Display name, lower case unless a proper noun (e.g. `Achilles tendon`). */
  name: string;
  synonyms?: string[];
  /** One paragraph in plain words for hover and completion. */
  description: string;
  /** Where the facts come from (for conditions required; e.g. `Werner, A Massage Therapist's Guide to Pathology`). */
  source?: string;
}

/**
 * A body region. Regions form a tree by `parent` (containment: `lower-leg` is in `lower-limb`).
 * Limb segments also carry `limb` and `order` (proximal = 1) so "distal to" can be decided:
 * `hip 1 -> thigh 2 -> knee 3 -> lower-leg 4 -> ankle 5 -> foot 6`.
 */
export interface PackRegion extends PackTermBase {
  parent?: string;
  limb?: 'upper' | 'lower';
  order?: number;
}

/** A technique with its typical Walton pressure level (0 still .. 5 deep) and tags used by rules. */
export interface PackTechnique extends PackTermBase {
  /** Typical Walton level used for checks when a treatment gives no pressure. */
  pressure: number;
  /**
   * Tags rules can bar by (`tag:deep`): e.g. `friction`, `deep`, `percussive`, `instrument`,
   * `circulatory`, `bone-stressing`, `specific`, `passive`, `stretch`.
   */
  tags?: string[];
}

/** A soft-tissue target (muscle, tendon, ligament, fascia, ...) and the region it lies in. */
export interface PackTarget extends PackTermBase {
  tissue: 'muscle' | 'muscle-group' | 'tendon' | 'ligament' | 'fascia' | 'joint' | 'skin' | 'nerve' | 'other';
  /** Region id. */
  region: string;
}

/** An objective finding (hypertonic, trigger point, adhesion, ...) and techniques suited to it (for ranking). */
export interface PackFinding extends PackTermBase {
  suits?: string[];
}

/** Where a rule applies. */
export type RuleWhere =
  /** the whole body: every treatment entry */
  | 'everywhere'
  /** the region recorded on the condition in the note (with its side); falls back to `regions`, then to `unlocated` */
  | 'site'
  /** the fixed `regions` of the rule, whatever the note records */
  | 'regions';

/**
 * One rule a condition carries. `type` decides the finding's rule id:
 * absolute -> contraindication.absolute, local -> contraindication.local,
 * technique -> contraindication.technique, pressure-cap -> contraindication.pressure,
 * clearance -> contraindication.clearance, precaution -> contraindication.precaution.
 */
export interface PackRule {
  type: 'absolute' | 'local' | 'technique' | 'pressure-cap' | 'clearance' | 'precaution';
  /** Statuses the rule applies in; default `[active, controlled]`. `resolved` never applies. */
  status?: ('active' | 'controlled')[];
  /** default: `everywhere` for absolute/clearance/precaution/pressure-cap/technique, `site` for local. */
  where?: RuleWhere;
  /** Region (or target) ids: defaults for `site`, the places for `regions`. */
  regions?: string[];
  /** Also applies distal to the place in the same limb chain (varicose veins). */
  distal?: boolean;
  /** Technique ids or `tag:NAME`; for technique rules, the barred ones; for local/pressure-cap, limits the rule to them. */
  techniques?: string[];
  /** For pressure-cap: the highest Walton level allowed. */
  max?: number;
  /** For `site` rules when the note records no region and the rule has no default regions. Default `warn`. */
  unlocated?: 'absolute' | 'everywhere' | 'warn';
  /** What to tell the therapist: why, and what to do instead. */
  message: string;
  source?: string;
  /** The rule holds only this long after the condition's `since` (e.g. `12w`); without `since` it holds. */
  until?: PackDuration;
}

/** A length of time from a condition's `since`: whole hours, days or weeks (`72h`, `10d`, `6w`). */
export type PackDuration = string;

/**
 * How long a condition counts as acute or recent after its `since`, and what its rules relax to.
 * ```yaml
 * period: {length: 72h, from: the injury, after: [{type: pressure-cap, where: site, max: 3, message: ...}]}
 * ```
 */
export interface PackPeriod {
  length: PackDuration;
  /** What `since` marks, for messages ("the injury"); default "onset". */
  from?: string;
  /** The rules once the period has passed (they replace `rules`), or `resolved`: nothing restricts any more. */
  after: PackRule[] | 'resolved';
}

/** A health condition with the rules it carries. */
export interface PackCondition extends PackTermBase {
  /** `contraindication` (has restricting rules) or `indication` (commonly treated, no rules). */
  category: 'contraindication' | 'indication' | 'precaution';
  rules?: PackRule[];
  /** Time-aware: `rules` hold for this period after `since`, then `period.after`. */
  period?: PackPeriod;
}

/** A medication name that implies a condition's rules (warfarin -> anticoagulant therapy). */
export interface PackMedication extends PackTermBase {
  drug_class: string;
  /** Condition id whose rules apply when the medication is listed. */
  implies: string;
}

/** An endangerment site: firm or deep pressure there is a warning whatever the conditions. */
export interface PackEndangermentSite extends PackTermBase {
  /** Region ids the site lies in (for hover and the body map). */
  regions: string[];
  /** Target ids that sit over the site: work on them is work on the site. */
  targets?: string[];
}

/** A pressure word and its Walton level (a clinic may add its own words). */
export interface PackPressure {
  word: string;
  level: number;
  description: string;
}

/** A whole vocabulary pack file. */
export interface VocabularyPack {
  soapnote_pack: 1;
  id: string;
  name: string;
  description?: string;
  /** Fixture notes proving the pack's rules (`soapnote test`): a folder, or folders and `NAME.soap.yaml` files, relative to the pack file. */
  fixtures?: string | string[];
  regions?: PackRegion[];
  techniques?: PackTechnique[];
  targets?: PackTarget[];
  findings?: PackFinding[];
  conditions?: PackCondition[];
  medications?: PackMedication[];
  endangerment_sites?: PackEndangermentSite[];
  pressures?: PackPressure[];
  /** The language the pack's words are in (`fr`, `es`), for the built-in language packs; informative. */
  language?: string;
  /** Extra words for terms other packs define, by kind and id: a language pack adds French words to built-in ids. */
  synonyms?: PackSynonyms;
}

/**
 * Extra words for existing terms, by id, so a pack stays valid as the knowledge base grows.
 * ```yaml
 * synonyms:
 *   conditions: {deep-vein-thrombosis: [thrombose veineuse profonde, TVP]}
 * ```
 */
export interface PackSynonyms {
  regions?: Record<string, string[]>;
  techniques?: Record<string, string[]>;
  targets?: Record<string, string[]>;
  findings?: Record<string, string[]>;
  conditions?: Record<string, string[]>;
  medications?: Record<string, string[]>;
  endangerment_sites?: Record<string, string[]>;
}
