import { join } from 'node:path';
import { codeCacheDirArg, runWithCodeCache } from './node/codeCache';

/**
 * The entry of the bundled server `dist/server.js` (bundle only: it runs `dist/server-main.js`, the
 * bundle of lspMain.ts, beside it). `--code-cache-dir=PATH` names a private folder for V8's code
 * cache (the VS Code client passes its global storage); without it the bundle compiles as usual.
 */
runWithCodeCache(join(__dirname, 'server-main.js'), {
  dir: codeCacheDirArg(process.argv),
  log: (message) => process.stderr.write(`soapnote: ${message}\n`),
  // By then the first diagnostics are out: the cache holds what they compiled.
  writeAfterMs: 3000,
});
