import { createHash } from 'node:crypto';
import type { EngineHost } from '../core/engine';

/** Today's date in the machine's local time zone as YYYY-MM-DD (a session date is a local date). */
export function localToday(now: Date = new Date()): string {
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
