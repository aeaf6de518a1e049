/**
 * Answers that must cost little more than Node's own start-up, because tools run them on
 * every AWS call or every key press: warm `credential-process` and `env` (from the role
 * credential cache) and `__complete` (from the stored account lists). They load neither
 * commander nor the AWS SDK, and the build bundles this file into one CommonJS file
 * (dist/lanyard-fast.cjs), which loads faster than a tree of ES modules. Anything they cannot
 * answer (a cold cache, an ambiguous role, an unusual command line) goes to the full CLI,
 * which also reports every error.
 */
import { writeSync } from 'node:fs';
import { RoleDirectory, type ResolvedRole, profileRole } from '../core/accounts/role-directory.js';
import { quickProfileLookup } from '../core/aws-files/quick-profile.js';
import type { SsoSessionConfig } from '../core/aws-files/aws-config.js';
import { defaultExportFormat, exportCredentials, exportFormatNamed } from '../core/credentials/credential-exports.js';
import { credentialProcessOutput, readCachedRoleCredentials } from '../core/credentials/role-credentials-cache.js';
import type { RoleCredentials, RoleRef } from '../core/domain/model.js';
import { type Settings, regionFor } from '../core/domain/settings.js';
import { type Env, type LanyardPaths, resolvePaths } from '../core/support/paths.js';
import { JsonFilePreferencesStore, normalizePreferences } from '../core/support/preferences.js';
import { readText } from '../core/support/read-text.js';
import { completeCandidates } from './complete-candidates.js';

/** Flags with a value each command's fast path understands; anything else goes to the full CLI. */
const VALUE_FLAGS: Record<string, readonly string[]> = {
  'credential-process': ['--sso-session', '--account-id', '--role-name'],
  env: ['--sso-session', '--account-id', '--role-name', '--format', '--region'],
};

interface ParsedArgs {
  flags: Map<string, string>;
  role?: string;
}

/** `--flag value`, `--flag=value` and at most one positional ROLE; undefined for anything else. */
export function parseFastArgs(command: string, args: readonly string[]): ParsedArgs | undefined {
  const known = VALUE_FLAGS[command];
  if (!known) return undefined;
  const flags = new Map<string, string>();
  let role: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (!arg.startsWith('-')) {
      if (role !== undefined) return undefined;
      role = arg;
      continue;
    }
    const equals = arg.indexOf('=');
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    if (!known.includes(flag) || flags.has(flag)) return undefined;
    const value = equals > 0 ? arg.slice(equals + 1) : args[++index];
    if (!value || value.startsWith('-')) return undefined;
    flags.set(flag, value);
  }
  return { flags, ...(role !== undefined ? { role } : {}) };
}

function legacyRef(flags: Map<string, string>): RoleRef | undefined {
  const sessionName = flags.get('--sso-session');
  const accountId = flags.get('--account-id');
  const roleName = flags.get('--role-name');
  return sessionName && accountId && roleName ? { sessionName, accountId, roleName } : undefined;
}

interface FoundRole {
  role: ResolvedRole;
  session: SsoSessionConfig;
  settings: Settings;
}

// Looks only: whoever runs these never sees their stderr, so a damaged file is left for the full CLI to report.
const settingsOf = (paths: LanyardPaths): Settings =>
  normalizePreferences(new JsonFilePreferencesStore(paths.dataDir, { setAside: false }).read()).settings;

/** A profile name read straight from the config text, when the quick reader can (see quick-profile.ts). */
async function quickProfile(paths: LanyardPaths, name: string, sessionName?: string): Promise<FoundRole | undefined> {
  const text = await readText(paths.awsConfigFile).catch(() => undefined);
  const quick = text === undefined ? undefined : quickProfileLookup(text, name);
  if (!quick?.profile) return undefined;
  const sessions: SsoSessionConfig[] = [];
  for (const [sessionKey, values] of quick.sessions) {
    if (values.sso_start_url && values.sso_region)
      sessions.push({
        name: sessionKey,
        startUrl: values.sso_start_url,
        region: values.sso_region,
        registrationScopes: [],
      });
  }
  const found = profileRole(quick.profile, sessions);
  const session = found && sessions.find((candidate) => candidate.name === found.ref.sessionName);
  if (!found || !session || (sessionName !== undefined && session.name !== sessionName)) return undefined;
  const role: ResolvedRole = {
    ref: found.ref,
    label: name,
    profile: name,
    ...(found.region ? { region: found.region } : {}),
  };
  return { role, session, settings: settingsOf(paths) };
}

