import type { SSOClient, SSOClientConfig } from '@aws-sdk/client-sso';
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';

/**
 * SDK clients for the two Identity Center APIs. The SDK modules are imported lazily: loading
 * them costs ~100 ms, and the hot paths (a warm `credential_process` call, `lanyard status`)
 * must not pay for it. Both clients honour AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO.
 */
export type OidcSdk = typeof import('@aws-sdk/client-sso-oidc');
export type PortalSdk = typeof import('@aws-sdk/client-sso');

/**
 * Makes the request handler of each new SDK client. The default sends requests through the
 * process's network (network/agent.ts: proxies, trusted roots, failures in words, and the
 * seconds-scale timeouts that turn a hung connection into a retry). The desktop app installs
 * its own (Electron's network stack) through the services' `requestHandler` option. A factory,
 * not one handler, because destroying a client destroys its handler's connections. The
 * network module is imported on first use, like the SDK: commands that make no request
 * (`lanyard status`) do not load the proxy agents.
 */
type RequestHandlerOption = NonNullable<SSOClientConfig['requestHandler']>;
export type RequestHandlerFactory = () => RequestHandlerOption | Promise<RequestHandlerOption>;

const defaultRequestHandler: RequestHandlerFactory = async () =>
  (await import('../network/agent.js')).defaultNetwork().requestHandler();
let requestHandler: RequestHandlerFactory = defaultRequestHandler;

/** Installs the request handler factory for every client made from now on; undefined restores the default. */
export function useRequestHandler(factory: RequestHandlerFactory | undefined): void {
  requestHandler = factory ?? defaultRequestHandler;
}

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
  return withServiceDates(
    new sdk.SSOOIDCClient({ region, maxAttempts: options.maxAttempts ?? 3, requestHandler: await requestHandler() }),
  );
}

/**
 * The portal client. Retries are Lanyard's own (see portal-client.ts), so the SDK makes
 * one attempt per call.
 */
export async function createPortalClient(region: string): Promise<SSOClient> {
  const sdk = await loadPortalSdk();
  return withServiceDates(new sdk.SSOClient({ region, maxAttempts: 1, requestHandler: await requestHandler() }));
}

/** An answer's Date header and when its request left and the answer came (Date.now ms). */
export type ServiceDateListener = (sample: { date: string; sentAt: number; receivedAt: number }) => void;

const serviceDateListeners = new Set<ServiceDateListener>();

/**
 * Hears the Date header of every answer either client gets (errors included), so the
 * composition root can tell a wrong local clock (sessions/service-clock.ts). Returns an
 * unsubscribe.
 */
export function onServiceDate(listener: ServiceDateListener): () => void {
  serviceDateListeners.add(listener);
  return () => serviceDateListeners.delete(listener);
}

/**
 * Adds a middleware right next to the HTTP handler (deserialize step, low priority: inside
 * the deserializer), so it sees each attempt's raw answer before an error answer is thrown.
 */
function withServiceDates<C extends SSOClient | SSOOIDCClient>(client: C): C {
  (client.middlewareStack as SSOClient['middlewareStack']).add(
    (next) => async (args) => {
      const sentAt = Date.now();
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string | undefined> } | undefined;
      const date = response?.headers?.date;
      if (date) {
        const sample = { date, sentAt, receivedAt: Date.now() };
        for (const listener of serviceDateListeners) listener(sample);
      }
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'lanyardServiceDate' },
  );
  return client;
}
