import { CREDENTIAL_PROCESS_COMMAND, cachedCredentialProcess } from './commands/credential-process-fast.js';

const argv = process.argv.slice(2);

// Warm `credential-process` calls are answered from the cache without loading commander or
// the AWS SDK (tools run it before every AWS command); anything else takes the full CLI.
const cached = argv[0] === CREDENTIAL_PROCESS_COMMAND ? await cachedCredentialProcess(argv.slice(1)) : undefined;
if (cached !== undefined) {
  process.stdout.write(`${cached}\n`);
} else {
  // The SDK warns on every run under Node 20 about its own future releases; Lanyard pins its
  // SDK version, so the warning says nothing a Lanyard user can act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { run } = await import('./program.js');
  const code = await run(argv);
  // Exit once output is flushed: idle keep-alive sockets of the SDK must not hold the CLI open.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
