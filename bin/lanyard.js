#!/usr/bin/env node
// Entry for the `lanyard` command (CommonJS: bin/package.json says so, because a CommonJS
// entry starts faster than an ES module one, and credential_process tools start it on every
// AWS call). The build (`npm install` runs it as `prepare`, or `npm run build`) bundles the
// fast answers into dist/lanyard-fast.cjs and compiles the full CLI to dist/electron/cli.
'use strict';
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');
let fast;
try {
  fast = require(path.join(dist, 'lanyard-fast.cjs'));
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('lanyard-fast.cjs')) {
    process.stderr.write('lanyard: the CLI is not built yet. Run `npm run build` in the Lanyard folder.\n');
    process.exit(1);
  }
  throw error;
}
fast.main(dist);
