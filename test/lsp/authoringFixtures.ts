/** A clinic's pack and practice notes that use it: the authoring cases of the stdio server and the web worker share them. */

/** A clinic pack with a technique (bamboo fusion) and a local contraindication that names it. */
export const CLINIC_PACK = `soapnote_pack: 1
id: clinic
name: Clinic pack
techniques:
  - id: bamboo-fusion
    name: bamboo fusion
    description: Massage with warmed bamboo sticks.
    pressure: 3
    tags: [instrument]
conditions:
  - id: fresh-tattoo
    name: fresh tattoo
    description: A tattoo less than two weeks old.
    category: contraindication
    rules:
      - type: local
        techniques: [iastm, bamboo-fusion]
        distal: true
        status: [active]
        message: Keep off a fresh tattoo and below it until it has healed.
`;

/** A practice note of `client` documenting `technique` on the calf. */
export const practiceNote = (client: string, technique: string): string =>
  `soapnote: 1\nclient: ${client}\ndate: 2026-03-02\ntherapist: A. Lee\nsubjective:\n  complaint: tight calf\ntreatment:\n  - technique: ${technique}\n    target: gastrocnemius\n    minutes: 10\n`;
