import { run } from './program.js';

const code = await run(process.argv.slice(2));
// Exit once output is flushed: idle keep-alive sockets of the SDK must not hold the CLI open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
