import { DEFAULT_LIMITS } from '../core/parse';
import { readNoteFile } from '../node/noteFiles';
import { UsageError } from './usage';

/**
 * Reads one note file for render/sign, turning every way it can fail into a clear usage error
 * (exit 2): not a regular file (a FIFO, a device: refused before it is opened), unreadable, over
 * `maxBytes` (never read in full), or not UTF-8 (with the line and column of the first bad byte).
 */
export function readNoteText(path: string, maxBytes: number = DEFAULT_LIMITS.maxNoteBytes): string {
  const read = readNoteFile(path, maxBytes);
  if ('unreadable' in read) {
    throw new UsageError(`cannot read '${path}': ${read.unreadable}`);
  }
  if ('finding' in read) {
    const { line, character } = read.finding.range.start;
    throw new UsageError(`'${path}' was not read as a note (line ${line + 1}, column ${character + 1}, ${read.finding.ruleId}): ${read.finding.message}`);
  }
  return read.text;
}
