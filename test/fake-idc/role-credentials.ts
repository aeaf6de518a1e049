/** Role credentials the portal hands out, remembered so the sign-in endpoint can check them. */
import { opaqueToken, secretAccessKey, temporaryAccessKeyId } from './ids.js';
import type { Settings } from './options.js';

export interface IssuedRoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
  readonly accountId: string;
  readonly roleName: string;
}

/** The `Session` JSON the federation endpoint takes. */
export interface FederationSession {
  readonly sessionId: string;
  readonly sessionKey: string;
  readonly sessionToken: string;
}

const SESSION_TOKEN_BYTES = 300;

export class RoleCredentialsStore {
  private readonly byAccessKeyId = new Map<string, IssuedRoleCredentials>();

  constructor(private readonly settings: Settings) {}

  issue(accountId: string, roleName: string): IssuedRoleCredentials {
    const credentials: IssuedRoleCredentials = {
      accessKeyId: temporaryAccessKeyId(),
      secretAccessKey: secretAccessKey(),
      sessionToken: opaqueToken('IQoJb3JpZ2luX2Vj', SESSION_TOKEN_BYTES),
      expiresAt: this.settings.clock.now() + this.settings.lifetimes.roleCredentialsMs,
      accountId,
      roleName,
    };
    this.byAccessKeyId.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  /** Unexpired credentials this fake issued with that access key id. */
  find(accessKeyId: string): IssuedRoleCredentials | undefined {
    const credentials = this.byAccessKeyId.get(accessKeyId);
    return credentials && this.settings.clock.now() < credentials.expiresAt ? credentials : undefined;
  }

  /** The credentials a federation session names, if this fake issued them and they are still good. */
  verify(session: FederationSession): IssuedRoleCredentials | undefined {
    const credentials = this.byAccessKeyId.get(session.sessionId);
    const matches =
      credentials !== undefined &&
      credentials.secretAccessKey === session.sessionKey &&
      credentials.sessionToken === session.sessionToken &&
      this.settings.clock.now() < credentials.expiresAt;
    return matches ? credentials : undefined;
  }
}
