// Builds everything Lanyard runs from: the core, CLI and Electron main process (tsc),
// the sandboxed preload (one CommonJS file, as Electron's sandbox requires) and the
// renderer (Vite). Usage: node scripts/build.mjs [--skip-renderer]
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const skipRenderer = process.argv.includes('--skip-renderer');

/** Runs a package's own script, found from its package.json (Vite 8 exports no bin/ path). */
function run(pkg, script, args) {
  const entry = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), script);
  execFileSync(process.execPath, [entry, ...args], { cwd: root, stdio: 'inherit' });
}

rmSync(path.join(root, 'dist/electron'), { recursive: true, force: true });
run('typescript', 'bin/tsc', ['-p', 'tsconfig.build.json']);

const preload = path.join(root, 'electron/preload/index.ts');
if (existsSync(preload)) {
  const esbuild = await import('esbuild');
  await esbuild
    .build({
      entryPoints: [preload],
      outfile: path.join(root, 'dist/electron/preload/index.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
      logLevel: 'warning',
    })
    .catch(() => process.exit(1));
}

// The `lanyard` command's entry (bin/lanyard.js loads it): the fast answers (warm
// credential-process, env, completions) in one CommonJS file, which Node loads in a fraction
// of the time a tree of ES modules takes. It loads the full CLI (dist/electron/cli) when needed.
{
  const esbuild = await import('esbuild');
  await esbuild
    .build({
      entryPoints: [path.join(root, 'electron/cli/fast.ts')],
      outfile: path.join(root, 'dist/lanyard-fast.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // proper-lockfile is loaded on first lock, which the fast paths never take.
      external: ['proper-lockfile'],
      // Less to read and parse on every call; the fast paths report no stack traces.
      minify: true,
      logLevel: 'warning',
    })
    .catch(() => process.exit(1));
}

if (!skipRenderer && existsSync(path.join(root, 'renderer/index.html'))) {
  run('vite', 'bin/vite.js', ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
}
chmodSync(path.join(root, 'bin/lanyard.js'), 0o755);
