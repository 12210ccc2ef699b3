import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { clientId, generateClientNotes, generateNote } from '../../scripts/generateNotes';

/** One generated note: its path relative to the corpus folder and its bytes. */
export interface CorpusNote {
  name: string;
  text: string | Buffer;
}

const CALF_WORK = '  - {technique: petrissage, target: gastroc, side: left, pressure: firm, minutes: 5}\n';

/**
 * About `total` mixed notes over three record roots, the cases `--jobs`, `--cache` and `--shard`
 * must get right: clients across visits with conditions carried forward (some treated where a
 * carried condition forbids it), ids typed like another client's, contraindication errors,
 * misspelt and unknown terms, a note that is not UTF-8, one that is not YAML, client lines a scan
 * cannot read, and one whose scan disagrees with the parse (a YAML escape).
 */
export function mixedCorpus(total = 2000): CorpusNote[] {
  const notes: CorpusNote[] = [];
  // clinic-a: its own record root; clients across visits.
  const perClinic = Math.floor(total * 0.45);
  const visits = 6;
  const clients = Math.max(4, Math.floor(perClinic / visits));
  const byClient = generateClientNotes(clients, visits);
  byClient.forEach((note, i) => {
    const c = Math.floor(i / visits);
    const v = i % visits;
    let text = note.text;
    if (c % 4 === 0 && v === visits - 1) {
      text = text.replace('treatment:\n', `treatment:\n${CALF_WORK}`); // the carried varicose veins forbid this
    }
    if (c % 10 === 3 && v === 2) {
      text = text.replace(`client: ${clientId(c)}`, `client: ${clientId(c).toLowerCase()}`); // typed like another id
    }
    notes.push({ name: `clinic-a/${note.name}`, text });
  });
  // clinic-b: no record root of its own (the folder checked is the root); single notes of many kinds.
  for (let i = 0; i < perClinic; i++) {
    let text = generateNote(i);
    switch (i % 25) {
      case 1:
        text = text.replace(/condition: [^\n]+/, 'condition: deep vein thrombosis');
        break;
      case 2:
        text = text.replace(/technique: [^\n]+/, 'technique: efleurage');
        break;
      case 3:
        text = text.replace(/target: [^,\n]+/, 'target: zorbing muscle');
        break;
      case 4:
        notes.push({ name: `clinic-b/n${i}.soap.yaml`, text: Buffer.concat([Buffer.from(text.replace('Tolerated well', 'Tol')), Buffer.from([0xe9, 0x0a])]) });
        continue;
      case 5:
        text = text.replace('subjective:', 'subjective: [unclosed');
        break;
      case 6:
        text = text.replace(/client: (\S+)/, 'client:\n  $1'); // the line scan cannot read it: the root is checked whole
        break;
      default:
        break;
    }
    notes.push({ name: `clinic-b/n${i}.soap.yaml`, text });
  }
  // clinic-c: its own root, where a client line's scan and parse disagree (a worker's share must not be trusted).
  const rest = Math.max(12, total - notes.length);
  const small = generateClientNotes(Math.ceil(rest / 4), 4).slice(0, rest);
  small.forEach((note, i) => {
    const text = i === 5 ? note.text.replace('client: C-0001', 'client: "C-00\\x301"') : note.text;
    notes.push({ name: `clinic-c/${note.name}`, text: i % 4 === 3 && i < 16 ? text.replace('treatment:\n', `treatment:\n${CALF_WORK}`) : text });
  });
  return notes;
}

/** Writes `notes` under `dir`, with the record roots' `.soapnote/` folders. */
export function writeCorpus(dir: string, notes: readonly CorpusNote[]): void {
  for (const root of ['clinic-a', 'clinic-c']) {
    mkdirSync(join(dir, root, '.soapnote'), { recursive: true });
  }
  for (const note of notes) {
    mkdirSync(dirname(join(dir, note.name)), { recursive: true });
    writeFileSync(join(dir, note.name), note.text);
  }
}
