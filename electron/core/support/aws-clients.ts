import type { SSOClient } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';

/**
 * SDK clients for the two Identity Center APIs. The SDK modules are imported lazily: loading
 * them costs ~100 ms, and the hot paths (a warm `credential_process` call, `lanyard status`)
 * must not pay for it. Both clients honour AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO.
 */
export type OidcSdk = typeof import('@aws-sdk/client-sso-oidc');
export type PortalSdk = typeof import('@aws-sdk/client-sso');

/** Seconds-scale timeouts: a hung connection must turn into a retry, not a stuck refresh. */
const REQUEST_HANDLER = { connectionTimeout: 5_000, requestTimeout: 15_000 };

let oidcSdk: Promise<OidcSdk> | undefined;
let portalSdk: Promise<PortalSdk> | undefined;

export function loadOidcSdk(): Promise<OidcSdk> {
  oidcSdk ??= import('@aws-sdk/client-sso-oidc');
  return oidcSdk;
}

export function loadPortalSdk(): Promise<PortalSdk> {
  portalSdk ??= import('@aws-sdk/client-sso');
  return portalSdk;
}

export async function createOidcClient(region: string, options: { maxAttempts?: number } = {}): Promise<SSOOIDCClient> {
  const sdk = await loadOidcSdk();
  return new sdk.SSOOIDCClient({ region, maxAttempts: options.maxAttempts ?? 3, requestHandler: REQUEST_HANDLER });
}

/**
 * The portal client. Retries are Lanyard's own (see portal-client.ts), so the SDK makes
 * one attempt per call.
 */
export async function createPortalClient(region: string): Promise<SSOClient> {
  const sdk = await loadPortalSdk();
  return new sdk.SSOClient({ region, maxAttempts: 1, requestHandler: REQUEST_HANDLER });
}
