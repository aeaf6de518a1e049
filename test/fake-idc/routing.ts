/** How requests reach handlers: one table of routes, each naming the operation it serves. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply, Surface } from './wire.js';

/** The operations the fake counts, can fail on demand and (for the portal) throttles. */
export const OPERATIONS = [
  // sso-oidc, as the service model names them (Authorize is the browser leg it leaves unmodeled)
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'Authorize',
  'AuthorizeDecision',
  'DeviceVerification',
  // sso portal
  'ListAccounts',
  'ListAccountRoles',
  'GetRoleCredentials',
  'Logout',
  // console sign-in (federation endpoint)
  'GetSigninToken',
  'FederationLogin',
  'ConsolePage',
  // STS, so real clients can be run end to end with the credentials the portal issued
  'GetCallerIdentity',
] as const;

export type OperationName = (typeof OPERATIONS)[number];

export interface FakeRequest {
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** For the federation endpoint, where the `Action` query parameter picks the operation. */
  readonly action?: string;
  readonly operation: OperationName;
  readonly surface: Surface;
  handle(request: FakeRequest): Reply;
}

export function findRoute(routes: readonly Route[], method: string, url: URL): Route | undefined {
  return routes.find(
    (route) =>
      route.method === method &&
      route.path === url.pathname &&
      (route.action === undefined || route.action === url.searchParams.get('Action')),
  );
}

/** Form fields of a browser POST (application/x-www-form-urlencoded). */
export function formFields(request: FakeRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}
