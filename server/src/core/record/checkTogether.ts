import type { Engine } from '../engine';
import type { Finding } from '../types';
import { clientIdKey } from './clientIds';
import { RecordIndex } from './recordIndex';
import type { NoteSummary, RecordLookup } from './types';

/** A note to check: its file (the key of the result), uri and text. */
export interface CheckJob {
  file: string;
  uri: string;
  text: string;
}

/** A note of the record (read from disk): its uri and text. */
export interface RecordText {
  uri: string;
  text: string;
}

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

/** The result of {@link checkTogether}: findings by file and the full index, or `outside` when `onlyKey` did not hold. */
export type TogetherResult = { findings: Map<string, Finding[]>; index: RecordIndex } | { outside: true };

/**
 * Checks `jobs` each with the record made of `record` (the notes of the record root, checked ones
 * included): the same findings as `engine.check(text, {uri, lookup: index of record})` one by one,
 * but a note of the record that is also checked is parsed once. Notes are checked earlier first (by
 * a line scan of `date:`/`visit:`), each analysed note's summary going into the index before later
 * ones are checked; when all are done, every question a check asked of the record is asked again of
 * the full index, and a note that got a different answer (the scan misread an order, a client id
 * seen only later) is checked again with the full index.
 *
 * `onlyKey`: the caller gave only the notes whose client id has this {@link clientIdKey} (one
 * worker's share). If any summary or question is about another key, the share was not
 * self-contained, and the result is `outside` (the caller checks the whole root instead).
 */
export function checkTogether(engine: Engine, jobs: readonly CheckJob[], record: readonly RecordText[], progress?: () => void, onlyKey?: string): TogetherResult {
  const out = new Map<string, Finding[]>();
  const index = new RecordIndex();
  const foreign = (client: string | undefined): boolean => onlyKey !== undefined && client !== undefined && clientIdKey(client) !== onlyKey;
  // Fields named, not spread: a job may be a class whose text is a getter (read on demand).
  const ordered = jobs.map((job) => ({ file: job.file, uri: job.uri, text: job.text, order: quickOrder(job.text) }));
  const checked = new Map(ordered.map((j) => [j.uri, j.text]));
  // Summarised from its own check: a note of the record that is checked with the same uri and text.
  const fromCheck = new Set<string>();
  for (const note of record) {
    if (checked.get(note.uri) === note.text && !fromCheck.has(note.uri)) {
      fromCheck.add(note.uri);
    } else {
      const summary = engine.summarise(note.uri, note.text);
      if (foreign(summary.client)) {
        return { outside: true };
      }
      index.set(summary);
    }
  }
  ordered.sort((a, b) => a.order.date.localeCompare(b.order.date) || a.order.visit - b.order.visit || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const asked = new Map<string, Asked[]>();
  for (const job of ordered) {
    const questions: Asked[] = [];
    let outside = false;
    const lookup: RecordLookup = {
      carriedFor: (summary) => {
        outside ||= foreign(summary.client);
        const answer = index.carriedFor(summary);
        questions.push({ carriedFor: summary, answer: JSON.stringify(answer) });
        return answer;
      },
      nearIds: (client) => {
        outside ||= foreign(client);
        const answer = index.nearIds(client);
        questions.push({ nearIds: client, answer: JSON.stringify(answer) });
        return answer;
      },
    };
    const analysis = engine.analyze(job.text, { uri: job.uri, lookup });
    if (outside || foreign(analysis.summary?.client)) {
      return { outside: true };
    }
    out.set(job.file, analysis.findings);
    asked.set(job.file, questions);
    if (fromCheck.has(job.uri)) {
      const summary = analysis.summary ?? engine.summarise(job.uri, job.text);
      if (foreign(summary.client)) {
        return { outside: true };
      }
      index.set(summary);
    }
    progress?.();
  }
  for (const job of ordered) {
    const same = (asked.get(job.file) ?? []).every((q) =>
      q.carriedFor !== undefined ? JSON.stringify(index.carriedFor(q.carriedFor)) === q.answer : q.nearIds !== undefined && JSON.stringify(index.nearIds(q.nearIds)) === q.answer,
    );
    if (!same) {
      out.set(job.file, engine.check(job.text, { uri: job.uri, lookup: index }));
    }
  }
  return { findings: out, index };
}
