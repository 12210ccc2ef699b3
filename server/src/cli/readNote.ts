import { readFileSync } from 'node:fs';
import { decodeNote } from '../node/noteFiles';
import { UsageError } from './usage';

/** Reads one note file for render/sign, turning every way it can fail into a clear usage error (exit 2). */
export function readNoteText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read '${path}': ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}`);
  }
  const decoded = decodeNote(bytes);
  if ('notText' in decoded) {
    throw new UsageError(`'${path}' is not a note: ${decoded.notText}`);
  }
  return decoded.text;
}
