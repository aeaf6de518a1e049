import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** AWS CLI v1 (pip, botocore: honours AWS_ENDPOINT_URL_*) and v2 (Debian's /usr/bin/aws). */
export const AWS_CLI_V1 = process.env.LANYARD_TEST_AWS_V1 ?? 'aws';
export const AWS_CLI_V2 = '/usr/bin/aws';
export const hasAwsCliV2 = existsSync(AWS_CLI_V2);

export interface CallerIdentity {
  Account: string;
  Arn: string;
}

/** `aws sts get-caller-identity` with a profile, through the fake's STS. */
export async function callerIdentity(cli: string, profile: string, env: Record<string, string>, endpointUrl?: string): Promise<CallerIdentity> {
  const args = ['sts', 'get-caller-identity', '--profile', profile, '--output', 'json', '--region', 'us-east-1'];
  if (endpointUrl) args.push('--endpoint-url', endpointUrl);
  const { stdout } = await run(cli, args, { env, timeout: 60_000 });
  return JSON.parse(stdout) as CallerIdentity;
}
