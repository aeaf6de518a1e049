import { readAwsConfig, type SsoSessionConfig } from '../aws-files/aws-config.js';
import { LanyardError } from '../domain/errors.js';
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

/** The named session, or a clear UNKNOWN_SESSION error listing the ones that exist. */
export function findSession(configured: ConfiguredSessions, name: string, configFile: string): SsoSessionConfig {
  const session = configured.sessions.find((candidate) => candidate.name === name);
  if (session) return session;
  const problem = configured.problems.find((text) => text.includes(`[sso-session ${name}]`));
  if (problem) throw new LanyardError('CONFIG', problem);
  const known = configured.sessions.map((candidate) => candidate.name);
  throw new LanyardError(
    'UNKNOWN_SESSION',
    `There is no [sso-session ${name}] in ${configFile}.`,
    known.length > 0
      ? `Known sessions: ${known.join(', ')}. Or add this one: lanyard login --sso-session ${name} --start-url URL --region REGION`
      : `Add it: lanyard login --sso-session ${name} --start-url URL --region REGION`,
  );
}
