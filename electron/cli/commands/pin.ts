import type { PinnedProfile } from '../../core/credentials/pins.js';
import { LanyardError } from '../../core/domain/errors.js';
import type { CliContext } from '../context.js';
import { formatDuration, table, terminalSafe } from '../format.js';
import { chooseRole } from '../role-argument.js';

function expiry(ctx: CliContext, pin: PinnedProfile): string {
  if (pin.expiresAt === undefined) return 'no keys (signed out)';
  const left = pin.expiresAt - ctx.clock.now();
  return left > 0 ? `keys expire in ${formatDuration(left)}` : 'keys expired';
}

/** The profile Lanyard keeps for ROLE (a profile name, ACCOUNT/ROLE or a query). */
async function profileOf(ctx: CliContext, role: string | undefined): Promise<string> {
  const chosen = await chooseRole(ctx, role, {});
  if (chosen.profile) return chosen.profile;
  throw new LanyardError(
    'NOT_FOUND',
    `${terminalSafe(chosen.label)} has no profile in ${ctx.paths.awsConfigFile} yet.`,
    'Run `lanyard sync` to write one, then pin it.',
  );
}

/**
 * `lanyard pin ROLE`: also writes the profile's temporary keys into the AWS credentials
 * file, for tools that read only that file; the agent renews them. Without ROLE, lists the
 * pinned profiles.
 */
export async function pin(ctx: CliContext, role: string | undefined): Promise<number> {
  const { pins } = ctx.core;
  // Without ROLE this lists the pins, as it always did (`lanyard pin` is how people see them).
  if (role === undefined) {
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
  const profile = await profileOf(ctx, role);
  const pinned = await pins.pin(profile);
  ctx.out(`Pinned ${profile}: its keys are in ${ctx.paths.awsCredentialsFile} (${expiry(ctx, pinned)}).`);
  ctx.out('Keep `lanyard agent` (or the Lanyard app) running to renew them before they expire.');
  return 0;
}

/** `lanyard unpin ROLE`: takes the profile's keys out of the credentials file and forgets the pin. */
export async function unpin(ctx: CliContext, role: string | undefined): Promise<number> {
  const { pins } = ctx.core;
  // A pinned profile by its name, even one whose role is gone from every list.
  const pinnedNames = (await pins.list()).map((item) => item.profile);
  const profile = role !== undefined && pinnedNames.includes(role) ? role : await profileOf(ctx, role);
  const wasPinned = await pins.unpin(profile);
  ctx.out(
    wasPinned
      ? `Unpinned ${profile}; its keys are out of ${ctx.paths.awsCredentialsFile}.`
      : `${profile} was not pinned.`,
  );
  return 0;
}
