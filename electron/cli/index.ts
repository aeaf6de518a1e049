// The full CLI (commander, every command). The `lanyard` command starts in fast.ts, which
// answers warm `credential-process`, `env` and completions itself and loads this otherwise.

// The SDK warns on every run under Node 20 about its own future releases; Lanyard pins its
// SDK version, so the warning says nothing a Lanyard user can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { run } = await import('./program.js');
const code = await run(process.argv.slice(2));
// Exit once output is flushed: idle keep-alive sockets of the SDK must not hold the CLI open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
