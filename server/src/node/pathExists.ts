import { lstatSync } from 'node:fs';

/** True when something (a file, a link, even a dangling one) is at `path`. */
export function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
