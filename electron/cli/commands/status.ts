import { isLanyardError } from '../../core/domain/errors.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions, findSession } from '../../core/sessions/sso-sessions.js';
import { isRefreshable } from '../../core/sessions/token-cache.js';
import type { CliContext } from '../context.js';
import { formatDuration, table } from '../format.js';

export interface SessionReport {
  name: string;
  startUrl: string;
  region: string;
  signedIn: boolean;
  /** ISO 8601; absent when there is no usable token. */
  expiresAt?: string;
  expiresInSeconds?: number;
  refreshable: boolean;
  state: 'signed-in' | 'expired' | 'signed-out' | 'damaged-cache';
  problem?: string;
}

/** What we know of each session from the config and the token cache, without any network call. */
export async function sessionReports(
  ctx: CliContext,
  only?: string,
): Promise<{ reports: SessionReport[]; problems: string[] }> {
  const configured = await configuredSessions(ctx.paths);
  const sessions = only ? [findSession(configured, only, ctx.paths.awsConfigFile)] : configured.sessions;
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock });
  const now = ctx.clock.now();
  const reports = await Promise.all(
    sessions.map(async (session): Promise<SessionReport> => {
      const base = { name: session.name, startUrl: session.startUrl, region: session.region };
      try {
        const token = await tokens.read(session);
        if (!token) return { ...base, signedIn: false, refreshable: false, state: 'signed-out' };
        const refreshable = isRefreshable(token, now);
        const valid = token.expiresAt > now;
        return {
          ...base,
          signedIn: valid || refreshable,
          expiresAt: new Date(token.expiresAt).toISOString(),
          expiresInSeconds: Math.round((token.expiresAt - now) / 1000),
          refreshable,
          state: valid ? 'signed-in' : 'expired',
        };
      } catch (error) {
        if (!isLanyardError(error, 'CORRUPT_CACHE')) throw error;
        return {
          ...base,
          signedIn: false,
          refreshable: false,
          state: 'damaged-cache',
          problem: `${error.message} ${error.hint ?? ''}`.trim(),
        };
      }
    }),
  );
  return { reports, problems: configured.problems };
}

export async function status(ctx: CliContext, options: { json?: boolean; ssoSession?: string }): Promise<number> {
  const { reports, problems } = await sessionReports(ctx, options.ssoSession);
  if (options.json) {
    ctx.out(JSON.stringify({ configFile: ctx.paths.awsConfigFile, sessions: reports, problems }, null, 2));
    return 0;
  }
  if (reports.length === 0) {
    ctx.out(
      `No SSO sessions in ${ctx.paths.awsConfigFile}. Add one: lanyard login --sso-session NAME --start-url URL --region REGION`,
    );
  } else {
    const rows = [['SESSION', 'REGION', 'STATE', 'TOKEN', 'START URL']];
    for (const report of reports) {
      const token =
        report.expiresInSeconds === undefined
          ? '-'
          : report.expiresInSeconds > 0
            ? `expires in ${formatDuration(report.expiresInSeconds * 1000)}${report.refreshable ? ', refreshable' : ''}`
            : `expired${report.refreshable ? ', refreshable' : ''}`;
      rows.push([report.name, report.region, report.state, token, report.startUrl]);
    }
    ctx.out(table(rows));
    for (const report of reports) {
      if (report.problem) ctx.out(`\n${report.name}: ${report.problem}`);
    }
  }
  for (const problem of problems) ctx.err(`warning: ${problem}`);
  return 0;
}
