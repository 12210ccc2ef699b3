import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Engine, NoteRecord } from '../core/engine';
import { RecordIndex } from '../core/record/recordIndex';
import { isEarlier } from '../core/record/carry';
import type { NoteSummary, RecordLookup } from '../core/record/types';
import type { Finding } from '../core/types';
import { findRecordRoot, quickClientId, readRecordIndex, readRecordTexts } from '../node/recordFiles';

/** The `date:` and `visit:` of a note's text as a line scan reads them: only the order notes are checked in (earlier first). */
function quickOrder(text: string): { date: string; visit: number } {
  const date = /^date:[ \t]*["']?(\d{4}-\d{2}-\d{2})["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  const visit = /^visit:[ \t]*(\d+)[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  // A note without a date carries from every dated note: it goes last.
  return { date: date ?? '\uffff', visit: visit === undefined ? 0 : Number(visit) };
}

/** One question a check asked of the record, and the answer it got (as JSON). */
interface Asked {
  carriedFor?: NoteSummary;
  nearIds?: string;
  answer: string;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The client records a `soapnote check` run needs: one index per record root (the nearest folder
 * above a note holding `.soapnote/` or `.git`, else the folder checked), read once, holding the
 * notes of the clients being checked (and ids typed like theirs).
 */
export class CheckRecords {
  private readonly indexes = new Map<string, RecordIndex>();
  private readonly wanted = new Map<string, Set<string> | undefined>();

  constructor(
    private readonly engine: Engine,
    private readonly cwd: string,
    /** The folders named on the command line: a note outside any record root belongs to the one it is in. */
    private readonly folders: readonly string[],
  ) {}

  /** Where the record of `file` is read from. */
  rootOf(file: string): string {
    const found = findRecordRoot(dirname(file));
    if (found !== undefined) {
      return found;
    }
    const folder = this.folders.map((f) => resolve(this.cwd, f)).filter((f) => isInside(file, f)).sort((a, b) => b.length - a.length)[0];
    return folder ?? (isInside(file, this.cwd) ? this.cwd : dirname(file));
  }

  /** Notes the clients of `texts` (file -> text) so that each root's index reads only their notes; an unreadable client line reads them all. */
  want(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) {
      const root = this.rootOf(file);
      const id = quickClientId(text);
      if (!this.wanted.has(root)) {
        this.wanted.set(root, new Set());
      }
      const set = this.wanted.get(root);
      if (id === undefined) {
        this.wanted.set(root, undefined);
      } else {
        set?.add(id);
      }
    }
  }

  /** The index of the root `file` belongs to, read on first use. */
  indexOf(file: string): RecordIndex {
    const root = this.rootOf(file);
    let index = this.indexes.get(root);
    if (!index) {
      index = readRecordIndex(this.engine, root, this.wanted.get(root)).index;
      this.indexes.set(root, index);
    }
    return index;
  }

  /** The record to check `file` with. */
  recordFor(file: string): NoteRecord {
    return { uri: pathToFileURL(file).toString(), lookup: this.indexOf(file) };
  }

  /** The notes of the same client dated after each of `files` (a changed intake note changes what they carry). */
  laterNotes(files: readonly string[]): string[] {
    const out = new Set<string>();
    for (const file of files) {
      const index = this.indexOf(file);
      const uri = pathToFileURL(file).toString();
      const self = index.get(uri);
      if (!self) {
        continue;
      }
      for (const other of index.clientNotes(uri)) {
        const summary = index.get(other);
        if (summary && isEarlier(self, summary)) {
          out.add(fileURLToPath(other));
        }
      }
    }
    return [...out];
  }

  /**
   * Checks `notes` (file -> text) each with its client's record: the same findings as
   * `engine.check(text, this.recordFor(file))` one by one, but a note of the record that is also
   * checked is parsed once. Notes are checked earlier first (by a line scan of `date:`/`visit:`),
   * each analysed note's summary going into the index before later ones are checked; when all are
   * done, every question a check asked of the record is asked again of the full index, and a note
   * that got a different answer (the scan misread an order, a client id seen only later) is checked
   * again with the full index. `progress` is called as notes are checked.
   */
  checkAll(notes: ReadonlyMap<string, string>, progress?: (done: number) => void): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    const byRoot = new Map<string, string[]>();
    for (const file of notes.keys()) {
      const root = this.rootOf(file);
      byRoot.set(root, [...(byRoot.get(root) ?? []), file]);
    }
    let done = 0;
    for (const [root, files] of byRoot) {
      if (this.indexes.has(root)) {
        for (const file of files) {
          out.set(file, this.engine.check(notes.get(file) ?? '', this.recordFor(file)));
          progress?.(++done);
        }
        continue;
      }
      const index = new RecordIndex();
      const jobs = files.map((file) => {
        const text = notes.get(file) ?? '';
        return { file, text, uri: pathToFileURL(file).toString(), order: quickOrder(text) };
      });
      const checked = new Map(jobs.map((j) => [j.uri, j.text]));
      // Summarised from its own check: a note of the record that is checked with the same uri and text.
      const fromCheck = new Set<string>();
      for (const note of readRecordTexts(root, this.wanted.get(root), checked).notes) {
        if (checked.get(note.uri) === note.text && !fromCheck.has(note.uri)) {
          fromCheck.add(note.uri);
        } else {
          index.set(this.engine.summarise(note.uri, note.text));
        }
      }
      jobs.sort((a, b) => a.order.date.localeCompare(b.order.date) || a.order.visit - b.order.visit || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
      const asked = new Map<string, Asked[]>();
      for (const job of jobs) {
        const questions: Asked[] = [];
        const lookup: RecordLookup = {
          carriedFor: (summary) => {
            const answer = index.carriedFor(summary);
            questions.push({ carriedFor: summary, answer: JSON.stringify(answer) });
            return answer;
          },
          nearIds: (client) => {
            const answer = index.nearIds(client);
            questions.push({ nearIds: client, answer: JSON.stringify(answer) });
            return answer;
          },
        };
        const analysis = this.engine.analyze(job.text, { uri: job.uri, lookup });
        out.set(job.file, analysis.findings);
        asked.set(job.file, questions);
        if (fromCheck.has(job.uri)) {
          index.set(analysis.summary ?? this.engine.summarise(job.uri, job.text));
        }
        progress?.(++done);
      }
      this.indexes.set(root, index);
      for (const job of jobs) {
        const same = (asked.get(job.file) ?? []).every((q) =>
          q.carriedFor !== undefined ? JSON.stringify(index.carriedFor(q.carriedFor)) === q.answer : q.nearIds !== undefined && JSON.stringify(index.nearIds(q.nearIds)) === q.answer,
        );
        if (!same) {
          out.set(job.file, this.engine.check(job.text, { uri: job.uri, lookup: index }));
        }
      }
    }
    return out;
  }
}
