/** The authorization code grant with PKCE: consent requests waiting for a decision, and codes. */
import { createHash } from 'node:crypto';
import type { ClientRegistration } from './clients.js';
import { opaqueToken } from './ids.js';
import type { Settings } from './options.js';
import { ServiceError } from './wire.js';

/** What /authorize was asked for, checked again when the code is exchanged. */
export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  readonly scopes: readonly string[];
}

interface Expiring<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** base64url(sha256(verifier)) without padding: the S256 method. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class AuthorizationCodes {
  private readonly awaitingConsent = new Map<string, Expiring<AuthorizationRequest>>();
  private readonly codes = new Map<string, Expiring<AuthorizationRequest>>();

  constructor(private readonly settings: Settings) {}

  /** Parks a request until the user answers the consent page; returns its id. */
  awaitConsent(request: AuthorizationRequest): string {
    const id = opaqueToken('consent-', 16);
    this.awaitingConsent.set(id, this.expiring(request));
    return id;
  }

  /** The parked request, removed: a consent page can be answered once. */
  takeConsent(id: string): AuthorizationRequest {
    const entry = this.awaitingConsent.get(id);
    this.awaitingConsent.delete(id);
    if (!entry || this.isExpired(entry)) throw new ServiceError('InvalidRequest', 'This sign-in request has expired');
    return entry.value;
  }

  issue(request: AuthorizationRequest): string {
    const code = opaqueToken('', 32);
    this.codes.set(code, this.expiring(request));
    return code;
  }

  /** Exchanges a code once. Whatever the outcome, a presented code cannot be tried again. */
  redeem(
    client: ClientRegistration,
    code: string,
    redirectUri: string | undefined,
    codeVerifier: string | undefined,
  ): AuthorizationRequest {
    const entry = this.codes.get(code);
    if (!entry || entry.value.clientId !== client.clientId)
      throw new ServiceError('InvalidGrant', 'Invalid authorization code');
    this.codes.delete(code);
    if (this.isExpired(entry)) throw new ServiceError('ExpiredToken', 'Authorization code has expired');
    if (redirectUri !== entry.value.redirectUri)
      throw new ServiceError('InvalidGrant', 'redirectUri does not match the authorization request');
    if (!codeVerifier || !CODE_VERIFIER.test(codeVerifier))
      throw new ServiceError('InvalidRequest', 'codeVerifier is missing or malformed');
    if (s256Challenge(codeVerifier) !== entry.value.codeChallenge)
      throw new ServiceError('InvalidGrant', 'codeVerifier does not match the code challenge');
    return entry.value;
  }

  private expiring(request: AuthorizationRequest): Expiring<AuthorizationRequest> {
    return { value: request, expiresAt: this.settings.clock.now() + this.settings.lifetimes.authCodeMs };
  }

  private isExpired(entry: Expiring<unknown>): boolean {
    return this.settings.clock.now() >= entry.expiresAt;
  }
}
