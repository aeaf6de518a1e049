import type { Clock } from '../../electron/core/support/clock.js';
import type { AccountSpec } from './organization.js';

export const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long each thing the fake hands out stays good, in milliseconds. */
export interface Lifetimes {
  /** An access token; never beyond its SSO session's end. */
  accessTokenMs: number;
  /** The SSO session a sign-in starts; refresh stops working after it. */
  ssoSessionMs: number;
  /** A client registration (clientSecretExpiresAt). */
  registrationMs: number;
  /** A device code from StartDeviceAuthorization (expiresIn). */
  deviceCodeMs: number;
  /** An authorization code from /authorize. */
  authCodeMs: number;
  /** Role credentials from GetRoleCredentials. */
  roleCredentialsMs: number;
  /** A console sign-in token from getSigninToken. */
  signinTokenMs: number;
}

export const DEFAULT_LIFETIMES: Readonly<Lifetimes> = {
  accessTokenMs: 1 * HOUR,
  ssoSessionMs: 8 * HOUR,
  registrationMs: 90 * DAY,
  deviceCodeMs: 10 * MINUTE,
  authCodeMs: 5 * MINUTE,
  roleCredentialsMs: 1 * HOUR,
  signinTokenMs: 15 * MINUTE,
};

/** Seconds a device-flow client must wait between CreateToken polls (the real service says 1). */
export const DEFAULT_POLL_INTERVAL_SECONDS = 1;

/**
 * `auto`: device codes are approved the moment they are issued and /authorize redirects
 * straight back with a code. `manual`: someone must approve, on the fake's pages or through
 * `approveDevice` / `denyDevice`.
 */
export type ApprovalMode = 'auto' | 'manual';

/** A token bucket over the portal operations: `burst` calls at once, refilled at `ratePerSecond`. */
export interface ThrottleOptions {
  ratePerSecond: number;
  burst: number;
}

export interface FakeIdentityCenterOptions {
  /** Source of "now" for every expiry. Default: the system clock. */
  clock?: Clock;
  /** A number of generated accounts (default 12), or the exact accounts to serve. */
  accounts?: number | readonly AccountSpec[];
  /** Roles per generated account (default 2). Ignored for an explicit account list. */
  rolesPerAccount?: number;
  lifetimes?: Partial<Lifetimes>;
  approval?: ApprovalMode;
  pollIntervalSeconds?: number;
  /** Real-time delay added to every request, in milliseconds. */
  latencyMs?: number;
  throttle?: ThrottleOptions;
  /** Receives one line per request (operation, status, time). Never given secrets. */
  log?: (line: string) => void;
  /**
   * Serve HTTPS with this key and certificate (PEM) instead of plain HTTP; the certificate
   * should name 127.0.0.1 (see test/support/test-ca.ts).
   */
  tls?: { key: string; cert: string };
  /**
   * Every answer's Date header is this far from the real time (ms; negative: behind), as a
   * service seen from a computer whose clock is wrong. Default 0: Node's own Date header.
   */
  dateOffsetMs?: number;
}

/** The live settings every part of the fake reads; the knobs on FakeIdentityCenter change them. */
export interface Settings {
  readonly clock: Clock;
  lifetimes: Lifetimes;
  approval: ApprovalMode;
  pollIntervalSeconds: number;
}
