import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import noteSchema from '../../schemas/note.schema.json';
import { generateNote } from '../generateNotes';

/** `count` generated notes in `notes/` of a fresh temp folder (clients repeat, so most have several visits). */
export function corpus(count: number, prefix = 'soapnote-bench-'): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'notes'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, 'notes', `n${i}.soap.yaml`);
    writeFileSync(file, generateNote(i));
    files.push(file);
  }
  return { dir, files };
}

/** The peer every `check` figure is a ratio against: read each file, parse it with `yaml` keeping positions, validate it with ajv (schema compiled once), one thread; in ms. */
export function bare(files: readonly string[]): number {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'date-time']);
  const validate = ajv.compile(noteSchema);
  const start = performance.now();
  for (const file of files) {
    validate(parseDocument(readFileSync(file, 'utf8'), { schema: 'core', uniqueKeys: true }).toJS());
  }
  return performance.now() - start;
}
