'use strict';
// Every test runs with "today" pinned (the injected clock of server/src/node/nodeHost.ts), in this
// process and in every CLI and language-server process a test spawns, so no test depends on the day
// it runs. CI proves it by running the whole suite again with the clock moved a year either way.
// A test about "today" itself sets the config's `today` or passes its own environment.
process.env.SOAPNOTE_TODAY = '2026-12-01';
