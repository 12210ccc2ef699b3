import { createHash } from 'node:crypto';
import type { EngineHost } from '../core/engine';

/** The environment variable that pins "today" for a whole process tree (tests, reproducible CI runs); the config's `today` wins over it. */
export const TODAY_ENV = 'SOAPNOTE_TODAY';

/**
 * Today's date in the machine's local time zone as YYYY-MM-DD (a session date is a local date), or
 * the date in `SOAPNOTE_TODAY` when it holds one (an injected clock, like SOURCE_DATE_EPOCH). A
 * malformed value is ignored rather than trusted.
 */
export function localToday(now: Date = new Date(), env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env[TODAY_ENV];
  if (pinned !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(pinned) && !Number.isNaN(Date.parse(`${pinned}T00:00:00Z`))) {
    return pinned;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The engine host for Node: SHA-256 from node:crypto, today from the local clock. */
export function nodeHost(): EngineHost {
  return {
    sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    today: () => localToday(),
  };
}
