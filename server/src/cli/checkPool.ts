import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckJob, RecordText } from '../core/record/checkTogether';
import type { Finding } from '../core/types';

/** Test hook: `start` makes every check worker throw as it starts, `batch` on its second batch (the main thread must take over). */
export const WORKER_FAULT_ENV = 'SOAPNOTE_TEST_WORKER_FAULT';

/** The notes of one client-id key of one record root (or of a whole root: no key), with the record notes of that key: checked apart from all others. */
export interface Share {
  key?: string;
  jobs: CheckJob[];
  record: RecordText[];
}

/** What a worker is given once: the workspace root and the texts the main thread loaded it from. */
export interface WorkerInit {
  root: string;
  configText?: string;
  packTexts: [string, string][];
}

/** One batch for a worker: notes checked without a record, or shares checked with theirs. */
export type WorkerTask = { id: number; kind: 'plain'; jobs: CheckJob[] } | { id: number; kind: 'shares'; shares: Share[] };

/** A worker's answer to a batch: findings by file, and the shares (by index) that turned out not to be self-contained. */
export interface WorkerReply {
  id: number;
  findings: [string, Finding[]][];
  outside: number[];
}

/** What came back for one task: its reply, or why no worker answered it (the caller checks it itself). */
export type TaskOutcome = { reply: WorkerReply } | { failed: string };

/** The compiled worker next to this file (`out/server/src/cli/checkWorker.js`); absent in a bundle without it. */
export function workerEntry(): string | undefined {
  const entry = join(__dirname, 'checkWorker.js');
  return existsSync(entry) ? entry : undefined;
}

/** The files a task checks: a reply must cover exactly these. */
function taskFiles(task: WorkerTask): string[] {
  return task.kind === 'plain' ? task.jobs.map((j) => j.file) : task.shares.flatMap((s) => s.jobs.map((j) => j.file));
}

/** True when `reply` answers every file of `task`, or says which shares it could not answer. */
function complete(task: WorkerTask, reply: WorkerReply): boolean {
  if (reply.id !== task.id || !Array.isArray(reply.findings) || !Array.isArray(reply.outside)) {
    return false;
  }
  const answered = new Set(reply.findings.map(([file]) => file));
  const skipped = new Set(task.kind === 'shares' ? reply.outside.flatMap((i) => task.shares[i]?.jobs.map((j) => j.file) ?? []) : []);
  return taskFiles(task).every((file) => answered.has(file) !== skipped.has(file));
}

/**
 * Runs `tasks` on up to `threads` worker threads, handing the next task to whichever worker is free,
 * and resolves to one outcome per task (in the order given). Fails closed: a task whose worker
 * failed to start, threw, exited or answered incompletely comes back as `failed`, never as checked,
 * and the caller checks it in the main thread. `onDone` is called with each task's note count as it completes.
 */
export function runInWorkers(tasks: readonly WorkerTask[], threads: number, init: WorkerInit, onDone?: (notes: number) => void): Promise<TaskOutcome[]> {
  const outcomes: (TaskOutcome | undefined)[] = tasks.map(() => undefined);
  const entry = workerEntry();
  if (!entry || tasks.length === 0) {
    return Promise.resolve(tasks.map(() => ({ failed: 'the check worker (checkWorker.js) is not installed beside the command line' })));
  }
  return new Promise((resolvePool) => {
    let next = 0;
    let live = 0;
    const finish = (): void => {
      if (live === 0) {
        // Tasks no worker took (every worker died): the main thread checks them.
        resolvePool(outcomes.map((o) => o ?? { failed: 'no check worker was left to take it' }));
      }
    };
    const start = (): void => {
      const worker = new Worker(entry, { workerData: init });
      live++;
      let current: number | undefined;
      let ended = false;
      const give = (): void => {
        if (next < tasks.length) {
          current = next++;
          worker.postMessage(tasks[current]);
        } else {
          current = undefined;
          ended = true;
          live--;
          void worker.terminate();
          finish();
        }
      };
      const fail = (why: string): void => {
        if (ended) {
          return;
        }
        ended = true;
        if (current !== undefined) {
          outcomes[current] = { failed: why };
        }
        live--;
        void worker.terminate();
        finish();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (current === undefined || ended) {
          return;
        }
        const task = tasks[current] as WorkerTask;
        outcomes[current] = complete(task, reply) ? { reply } : { failed: 'the check worker answered incompletely' };
        onDone?.(taskFiles(task).length);
        give();
      });
      worker.on('error', (error) => fail(`the check worker failed: ${error.message}`));
      worker.on('messageerror', (error) => fail(`the check worker's answer could not be read: ${error.message}`));
      worker.on('exit', (code) => fail(`the check worker stopped (exit code ${code})`));
      give();
    };
    for (let i = 0; i < Math.min(threads, tasks.length); i++) {
      start();
    }
  });
}
