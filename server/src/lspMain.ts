import { startServer } from './server';

/** Runs the language server: `node out/server/src/lspMain.js --stdio` (or `--node-ipc`). */
startServer(process.argv.includes('--node-ipc') ? 'node-ipc' : 'stdio');
