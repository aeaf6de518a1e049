import { readAwsConfig, type SsoSessionConfig } from '../aws-files/aws-config.js';
import { ADD_SESSION_COMMAND, LanyardError } from '../domain/errors.js';
import type { LanyardPaths } from '../support/paths.js';

export interface ConfiguredSessions {
  sessions: SsoSessionConfig[];
  /** Sections that could not be used, with what to fix. */
  problems: string[];
}

/** The `[sso-session NAME]` sections of the AWS config file, in file order. */
export async function configuredSessions(paths: LanyardPaths): Promise<ConfiguredSessions> {
  const config = await readAwsConfig(paths);
  return { sessions: [...config.ssoSessions.values()], problems: config.problems };
}

/** "No SSO sessions in FILE", with how to add one. */
export function noSessionsError(configFile: string): LanyardError {
  return new LanyardError('CONFIG', `No SSO sessions in ${configFile}.`, `Add one: ${ADD_SESSION_COMMAND}`);
}

/** The named session, or a clear UNKNOWN_SESSION error listing the ones that exist. */
export function findSession(configured: ConfiguredSessions, name: string, configFile: string): SsoSessionConfig {
  const session = configured.sessions.find((candidate) => candidate.name === name);
  if (session) return session;
  const problem = configured.problems.find((text) => text.includes(`[sso-session ${name}]`));
  if (problem) throw new LanyardError('CONFIG', problem);
  const known = configured.sessions.map((candidate) => candidate.name);
  const add = `lanyard login --sso-session ${name} --start-url URL --region REGION`;
  throw new LanyardError(
    'UNKNOWN_SESSION',
    `There is no [sso-session ${name}] in ${configFile}.`,
    known.length > 0 ? `Known sessions: ${known.join(', ')}. Or add this one: ${add}` : `Add it: ${add}`,
  );
}

/**
 * The configured sso-sessions, read from the AWS config on `load` and kept for synchronous
 * use (the background engine reloads them when the file changes). Commands choose from them
 * with `select` (`--sso-session NAME`, or every session) and `selectOne`.
 */
export class SessionConfigs {
  private loaded?: ConfiguredSessions;

  constructor(private readonly paths: LanyardPaths) {}

  /** Reads the config file now. */
  async load(): Promise<ConfiguredSessions> {
    this.loaded = await configuredSessions(this.paths);
    return this.loaded;
  }

  /** The sessions as last loaded (none before the first load). */
  get list(): readonly SsoSessionConfig[] {
    return this.loaded?.sessions ?? [];
  }

  get problems(): readonly string[] {
    return this.loaded?.problems ?? [];
  }

  /** The sessions as last loaded, loading them the first time. */
  async current(): Promise<SsoSessionConfig[]> {
    return (this.loaded ?? (await this.load())).sessions;
  }

  /**
   * `--sso-session NAME` (that one) or every session, read from the file now. With
   * `allowNone`, no sessions at all is an empty list instead of an error saying how to add one.
   */
  async select(name: string | undefined, options: { allowNone?: boolean } = {}): Promise<SsoSessionConfig[]> {
    const configured = await this.load();
    if (name !== undefined) return [findSession(configured, name, this.paths.awsConfigFile)];
    if (configured.sessions.length === 0 && !options.allowNone) throw noSessionsError(this.paths.awsConfigFile);
    return configured.sessions;
  }

  /** `--sso-session NAME`, or the only session; several without a name is a usage error naming them. */
  async selectOne(name: string | undefined): Promise<SsoSessionConfig> {
    const sessions = await this.select(name);
    if (sessions.length === 1) return sessions[0] as SsoSessionConfig;
    throw new LanyardError(
      'USAGE',
      'Several SSO sessions are configured; say which one with --sso-session NAME.',
      `One of: ${sessions.map((session) => session.name).join(', ')}`,
    );
  }
}