/** The one role the arguments name, from local files, with its session; undefined when it takes the full CLI to say. */
async function resolveRole(paths: LanyardPaths, parsed: ParsedArgs): Promise<FoundRole | undefined> {
  const legacy = legacyRef(parsed.flags);
  if (legacy ? parsed.role !== undefined : parsed.role === undefined) return undefined;
  const sessionName = parsed.flags.get('--sso-session');
  const quick = legacy ? undefined : await quickProfile(paths, parsed.role as string, sessionName);
  if (quick) return quick;
  const directory = await RoleDirectory.load(paths, sessionName ? { sessionName } : {});
  const match = legacy ? undefined : directory.find(parsed.role as string);
  const role = legacy ? directory.resolved(legacy) : match?.kind === 'one' ? match.role : undefined;
  const session = role && directory.sessions.find((candidate) => candidate.name === role.ref.sessionName);
  return role && session ? { role, session, settings: directory.settings } : undefined;
}

const cached = (paths: LanyardPaths, ref: RoleRef): Promise<RoleCredentials | undefined> =>
  readCachedRoleCredentials(paths.cliCacheDir, ref, Date.now());

async function credentialProcessAnswer(paths: LanyardPaths, parsed: ParsedArgs): Promise<string | undefined> {
  // The form every profile written so far uses: no config to read at all.
  const legacy = parsed.role === undefined ? legacyRef(parsed.flags) : undefined;
  const ref = legacy ?? (await resolveRole(paths, parsed))?.role.ref;
  const credentials = ref && (await cached(paths, ref));
  return credentials ? credentialProcessOutput(credentials) : undefined;
}

async function envAnswer(paths: LanyardPaths, parsed: ParsedArgs): Promise<string | undefined> {
  const formatName = parsed.flags.get('--format');
  const format = formatName === undefined ? defaultExportFormat(process.platform) : exportFormatNamed(formatName);
  const resolved = format && (await resolveRole(paths, parsed));
  const credentials = resolved && (await cached(paths, resolved.role.ref));
  if (!format || !resolved || !credentials) return undefined;
  const { role, session, settings } = resolved;
  const region = regionFor(settings, session.region, parsed.flags.get('--region') ?? role.region);
  try {
    return exportCredentials(credentials, { format, region, role: role.label });
  } catch {
    // A value the format cannot hold: the full command says so.
    return undefined;
  }
}

/** The fast answer to a command line, or undefined when the full CLI must run. Never throws. */
export async function fastAnswer(argv: readonly string[], env: Env): Promise<string | undefined> {
  const [command, ...args] = argv;
  try {
    if (command === '__complete') {
      const [kind, prefix = ''] = args;
      if ((kind !== 'roles' && kind !== 'sessions') || args.length > 2) return undefined;
      return (await completeCandidates(kind, prefix, resolvePaths(env))).join('\n');
    }
    if (command !== 'credential-process' && command !== 'env') return undefined;
    const parsed = parseFastArgs(command, args);
    if (!parsed) return undefined;
    const paths = resolvePaths(env);
    return command === 'env' ? await envAnswer(paths, parsed) : await credentialProcessAnswer(paths, parsed);
  } catch {
    return undefined;
  }
}

/** Writes all of `text` to a file descriptor, however a pipe splits it (EAGAIN on a non-blocking one is retried). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length;) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/**
 * The `lanyard` command: a fast answer when there is one, else the full CLI (an ES module
 * tree in `distDir`, loaded only then).
 */
export async function main(distDir: string): Promise<void> {
  const argv = process.argv.slice(2);
  const answer = await fastAnswer(argv, process.env);
  if (answer !== undefined) {
    // Straight to file descriptor 1: setting up process.stdout costs about a millisecond.
    writeAll(1, answer.endsWith('\n') || answer === '' ? answer : `${answer}\n`);
    return;
  }
  const { pathToFileURL } = await import('node:url');
  const { join } = await import('node:path');
  await import(pathToFileURL(join(distDir, 'electron', 'cli', 'index.js')).href);
}
