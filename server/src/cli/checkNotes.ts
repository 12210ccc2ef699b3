import { append } from '../core/append';
import type { Engine } from '../core/engine';
import { checkTogether, type CheckJob, type RecordText } from '../core/record/checkTogether';
import type { Finding } from '../core/types';
import type { CheckCache } from './checkCache';
import { runInWorkers, type Share, type WorkerInit, type WorkerTask } from './checkPool';
import type { CheckRecords } from './checkRecord';

/** How `check` runs its notes: threads, the cache, progress and where to say that a worker failed. */
export interface CheckNotesOptions {
  /** Worker threads to use; 1 checks in this thread. */
  threads: number;
  init: WorkerInit;
  cache?: CheckCache;
  progress?: (done: number) => void;
  stderr: (text: string) => void;
}

/** A unit of work: notes checked together (one note without a record; a client-id share or a whole root with one). */
interface Unit {
  root?: string;
  share?: Share;
  jobs: CheckJob[];
  hash?: string;
}

/** Fewer notes to check than this are checked in this thread whatever `--jobs` says: a thread's start-up costs more. */
const MIN_THREADED_NOTES = 32;

/** Notes per batch sent to a worker: enough to make a message worth it, few enough to balance the threads. */
function batchSize(notes: number, threads: number): number {
  return Math.max(8, Math.min(200, Math.ceil(notes / (threads * 16))));
}

/**
 * Checks `notes` (file -> job; a note's text is read only when it must be checked), with the client's record when `records` is given, and returns the
 * findings by file: exactly what `CheckRecords.checkAll` (or `engine.check` without a record) gives,
 * whatever the thread count and whether answered from the cache. Notes are split into units that
 * can be checked apart (see {@link CheckRecords.plan}); a unit whose notes turn out to reach beyond it,
 * or whose worker failed, is checked again in this thread (fail closed: never counted as checked unchecked).
 */
export async function checkNotes(engine: Engine, records: CheckRecords | undefined, notes: ReadonlyMap<string, CheckJob>, options: CheckNotesOptions): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  const units: Unit[] = [];
  const plans = new Map<string, { jobs: CheckJob[]; record: RecordText[] }>();
  const direct: string[] = [];
  if (!records) {
    for (const job of notes.values()) {
      units.push({ jobs: [job] });
    }
  } else {
    for (const [root, files] of records.byRoot(notes.keys())) {
      if (records.isIndexed(root)) {
        append(direct, files);
        continue;
      }
      const plan = records.plan(root, files, notes);
      plans.set(root, plan);
      for (const share of plan.shares ?? [{ jobs: plan.jobs, record: plan.record }]) {
        units.push({ root, share, jobs: share.jobs });
      }
    }
  }
  let done = 0;
  const progressed = (n: number): void => {
    done += n;
    options.progress?.(done);
  };
  const pending: Unit[] = [];
  for (const unit of units) {
    if (options.cache) {
      unit.hash = unit.share ? options.cache.unitHash(`share\0${unit.share.key ?? ''}`, unit.share.jobs, unit.share.record) : 'plain';
      if (options.cache.lookup(unit.hash, unit.jobs, out)) {
        progressed(unit.jobs.length);
        continue;
      }
    }
    pending.push(unit);
  }
  const results = await runUnits(engine, pending, options, progressed);
  // A root any of whose shares reached beyond itself is checked whole, and not cached (its findings depend on more than each share).
  const whole = new Set(pending.filter((_, i) => results[i] === 'outside').map((u) => u.root ?? ''));
  pending.forEach((unit, i) => {
    const result = results[i];
    if (result === 'outside' || result === undefined || whole.has(unit.root ?? '')) {
      return;
    }
    for (const [file, findings] of result) {
      out.set(file, findings);
    }
    if (unit.hash !== undefined) {
      options.cache?.store(unit.hash, unit.jobs, result);
    }
  });
  for (const root of whole) {
    const plan = plans.get(root);
    const result = plan ? checkTogether(engine, plan.jobs, plan.record) : undefined;
    if (result && !('outside' in result)) {
      for (const [file, findings] of result.findings) {
        out.set(file, findings);
      }
    }
  }
  for (const file of direct) {
    out.set(file, engine.check(notes.get(file)?.text ?? '', records?.recordFor(file)));
    progressed(1);
  }
  return out;
}

