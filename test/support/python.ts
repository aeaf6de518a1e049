import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../interop/py');

/** python3 with botocore/boto3 (the pyenv one on this machine and CI); LANYARD_TEST_PYTHON overrides it. */
export const PYTHON = process.env.LANYARD_TEST_PYTHON ?? 'python3';

/** Runs a script from test/interop/py with the given environment and parses its JSON output. */
export async function runPythonJson<T>(script: string, args: string[], env: Record<string, string>): Promise<T> {
  const { stdout } = await run(PYTHON, [path.join(PY_DIR, script), ...args], { env, timeout: 60_000 });
  return JSON.parse(stdout) as T;
}
