#!/usr/bin/env node
// Entry for the `lanyard` command. The TypeScript sources are compiled to dist/ by
// `npm install` (the `prepare` script) or `npm run build`.
import('../dist/electron/cli/index.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/electron/cli')) {
    process.stderr.write('lanyard: the CLI is not built yet. Run `npm run build` in the Lanyard folder.\n');
    process.exit(1);
  }
  throw error;
});
