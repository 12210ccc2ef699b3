/**
 * The hostile corpus for the report: payloads that try to run script, break out of an attribute,
 * the stylesheet or a comment, or reorder text, and a note that carries one payload in every
 * field the report shows (free text and vocabulary-term fields alike).
 */

/** Payloads; those that would run set `window.__pwned`, so a browser test can tell. */
export const HOSTILE: string[] = [
  '<script>alert(1)</script>',
  '<script>window.__pwned=1</script>',
  'javascript:alert(1)',
  'JaVaScRiPt:window.__pwned=1',
  '</style><script>window.__pwned=1</script>',
  '</title><script>window.__pwned=1</script>',
  '" onmouseover="window.__pwned=1',
  "' onmouseover='window.__pwned=1",
  '<svg onload=window.__pwned=1>',
  '<img src=x onerror=window.__pwned=1>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">click</a>',
  'evil\u202Egnp.exe and \u2066isolated\u2069 \u202Aemb\u202C',
  ']]><script>window.__pwned=1</script>',
  '<!-- <script>window.__pwned=1</script> -->',
  '<![CDATA[<script>window.__pwned=1</script>]]>',
  '[click](javascript:alert(1)) ![x](https://example.invalid/x.png) <https://example.invalid>',
  '| a | b |\n# heading\n- item\n> quote',
  '&lt;script&gt;window.__pwned=1&lt;/script&gt;',
  '${alert(1)} {{constructor.constructor("alert(1)")()}}',
];

/** A YAML double-quoted scalar: JSON strings are valid YAML flow scalars. */
const q = (value: string): string => JSON.stringify(value);

/** A note with `payload` in every shown field. Some fields then break the schema (date, side): the report must still render. */
export function hostileNote(payload: string): string {
  const p = q(payload);
  return `soapnote: 1
client: ${p}
date: ${p}
therapist: ${p}
visit: 2
duration: 60
health:
  conditions:
    - condition: ${p}
      region: ${p}
      side: ${p}
      status: ${p}
      since: ${p}
      note: ${p}
    - condition: deep vein thrombosis
      region: calf
      side: left
      note: ${p}
  medications: [${p}]
  allergies: [${p}]
subjective:
  complaint: ${p}
  pain: 6
  goals: ${p}
  notes: ${p}
objective:
  posture: ${p}
  findings:
    - {target: ${p}, side: ${p}, finding: ${p}, note: ${p}}
  rom:
    - {movement: ${p}, side: ${p}, degrees: 40, note: ${p}}
treatment:
  - technique: ${p}
    target: ${p}
    side: ${p}
    pressure: ${p}
    minutes: 5
    note: ${p}
  - technique: effleurage
    target: gastrocnemius
    side: left
    pressure: light
    minutes: 5
    note: ${p}
assessment:
  summary: ${p}
  pain_after: 3
  response: ${p}
plan:
  frequency: ${p}
  next_visit: ${p}
  home_care: [${p}, ${p}]
  referrals: ${p}
signed:
  by: ${p}
  at: ${p}
  sha256: ${p}
addenda:
  - {at: ${p}, by: ${p}, text: ${p}}
`;
}

/** A clinic pack whose term names carry the payload, so hostile text also reaches the body map's titles and the alert messages. */
export function hostilePack(payload: string): { uri: string; text: string } {
  const p = q(payload);
  return {
    uri: 'file:///clinic/.soapnote/packs/hostile.yaml',
    text: `soapnote_pack: 1
id: hostile
name: ${p}
techniques:
  - id: hostile-technique
    name: ${p}
    synonyms: [hostile technique]
    description: ${p}
    pressure: 4
targets:
  - id: hostile-target
    name: ${p}
    synonyms: [hostile target]
    description: ${p}
    tissue: muscle
    region: forearm
conditions:
  - id: hostile-condition
    name: ${p}
    synonyms: [hostile condition]
    description: ${p}
    category: contraindication
    rules:
      - type: local
        message: ${p}
`,
  };
}

/** A note using the hostile pack's terms (which resolve, so they are drawn and checked). */
export const HOSTILE_PACK_NOTE = `soapnote: 1
client: C-0001
date: 2026-11-20
therapist: A. Therapist
health:
  conditions:
    - {condition: hostile condition, region: hostile target, side: right}
treatment:
  - {technique: hostile technique, target: hostile target, side: right, pressure: firm, minutes: 5}
`;
