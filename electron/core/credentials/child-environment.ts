/**
 * The environment a command run with one role's credentials gets (`lanyard exec`): only those
 * credentials, whatever the parent had.
 *
 * The SDKs' default chains (botocore, the JS SDK, the AWS CLI, Go, Java) try the environment,
 * then the profile (AWS_PROFILE, or `default`), and only then the container endpoint. So the
 * variables that outrank the endpoint are removed, and when the `default` profile carries its
 * own credentials (keys, SSO, credential_process, an assumed role: Lanyard's own "Set default"
 * writes one), the child reads copies of the AWS files without them, or every tool in it would
 * quietly act as the default role.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  deleteKey,
  findSections,
  getEntry,
  parseAwsIni,
  serializeAwsIni,
  type AwsIniFile,
} from '../aws-files/aws-ini.js';
import type { RoleCredentials } from '../domain/model.js';
import type { Env, LanyardPaths } from '../support/paths.js';

/** Variables that would give a child other credentials than the ones Lanyard hands it. */
export const OUTRANKING_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  // Older names the Java and .NET SDKs still read.
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

/** Names the role a shell runs with, for prompts (`lanyard env` sets it too). */
export const ACTIVE_ROLE_VARIABLE = 'LANYARD_ROLE';
/** Set only inside `lanyard exec`, to the role: how a nested `exec` notices. */
export const EXEC_ROLE_VARIABLE = 'LANYARD_EXEC_ROLE';

/** Keys through which a profile supplies credentials of its own. */
const CREDENTIAL_KEYS = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'credential_process',
  'sso_session',
  'sso_start_url',
  'sso_account_id',
  'sso_role_name',
];

export type ChildCredentials =
  { kind: 'endpoint'; variables: Record<string, string> } | { kind: 'static'; credentials: RoleCredentials };

export interface ChildEnvironmentInput {
  parent: Env;
  credentials: ChildCredentials;
  region: string;
  /** For prompts: LANYARD_ROLE. */
  roleLabel: string;
  /** Copies of the AWS files without the default profile's credentials, when they were needed. */
  shadowFiles?: ShadowFiles;
}

/** The child's environment: the parent's, minus other credentials, plus this role's. */
export function childEnvironment(input: ChildEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.parent)) if (value !== undefined) env[name] = value;
  for (const name of OUTRANKING_VARIABLES) delete env[name];
  if (input.credentials.kind === 'endpoint') Object.assign(env, input.credentials.variables);
  else {
    const { credentials } = input.credentials;
    env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    env.AWS_SESSION_TOKEN = credentials.sessionToken;
    env.AWS_CREDENTIAL_EXPIRATION = new Date(credentials.expiration).toISOString();
  }
  env.AWS_REGION = input.region;
  env.AWS_DEFAULT_REGION = input.region;
  env[ACTIVE_ROLE_VARIABLE] = input.roleLabel;
  env[EXEC_ROLE_VARIABLE] = input.roleLabel;
  if (input.shadowFiles?.config) env.AWS_CONFIG_FILE = input.shadowFiles.config;
  if (input.shadowFiles?.credentials) env.AWS_SHARED_CREDENTIALS_FILE = input.shadowFiles.credentials;
  return env;
}

/** `text` without the default profile's credential keys, or undefined when it has none. */
export function withoutDefaultCredentials(text: string, file: AwsIniFile): string | undefined {
  let doc = parseAwsIni(text);
  let changed = false;
  for (;;) {
    const section = findSections(doc, 'profile', 'default', file).find((candidate) =>
      CREDENTIAL_KEYS.some((key) => getEntry(candidate, key)),
    );
    if (!section) break;
    const key = CREDENTIAL_KEYS.find((candidate) => getEntry(section, candidate)) as string;
    doc = deleteKey(doc, section, key);
    changed = true;
  }
  return changed ? serializeAwsIni(doc) : undefined;
}

export interface ShadowFiles {
  config?: string;
  credentials?: string;
  /** What the child reads instead, for one line on stderr. */
  notice: string;
  remove(): Promise<void>;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Copies of the AWS config and credentials files without the default profile's credentials,
 * in a private temporary folder, when either file gives the default profile credentials that
 * would outrank the role's; undefined when neither does. The copies keep every other setting.
 */
export async function shadowDefaultCredentials(paths: LanyardPaths): Promise<ShadowFiles | undefined> {
  const [config, credentials] = await Promise.all([
    readIfExists(paths.awsConfigFile),
    readIfExists(paths.awsCredentialsFile),
  ]);
  const shadowConfig = config === undefined ? undefined : withoutDefaultCredentials(config, 'config');
  const shadowCredentials =
    credentials === undefined ? undefined : withoutDefaultCredentials(credentials, 'credentials');
  if (shadowConfig === undefined && shadowCredentials === undefined) return undefined;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-exec-'));
  const write = async (name: string, text: string): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, text, { mode: 0o600 });
    return file;
  };
  const files = [
    shadowConfig !== undefined ? paths.awsConfigFile : undefined,
    shadowCredentials !== undefined ? paths.awsCredentialsFile : undefined,
  ].filter(Boolean);
  return {
    ...(shadowConfig !== undefined ? { config: await write('config', shadowConfig) } : {}),
    ...(shadowCredentials !== undefined ? { credentials: await write('credentials', shadowCredentials) } : {}),
    notice:
      `Your default profile has credentials of its own, which the AWS tools would use first; ` +
      `the command reads a copy of ${files.join(' and ')} without them (changes to it are not kept).`,
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
