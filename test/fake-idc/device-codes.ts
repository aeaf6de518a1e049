/** The device authorization grant (RFC 8628): device codes, user codes, approval and polling. */
import type { ClientRegistration } from './clients.js';
import { opaqueToken, USER_CODE_HALF_LENGTH, userCode } from './ids.js';
import { SECOND, type Settings } from './options.js';
import { ServiceError } from './wire.js';

type DeviceStatus = 'pending' | 'approved' | 'denied' | 'redeemed';

export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly startUrl: string;
  readonly expiresAt: number;
  status: DeviceStatus;
  lastPolledAt?: number;
}

export class DeviceAuthorizations {
  private readonly byDeviceCode = new Map<string, DeviceAuthorization>();
  private readonly byUserCode = new Map<string, DeviceAuthorization>();

  constructor(private readonly settings: Settings) {}

  start(client: ClientRegistration, startUrl: string): DeviceAuthorization {
    const authorization: DeviceAuthorization = {
      deviceCode: opaqueToken('', 32),
      userCode: this.unusedUserCode(),
      clientId: client.clientId,
      clientName: client.clientName,
      startUrl,
      expiresAt: this.settings.clock.now() + this.settings.lifetimes.deviceCodeMs,
      status: this.settings.approval === 'auto' ? 'approved' : 'pending',
    };
    this.byDeviceCode.set(authorization.deviceCode, authorization);
    this.byUserCode.set(authorization.userCode, authorization);
    return authorization;
  }

  /** A device authorization still waiting for someone to decide, by the code the user sees. */
  awaitingDecision(code: string): DeviceAuthorization {
    const authorization = this.byUserCode.get(normalizeUserCode(code));
    if (!authorization || this.isExpired(authorization)) {
      throw new ServiceError('InvalidRequest', 'Unknown or expired user code');
    }
    if (authorization.status !== 'pending') {
      throw new ServiceError('InvalidRequest', `This request was already ${authorization.status}`);
    }
    return authorization;
  }

  approve(code: string): void {
    this.awaitingDecision(code).status = 'approved';
  }

  deny(code: string): void {
    this.awaitingDecision(code).status = 'denied';
  }

  /**
   * One CreateToken poll. In order: unknown code, expired, polled sooner than the interval
   * after the previous poll (SlowDown), denied, still pending, else the code is spent.
   */
  redeem(client: ClientRegistration, deviceCode: string): DeviceAuthorization {
    const authorization = this.byDeviceCode.get(deviceCode);
    if (!authorization || authorization.clientId !== client.clientId || authorization.status === 'redeemed') {
      throw new ServiceError('InvalidGrant', 'Invalid device code');
    }
    if (this.isExpired(authorization)) throw new ServiceError('ExpiredToken', 'Device code has expired');
    const now = this.settings.clock.now();
    const previousPoll = authorization.lastPolledAt;
    authorization.lastPolledAt = now;
    if (previousPoll !== undefined && now - previousPoll < this.settings.pollIntervalSeconds * SECOND) {
      throw new ServiceError('SlowDown', 'Client is polling too quickly');
    }
    if (authorization.status === 'denied') throw new ServiceError('AccessDenied', 'The user denied the request');
    if (authorization.status === 'pending') throw new ServiceError('AuthorizationPending', 'Authorization is pending');
    authorization.status = 'redeemed';
    return authorization;
  }

  private isExpired(authorization: DeviceAuthorization): boolean {
    return this.settings.clock.now() >= authorization.expiresAt;
  }

  private unusedUserCode(): string {
    let code = userCode();
    while (this.byUserCode.has(code)) code = userCode();
    return code;
  }
}

/** People type codes in lower case and without the dash. */
function normalizeUserCode(code: string): string {
  const compact = code.toUpperCase().replace(/[^A-Z]/g, '');
  if (compact.length !== 2 * USER_CODE_HALF_LENGTH) return compact;
  return `${compact.slice(0, USER_CODE_HALF_LENGTH)}-${compact.slice(USER_CODE_HALF_LENGTH)}`;
}
