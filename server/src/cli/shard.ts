import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { clientIdKey } from '../core/record/clientIds';
import { UsageError } from './usage';

/** One of `n` shards of a run, 1-based as `--shard i/n` writes it. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/n` (1 <= i <= n); anything else is a {@link UsageError}. */
export function parseShard(value: string): Shard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4), not '${value}'`);
  }
  return { index, count };
}

/**
 * The shard (1-based) a note belongs to: by a hash of the comparison form of its client id `id`
 * (as a line scan reads it), so a client's notes (and ids typed like its own) always share a shard
 * and a new note never moves others; a note whose client line a scan cannot read, or that cannot
 * be read (`id` undefined), goes by its path relative to the workspace root.
 */
export function shardOf(path: string, id: string | undefined, root: string, count: number): number {
  const what = id !== undefined ? `client\0${clientIdKey(id)}` : `path\0${relative(root, path).split('\\').join('/')}`;
  const digest = createHash('sha256').update(what, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** The SARIF `automationDetails.id` of a shard: a category of its own per shard (the part before the last `/`), so code scanning keeps every shard's results. */
export function shardAutomationId(shard: Shard): string {
  return `soapnote/shard-${shard.index}-of-${shard.count}/`;
}
