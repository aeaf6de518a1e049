import { PinnedProfiles, type PinnedProfile } from '../../core/credentials/pins.js';
import { PortalClients } from '../../core/accounts/portal-client.js';
import { RoleCredentialsProvider } from '../../core/credentials/role-credentials.js';
import { SessionTokens } from '../../core/sessions/session-tokens.js';
import { configuredSessions } from '../../core/sessions/sso-sessions.js';
import type { CliContext } from '../context.js';
import { formatDuration, table } from '../format.js';

/** PinnedProfiles over this CLI's paths, clock and a portal client per session; `close` when done. */
export function pinnedProfiles(ctx: CliContext): { pins: PinnedProfiles; close: () => void } {
  const tokens = new SessionTokens({ paths: ctx.paths, clock: ctx.clock, logger: ctx.logger });
  const portals = new PortalClients({ tokens, clock: ctx.clock, logger: ctx.logger });
  const credentials = new RoleCredentialsProvider({
    paths: ctx.paths,
    portal: (session) => portals.get(session),
    clock: ctx.clock,
    logger: ctx.logger,
  });
  const pins = new PinnedProfiles({
    paths: ctx.paths,
    credentials,
    sessions: async () => (await configuredSessions(ctx.paths)).sessions,
    clock: ctx.clock,
    logger: ctx.logger,
  });
  return { pins, close: () => portals.destroy() };
}

function expiry(ctx: CliContext, pin: PinnedProfile): string {
  if (pin.expiresAt === undefined) return 'no keys (signed out)';
  const left = pin.expiresAt - ctx.clock.now();
  return left > 0 ? `keys expire in ${formatDuration(left)}` : 'keys expired';
}

/**
 * `lanyard pin PROFILE`: also writes the profile's temporary keys into the AWS credentials
 * file, for tools that read only that file; the agent renews them. Without PROFILE, lists the
 * pinned profiles.
 */
export async function pin(ctx: CliContext, profile: string | undefined): Promise<number> {
  const { pins, close } = pinnedProfiles(ctx);
  try {
    if (profile === undefined) {
      const pinned = await pins.list();
      if (pinned.length === 0) ctx.out('No pinned profiles. Pin one with: lanyard pin PROFILE');
      else
        ctx.out(
          table([
            ['PROFILE', 'ACCOUNT', 'ROLE', 'KEYS'],
            ...pinned.map((item) => [item.profile, item.role.accountId, item.role.roleName, expiry(ctx, item)]),
          ]),
        );
      return 0;
    }
    const pinned = await pins.pin(profile);
    ctx.out(`Pinned ${profile}: its keys are in ${ctx.paths.awsCredentialsFile} (${expiry(ctx, pinned)}).`);
    ctx.out('Keep `lanyard agent` (or the Lanyard app) running to renew them before they expire.');
    return 0;
  } finally {
    close();
  }
}

/** `lanyard unpin PROFILE`: takes the profile's keys out of the credentials file and forgets the pin. */
export async function unpin(ctx: CliContext, profile: string): Promise<number> {
  const { pins, close } = pinnedProfiles(ctx);
  try {
    const wasPinned = await pins.unpin(profile);
    ctx.out(
      wasPinned
        ? `Unpinned ${profile}; its keys are out of ${ctx.paths.awsCredentialsFile}.`
        : `${profile} was not pinned.`,
    );
    return 0;
  } finally {
    close();
  }
}
