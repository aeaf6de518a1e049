/**
 * The warm `lanyard credential-process` path: hand-parsed flags, one cache file read, one line
 * printed. It loads neither commander nor the AWS SDK, so a tool calling us on every run pays
 * little more than Node's own start-up. Anything it cannot answer (a cold or stale cache, an
 * unusual command line) goes to the full command, which also reports errors.
 */
import { resolvePaths } from '../../core/support/paths.js';
import { credentialProcessOutput, readCachedRoleCredentials } from '../../core/credentials/role-credentials-cache.js';

export const CREDENTIAL_PROCESS_COMMAND = 'credential-process';

const FLAGS = { '--sso-session': 'sessionName', '--account-id': 'accountId', '--role-name': 'roleName' } as const;
type FlagName = keyof typeof FLAGS;

export interface CredentialProcessArgs {
  sessionName: string;
  accountId: string;
  roleName: string;
}

/** `--flag value` and `--flag=value` for the three flags; undefined for anything else. */
export function parseCredentialProcessArgs(args: readonly string[]): CredentialProcessArgs | undefined {
  const values: Partial<CredentialProcessArgs> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    const equals = arg.indexOf('=');
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    if (!Object.hasOwn(FLAGS, flag)) return undefined;
    const value = equals > 0 ? arg.slice(equals + 1) : args[++index];
    if (!value || value.startsWith('--')) return undefined;
    values[FLAGS[flag as FlagName]] = value;
  }
  const { sessionName, accountId, roleName } = values;
  return sessionName && accountId && roleName ? { sessionName, accountId, roleName } : undefined;
}

/** The credential_process JSON from the cache, or undefined when the full command must run. */
export async function cachedCredentialProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const parsed = parseCredentialProcessArgs(args);
  if (!parsed) return undefined;
  const credentials = await readCachedRoleCredentials(resolvePaths(env).cliCacheDir, parsed, Date.now());
  return credentials ? credentialProcessOutput(credentials) : undefined;
}
