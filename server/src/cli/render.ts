import { randomBytes } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderFhir } from '../core/render/fhir';
import { renderHtml } from '../core/render/html';
import { renderMarkdown } from '../core/render/markdown';
import { terminal } from '../core/terminalText';
import { writeFileAtomic } from '../node/atomicWrite';
import { nodeHost } from '../node/nodeHost';
import { cliWorkspace, type CliIo } from './context';
import { readNoteText } from './readNote';
import { UsageError } from './usage';

/** `soapnote render FILE --format html|md|fhir [--out FILE]`: the report or FHIR Bundle on stdout or into a file. */
export function runRender(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', short: 'f', default: 'html' }, out: { type: 'string', short: 'o' } } });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('render takes exactly one FILE');
  }
  const format = values.format ?? 'html';
  if (!['html', 'md', 'markdown', 'fhir'].includes(format)) {
    throw new UsageError(`unknown --format '${format}': use html, md or fhir`);
  }
  const path = resolve(io.cwd, file);
  const out = values.out ? resolve(io.cwd, values.out) : undefined;
  if (out === path) {
    throw new UsageError('--out must not be the note itself: render never rewrites a note');
  }
  const workspace = cliWorkspace(io);
  const analysis = workspace.engine.analyze(readNoteText(path));
  const vocabulary = workspace.engine.vocabulary;
  let text: string;
  if (format === 'html') {
    text = renderHtml(analysis, vocabulary, { nonce: randomBytes(16).toString('base64') });
  } else if (format === 'fhir') {
    text = JSON.stringify(renderFhir(analysis, vocabulary, { idSeed: relative(workspace.root, path).split('\\').join('/'), sha256: nodeHost().sha256 }), null, 2) + '\n';
  } else {
    text = renderMarkdown(analysis, vocabulary);
  }
  if (out) {
    writeFileAtomic(out, text);
    io.stderr(terminal`soapnote: wrote ${values.out}\n`);
  } else {
    io.stdout(text);
  }
  return 0;
}
