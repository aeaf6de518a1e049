import type { PinnedProfile } from '../../core/credentials/pins.js';
import type { CliContext } from '../context.js';
import { formatDuration, table } from '../format.js';

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
  const { pins } = ctx.core;
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
}

/** `lanyard unpin PROFILE`: takes the profile's keys out of the credentials file and forgets the pin. */
export async function unpin(ctx: CliContext, profile: string): Promise<number> {
  const { pins } = ctx.core;
  const wasPinned = await pins.unpin(profile);
  ctx.out(
    wasPinned
      ? `Unpinned ${profile}; its keys are out of ${ctx.paths.awsCredentialsFile}.`
      : `${profile} was not pinned.`,
  );
  return 0;
}
