import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { PYTHON } from './python.js';

const run = promisify(execFile);

/**
 * The AWS CLIs, as argv prefixes. v1 is the pip package beside botocore (`python3 -m awscli`,
 * honours AWS_ENDPOINT_URL_*), found through the same Python as botocore rather than PATH,
 * where Debian's v2 may come first. v2 is Debian's /usr/bin/aws (2.9: no endpoint variables).
 */
export const AWS_CLI_V1: readonly string[] = [PYTHON, '-m', 'awscli'];
export const AWS_CLI_V2: readonly string[] = ['/usr/bin/aws'];
export const hasAwsCliV2 = existsSync(AWS_CLI_V2[0] as string);

export interface CallerIdentity {
  Account: string;
  Arn: string;
}

/** `aws sts get-caller-identity` with a profile, through the fake's STS. */
export async function callerIdentity(
  cli: readonly string[],
  profile: string,
  env: Record<string, string>,
  endpointUrl?: string,
): Promise<CallerIdentity> {
  const [command, ...prefix] = cli;
  const args = [
    ...prefix,
    'sts',
    'get-caller-identity',
    '--profile',
    profile,
    '--output',
    'json',
    '--region',
    'us-east-1',
  ];
  if (endpointUrl) args.push('--endpoint-url', endpointUrl);
  const { stdout } = await run(command as string, args, { env, timeout: 60_000 });
  return JSON.parse(stdout) as CallerIdentity;
}
