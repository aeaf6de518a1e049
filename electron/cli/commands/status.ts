import { isLanyardError } from '../../core/domain/errors.js';
import { SESSION_HEALTH_LABELS, cachedTokenHealth, isSignedIn } from '../../core/domain/session-health.js';
import type { SessionHealth } from '../../core/domain/views.js';
import {
  CLOCK_SKEW_FIX,
  type ClockSkewRecord,
  describeClockSkew,
  isClockSkewed,
  readClockSkewRecord,
} from '../../core/sessions/service-clock.js';
import { noSessionsError } from '../../core/sessions/sso-sessions.js';
import { isRefreshable } from '../../core/sessions/token-cache.js';
import type { CliContext } from '../context.js';
import { describeSafely, formatDuration, jsonText, table, terminalSafe, withTerminalSafeErrors } from '../format.js';

interface SessionReport {
  name: string;
  startUrl: string;
  region: string;
  signedIn: boolean;
  /** ISO 8601; absent when there is no usable token. */
  expiresAt?: string;
  expiresInSeconds?: number;
  refreshable: boolean;
  /** The same names the app and the agent use (SessionHealth). */
  state: SessionHealth;
  problem?: string;
}

/** What we know of each session from the config and the token cache, without any network call. */
async function sessionReports(
  ctx: CliContext,
  only?: string,
  skew?: ClockSkewRecord,
): Promise<{ reports: SessionReport[]; problems: string[] }> {
  const sessions = await ctx.core.sessions.select(only, { allowNone: true });
  const now = ctx.clock.now();
  // The registration's expiry is in the service's time; the token's was worked out on this clock.
  const serviceNow = now + (skew?.skewMs ?? 0);
  const reports = await Promise.all(
    sessions.map(async (session): Promise<SessionReport> => {
      const base = { name: session.name, startUrl: session.startUrl, region: session.region };
      try {
        const token = await ctx.core.tokens.read(session);
        const refreshable = token !== undefined && isRefreshable(token, serviceNow);
        const state = cachedTokenHealth(token && { expiresAt: token.expiresAt, refreshable }, now);
        if (!token) return { ...base, signedIn: false, refreshable: false, state };
        return {
          ...base,
          signedIn: isSignedIn(state),
          expiresAt: new Date(token.expiresAt).toISOString(),
          expiresInSeconds: Math.round((token.expiresAt - now) / 1000),
          refreshable,
          state,
        };
      } catch (error) {
        if (!isLanyardError(error, 'CORRUPT_CACHE')) throw error;
        const problem = `${error.message} ${error.hint ?? ''}`.trim();
        return { ...base, signedIn: false, refreshable: false, state: 'corrupt', problem };
      }
    }),
  );
  return { reports, problems: [...ctx.core.sessions.problems] };
}

/** Every line for people is terminal-safe (format.ts); --json is exact. */
export function status(ctx: CliContext, options: { json?: boolean; ssoSession?: string }): Promise<number> {
  return withTerminalSafeErrors(() => printStatus(ctx, options));
}

async function printStatus(ctx: CliContext, options: { json?: boolean; ssoSession?: string }): Promise<number> {
  // No request here: the skew is the one the last Lanyard process to reach Identity Center saw.
  const record = await readClockSkewRecord(ctx.paths.dataDir);
  const skew = isClockSkewed(record?.skewMs) ? record : undefined;
  const { reports, problems } = await sessionReports(ctx, options.ssoSession, skew);
  if (options.json) {
    const clockSkew = skew
      ? { clockSkew: { skewMs: skew.skewMs, observedAt: new Date(skew.observedAt).toISOString() } }
      : {};
    ctx.out(jsonText({ configFile: ctx.paths.awsConfigFile, sessions: reports, problems, ...clockSkew }, 2));
    return 0;
  }
  if (reports.length === 0) {
    ctx.out(describeSafely(noSessionsError(ctx.paths.awsConfigFile)));
  } else {
    const rows = [['SESSION', 'REGION', 'STATE', 'TOKEN', 'START URL']];
    for (const report of reports) {
      const token =
        report.expiresInSeconds === undefined
          ? '-'
          : report.expiresInSeconds > 0
            ? `expires in ${formatDuration(report.expiresInSeconds * 1000)}${report.refreshable ? ', refreshable' : ''}`
            : `expired${report.refreshable ? ', refreshable' : ''}`;
      rows.push([
        report.name,
        report.region,
        SESSION_HEALTH_LABELS[report.state].toLowerCase(),
        token,
        report.startUrl,
      ]);
    }
    ctx.out(table(rows));
    for (const report of reports) {
      if (report.problem) ctx.out(`\n${terminalSafe(report.name)}: ${terminalSafe(report.problem)}`);
    }
  }
  for (const problem of problems) ctx.err(`warning: ${terminalSafe(problem)}`);
  if (skew) ctx.err(`warning: ${describeClockSkew(skew.skewMs)}. ${CLOCK_SKEW_FIX}`);
  return 0;
}
