import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LanyardPaths, resolvePaths } from '../../electron/core/support/paths.js';

export interface TempHome {
  home: string;
  /** Environment for child processes and resolvePaths: HOME here, nothing from the real ~/.aws. */
  env: Record<string, string>;
  paths: LanyardPaths;
  cleanup(): void;
}

/** Variables that could point a test at the developer's real AWS setup, or through their network's proxy. */
const SCRUBBED =
  /^(AWS_|LANYARD_|XDG_CONFIG_HOME$|APPDATA$|USERPROFILE$|HOME$|NODE_EXTRA_CA_CERTS$)|^(https?|no|all)_proxy$/i;

/** A private HOME for one test: every file Lanyard or an AWS tool writes lands under it. */
export function createTempHome(extraEnv: Record<string, string> = {}): TempHome {
  const home = mkdtempSync(path.join(os.tmpdir(), 'lanyard-test-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !SCRUBBED.test(key)) env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    LANYARD_DATA_DIR: path.join(home, 'lanyard-data'),
    // botocore/the AWS CLI must never wander off to instance metadata in tests.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extraEnv,
  });
  return {
    home,
    env,
    paths: resolvePaths(env),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
