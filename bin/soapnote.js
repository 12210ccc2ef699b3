#!/usr/bin/env node
'use strict';
// The soapnote command line. Built by `npm ci` (the prepare script runs `tsc -b`).
require('../out/server/src/cli.js').runProcess();
