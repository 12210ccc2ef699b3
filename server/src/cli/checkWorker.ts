import { parentPort, workerData } from 'node:worker_threads';
import { checkTogether } from '../core/record/checkTogether';
import type { Finding } from '../core/types';
import { loadWorkspace } from '../node/workspace';
import { WORKER_FAULT_ENV, type WorkerInit, type WorkerReply, type WorkerTask } from './checkPool';

// One thread of `soapnote check --jobs N`: loads the same workspace from the texts the main thread
// read (so both check with the same config and packs), then checks the batches it is sent.
const init = workerData as WorkerInit;
const fault = process.env[WORKER_FAULT_ENV];
if (fault === 'start') {
  throw new Error(`${WORKER_FAULT_ENV}=start: this worker fails to start`);
}
const packTexts = new Map(init.packTexts);
const workspace = loadWorkspace(init.root, {}, init.configText, (path) => packTexts.get(path));
let batches = 0;

parentPort?.on('message', (task: WorkerTask) => {
  batches++;
  if (fault === 'batch' && batches === 2) {
    throw new Error(`${WORKER_FAULT_ENV}=batch: this worker fails on its second batch`);
  }
  const findings: [string, Finding[]][] = [];
  const outside: number[] = [];
  if (task.kind === 'plain') {
    for (const job of task.jobs) {
      findings.push([job.file, workspace.engine.check(job.text)]);
    }
  } else {
    task.shares.forEach((share, i) => {
      const result = checkTogether(workspace.engine, share.jobs, share.record, undefined, share.key);
      if ('outside' in result) {
        outside.push(i);
      } else {
        for (const entry of result.findings) {
          findings.push(entry);
        }
      }
    });
  }
  const reply: WorkerReply = { id: task.id, findings, outside };
  parentPort?.postMessage(reply);
});