/** A job as a plain object (a `NoteText` is a class whose text is read on demand). */
function plainJob(job: CheckJob): CheckJob {
  return { file: job.file, uri: job.uri, text: job.text };
}

/** A record note as a plain object, likewise. */
function plainRecord(note: RecordText): RecordText {
  return { uri: note.uri, text: note.text };
}

/** Checks one unit in this thread: its findings, or `outside` when a share was not self-contained. */
function runUnit(engine: Engine, unit: Unit): Map<string, Finding[]> | 'outside' {
  if (!unit.share) {
    return new Map(unit.jobs.map((job) => [job.file, engine.check(job.text)]));
  }
  const result = checkTogether(engine, unit.share.jobs, unit.share.record, undefined, unit.share.key);
  return 'outside' in result ? 'outside' : result.findings;
}

/** Runs `units` on worker threads (or in this thread), one result per unit in order; what a worker could not answer is checked here. */
async function runUnits(engine: Engine, units: readonly Unit[], options: CheckNotesOptions, progressed: (n: number) => void): Promise<(Map<string, Finding[]> | 'outside')[]> {
  const results: (Map<string, Finding[]> | 'outside' | undefined)[] = units.map(() => undefined);
  const notes = units.reduce((n, u) => n + u.jobs.length, 0);
  // A handful of notes left to check (the rest from the cache) is not worth starting threads for.
  if (options.threads > 1 && notes >= MIN_THREADED_NOTES) {
    // Batches of consecutive units of one kind, each remembering which units it holds.
    const size = batchSize(notes, options.threads);
    const batches: { task: WorkerTask; units: number[] }[] = [];
    let current: { task: WorkerTask; units: number[]; notes: number } | undefined;
    units.forEach((unit, i) => {
      const kind = unit.share ? 'shares' : 'plain';
      if (!current || current.task.kind !== kind || current.notes >= size) {
        current = { task: kind === 'plain' ? { id: batches.length, kind, jobs: [] } : { id: batches.length, kind, shares: [] }, units: [], notes: 0 };
        batches.push(current);
      }
      // Plain objects, texts read now: a message to a thread carries no getters.
      if (current.task.kind === 'plain') {
        append(current.task.jobs, unit.jobs.map(plainJob));
      } else if (unit.share) {
        current.task.shares.push({ ...(unit.share.key === undefined ? {} : { key: unit.share.key }), jobs: unit.share.jobs.map(plainJob), record: unit.share.record.map(plainRecord) });
      }
      current.units.push(i);
      current.notes += unit.jobs.length;
    });
    const outcomes = await runInWorkers(
      batches.map((b) => b.task),
      options.threads,
      options.init,
      progressed,
    );
    const failures = new Set<string>();
    outcomes.forEach((outcome, b) => {
      const batch = batches[b];
      if (!batch) {
        return;
      }
      if ('failed' in outcome) {
        failures.add(outcome.failed);
        return;
      }
      const found = new Map(outcome.reply.findings);
      const outside = new Set(outcome.reply.outside);
      batch.units.forEach((u, position) => {
        const unit = units[u] as Unit;
        if (batch.task.kind === 'shares' && outside.has(position)) {
          results[u] = 'outside';
        } else if (unit.jobs.every((j) => found.has(j.file))) {
          results[u] = new Map(unit.jobs.map((j) => [j.file, found.get(j.file) as Finding[]]));
        } // else left unanswered: checked in this thread below

      });
    });
    for (const why of failures) {
      options.stderr(`soapnote: ${why}; its notes were checked in the main thread instead\n`);
    }
  }
  return units.map((unit, i) => {
    const result = results[i];
    if (result !== undefined) {
      return result;
    }
    const here = runUnit(engine, unit);
    progressed(unit.jobs.length);
    return here;
  });
}
