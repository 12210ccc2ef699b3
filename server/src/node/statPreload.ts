import { Worker } from 'node:worker_threads';
import { isSettled, type FileSignature } from './fileSignature';

/** A file's signature as {@link statSignature} gives it, read ahead; undefined: not a regular file, or it could not be stat'ed. */
export type PreloadedSignature = { signature: FileSignature; settled: boolean } | undefined;

/** Signatures taken ahead, by path: 'missing' for a path that was not among those stat'ed. */
export type PreloadedLookup = (path: string) => PreloadedSignature | 'missing';

/** Values per file in the worker's reply: is a regular file (1 or 0), then device, inode, size, mtimeMs, ctimeMs. */
const FIELDS = 6;

/**
 * The worker's code: stat each path (links followed), as `statSignature` does, into one array of
 * numbers sent back without a copy. Our own constant, run with `eval`: no file to find beside a
 * bundle, and nothing from the workspace is ever run.
 */
const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.once('message', (paths) => {
  const out = new Float64Array(paths.length * ${FIELDS});
  for (let i = 0; i < paths.length; i++) {
    let stats;
    try {
      stats = fs.statSync(paths[i], { throwIfNoEntry: false });
    } catch {
      stats = undefined;
    }
    if (stats && stats.isFile()) {
      const at = i * ${FIELDS};
      out[at] = 1;
      out[at + 1] = stats.dev;
      out[at + 2] = stats.ino;
      out[at + 3] = stats.size;
      out[at + 4] = stats.mtimeMs;
      out[at + 5] = stats.ctimeMs;
    }
  }
  parentPort.postMessage(out, [out.buffer]);
});
`;

/**
 * Stats `paths` on a thread of its own while this one goes on (reading the check cache), as git's
 * `core.preloadIndex` does for its index: the signatures of a cached run's notes are then at hand
 * when each note is opened. Resolves to a lookup by path, or undefined when the thread failed
 * (then every note is stat'ed here, as without it). Each signature is what `statSignature` would
 * have given at the moment it was taken; a note read after it is stat'ed again here all the same.
 */
export function preloadSignatures(paths: readonly string[], nowMs: number, code: string = WORKER_CODE): Promise<PreloadedLookup | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // `code` is WORKER_CODE but in tests of a thread that fails.
      worker = new Worker(code, { eval: true });
    } catch {
      resolve(undefined);
      return;
    }
    const done = (value: PreloadedLookup | undefined): void => {
      resolve(value);
      void worker.terminate();
    };
    worker.once('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
    worker.once('message', (out: unknown) => {
      if (!(out instanceof Float64Array) || out.length !== paths.length * FIELDS) {
        done(undefined);
        return;
      }
      const index = new Map<string, number>();
      paths.forEach((path, i) => index.set(path, i));
      done((path) => {
        const i = index.get(path);
        if (i === undefined) {
          return 'missing';
        }
        const at = i * FIELDS;
        if (out[at] !== 1) {
          return undefined;
        }
        const signature: FileSignature = [out[at + 1] as number, out[at + 2] as number, out[at + 3] as number, out[at + 4] as number, out[at + 5] as number];
        return { signature, settled: isSettled(signature, nowMs) };
      });
    });
    worker.postMessage(paths);
  });
}
