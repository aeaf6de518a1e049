import type { SsoSessionConfig } from '../../electron/core/aws-files/aws-config.js';
import type { LanyardPaths } from '../../electron/core/support/paths.js';
import { writeCachedToken } from '../../electron/core/sessions/token-cache.js';
import type { IssuedSession } from '../fake-idc/index.js';

/** Writes a session the fake minted (issueSession) to the token cache, as a finished login would. */
export async function seedIssuedSession(
  paths: LanyardPaths,
  session: Pick<SsoSessionConfig, 'name' | 'startUrl' | 'region'>,
  issued: IssuedSession,
): Promise<void> {
  await writeCachedToken(paths, session.name, {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: issued.accessToken,
    expiresAt: Date.parse(issued.expiresAt),
    clientId: issued.clientId,
    clientSecret: issued.clientSecret,
    registrationExpiresAt: Date.parse(issued.registrationExpiresAt),
    refreshToken: issued.refreshToken,
  });
}
