/**
 * A loopback fake of AWS IAM Identity Center: sso-oidc, the SSO portal and the console
 * federation endpoint on one port, speaking the real wire protocol so the JS SDK clients,
 * botocore and the AWS CLI work against it unchanged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { systemClock } from '../../electron/core/support/clock.js';
import { AuthorizationCodes } from './auth-codes.js';
import { authorizeRoutes } from './authorize.js';
import { ClientRegistry, GrantType } from './clients.js';
import { DeviceAuthorizations } from './device-codes.js';
import { devicePageRoutes } from './device-page.js';
import { FailurePlan, TokenBucket, type FailureKind } from './faults.js';
import { isoSeconds } from './ids.js';
import { Metrics, outcomeOf, type OperationCounters } from './metrics.js';
import { oidcRoutes } from './oidc.js';
import {
  DEFAULT_LIFETIMES,
  DEFAULT_POLL_INTERVAL_SECONDS,
  type ApprovalMode,
  type FakeIdentityCenterOptions,
  type Lifetimes,
  type Settings,
  type ThrottleOptions,
} from './options.js';
import {
  DEFAULT_ACCOUNT_COUNT,
  DEFAULT_ROLES_PER_ACCOUNT,
  generateAccounts,
  Organization,
  type AccountSpec,
  type FakeAccount,
} from './organization.js';
import { portalRoutes } from './portal.js';
import { stsRoutes } from './sts.js';
import { RoleCredentialsStore } from './role-credentials.js';
import { findRoute, type FakeRequest, type OperationName, type Route } from './routing.js';
import { SessionStore } from './sessions.js';
import { FederationEndpoint } from './signin.js';
import { errorReply, reply, ServiceError, withRequestId, type ErrorKind, type Reply } from './wire.js';

/** Any start URL works; this one reads well in tests and the demo. */
export const FAKE_START_URL = 'https://acme.awsapps.com/start';
export const DEFAULT_SCOPES: readonly string[] = ['sso:account:access'];
/** What the AWS CLI registers: the loopback callback without a port. */
const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
const LOOPBACK_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;

export interface IssueSessionOptions {
  startUrl?: string;
  scopes?: readonly string[];
  /** Overrides the access token lifetime for this session only (still capped at the session's end). */
  accessTokenMs?: number;
}

/** A signed-in session minted without a login: exactly what a token cache entry holds. */
export interface IssuedSession {
  startUrl: string;
  clientId: string;
  clientSecret: string;
  /** ISO 8601 UTC, like the token cache. */
  registrationExpiresAt: string;
  accessToken: string;
  refreshToken: string;
  /** ISO 8601 UTC, like the token cache. */
  expiresAt: string;
}

/** Environment variables that point the SDKs (and Lanyard's sign-in) at the fake. */
export interface FakeIdcEnvironment {
  AWS_ENDPOINT_URL_SSO: string;
  AWS_ENDPOINT_URL_SSO_OIDC: string;
  /** Only GetCallerIdentity, for running real clients end to end. */
  AWS_ENDPOINT_URL_STS: string;
  LANYARD_SIGNIN_ENDPOINT: string;
}

export class FakeIdentityCenter {
  private readonly settings: Settings;
  private readonly organization: Organization;
  private readonly clients: ClientRegistry;
  private readonly sessions: SessionStore;
  private readonly devices: DeviceAuthorizations;
  private readonly routes: readonly Route[];
  private readonly failures = new FailurePlan();
  private readonly metrics = new Metrics();
  private readonly log: (line: string) => void;
  private latencyMs: number;
  private dateOffsetMs: number;
  private throttle: TokenBucket | undefined;
  private offline = false;
  private inFlight = 0;
  private offlineDrops = 0;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private readonly tls: FakeIdentityCenterOptions['tls'];

  constructor(options: FakeIdentityCenterOptions = {}) {
    this.settings = {
      clock: options.clock ?? systemClock,
      lifetimes: { ...DEFAULT_LIFETIMES, ...options.lifetimes },
      approval: options.approval ?? 'auto',
      pollIntervalSeconds: options.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
    };
    const accounts = options.accounts ?? DEFAULT_ACCOUNT_COUNT;
    this.organization = new Organization(
      typeof accounts === 'number'
        ? generateAccounts(accounts, options.rolesPerAccount ?? DEFAULT_ROLES_PER_ACCOUNT)
        : accounts,
    );
    this.clients = new ClientRegistry(this.settings);
    this.sessions = new SessionStore(this.settings);
    this.devices = new DeviceAuthorizations(this.settings);
    this.log = options.log ?? (() => {});
    this.tls = options.tls;
    this.latencyMs = options.latencyMs ?? 0;
    this.dateOffsetMs = options.dateOffsetMs ?? 0;
    this.setThrottle(options.throttle);

    const authCodes = new AuthorizationCodes(this.settings);
    const roleCredentials = new RoleCredentialsStore(this.settings);
    const { settings, clients, sessions, devices, organization } = this;
    this.routes = [
      ...oidcRoutes({ settings, clients, sessions, devices, authCodes, baseUrl: () => this.url }),
      ...authorizeRoutes({ settings, clients, authCodes }),
      ...devicePageRoutes(devices),
      ...portalRoutes({ organization, sessions, roleCredentials }),
      ...new FederationEndpoint({ settings, organization, roleCredentials }).routes(),
      ...stsRoutes({ roleCredentials }),
    ];
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Starts listening on 127.0.0.1 (port 0: any free port). Resolves to the base URL. */
  async start(port = 0): Promise<string> {
    if (this.server) throw new Error('The fake Identity Center is already running');
    const handler = (request: IncomingMessage, response: ServerResponse): void => {
      if (this.offline) {
        this.offlineDrops += 1;
        request.socket.destroy();
        return;
      }
      this.inFlight += 1;
      // A client that goes away mid-request leaves nothing to answer.
      this.serve(request, response)
        .catch(() => response.destroy())
        .finally(() => {
          this.inFlight -= 1;
        });
    };
    // https.Server is an http.Server underneath (close, closeAllConnections, address).
    const server: Server = this.tls
      ? createTlsServer({ key: this.tls.key, cert: this.tls.cert }, handler)
      : createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOOPBACK_HOST, () => resolve());
    });
    this.server = server;
    this.baseUrl = `${this.tls ? 'https' : 'http'}://${LOOPBACK_HOST}:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  /** Stops listening and drops every open connection (keep-alive sockets, hung requests). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** `http://127.0.0.1:<port>` (`https://` with `tls`), once started. */
  get url(): string {
    if (!this.baseUrl) throw new Error('The fake Identity Center has not been started');
    return this.baseUrl;
  }

  get env(): FakeIdcEnvironment {
    return {
      AWS_ENDPOINT_URL_SSO: this.url,
      AWS_ENDPOINT_URL_SSO_OIDC: this.url,
      AWS_ENDPOINT_URL_STS: this.url,
      LANYARD_SIGNIN_ENDPOINT: this.url,
    };
  }

  // ---- organization ----------------------------------------------------------------------

  get accounts(): FakeAccount[] {
    return this.organization.accounts();
  }

  addAccount(spec: AccountSpec): FakeAccount {
    return this.organization.addAccount(spec);
  }

  removeAccount(accountId: string): boolean {
    return this.organization.removeAccount(accountId);
  }

  assignRole(accountId: string, roleName: string): void {
    this.organization.assignRole(accountId, roleName);
  }

  unassignRole(accountId: string, roleName: string): void {
    this.organization.unassignRole(accountId, roleName);
  }

  // ---- sign-in and sessions ----------------------------------------------------------------

  get approval(): ApprovalMode {
    return this.settings.approval;
  }

  setApproval(mode: ApprovalMode): void {
    this.settings.approval = mode;
  }

  /** Approves a pending device authorization, as the Approve button does. */
  approveDevice(userCode: string): void {
    this.devices.approve(userCode);
  }

  denyDevice(userCode: string): void {
    this.devices.deny(userCode);
  }

  /** Registers a client and signs in directly, for tests that start from a seeded token cache. */
  issueSession(options: IssueSessionOptions = {}): IssuedSession {
    const startUrl = options.startUrl ?? FAKE_START_URL;
    const scopes = [...(options.scopes ?? DEFAULT_SCOPES)];
    const client = this.clients.register({
      clientName: 'fake-idc-issued-session',
      clientType: 'public',
      scopes,
      grantTypes: [GrantType.authorizationCode, GrantType.refreshToken],
      redirectUris: [LOOPBACK_REDIRECT_URI],
      issuerUrl: startUrl,
    });
    const tokens = this.sessions.start(client, startUrl, scopes, options.accessTokenMs);
    if (!tokens.refreshToken) throw new Error('issueSession needs at least one scope');
    return {
      startUrl,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      registrationExpiresAt: isoSeconds(client.expiresAt),
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: isoSeconds(tokens.expiresAt),
    };
  }

  /** Ends the SSO session an access or refresh token belongs to. Returns whether one was found. */
  endSession(token: string): boolean {
    return this.sessions.end(token);
  }

  endAllSessions(): void {
    this.sessions.endAll();
  }

  get activeSessionCount(): number {
    return this.sessions.activeSessions().length;
  }

  /** Times a spent refresh token was presented again. A client that never races stays at 0. */
  get refreshTokenReuse(): number {
    return this.sessions.refreshTokenReuse;
  }

  /**
   * Times any refresh token was presented again: spent ones (refreshTokenReuse) and ones
   * refused before because their session had ended. Retrying a refused token only earns
   * another InvalidGrant.
   */
  get refreshTokenRepeats(): number {
    return this.sessions.refreshTokenRepeats;
  }

  // ---- time and trouble --------------------------------------------------------------------

  get lifetimes(): Readonly<Lifetimes> {
    return { ...this.settings.lifetimes };
  }

  /** Applies to what is issued from now on. */
  setLifetimes(lifetimes: Partial<Lifetimes>): void {
    this.settings.lifetimes = { ...this.settings.lifetimes, ...lifetimes };
  }

  setPollInterval(seconds: number): void {
    this.settings.pollIntervalSeconds = seconds;
  }

  /** Real-time delay before every answer. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Moves every answer's Date header this far from the real time (see FakeIdentityCenterOptions.dateOffsetMs). */
  setDateOffset(ms: number): void {
    this.dateOffsetMs = ms;
  }

  /** Throttles the portal operations; `undefined` turns the throttle off. */
  setThrottle(options: ThrottleOptions | undefined): void {
    this.throttle = options ? new TokenBucket(options, this.settings.clock) : undefined;
  }

  /** The next `count` calls of `operation` fail with `kind` (queued after earlier plans). */
  failNext(operation: OperationName, count: number, kind: FailureKind): void {
    this.failures.add(operation, count, kind);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /**
   * The network is gone (`true`) or back (`false`). While offline no request reaches the
   * service: each connection is closed before it is read, so clients see a reset connection
   * and nothing is processed (no refresh token is spent). Counted in `droppedOffline`.
   */
  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  get isOffline(): boolean {
    return this.offline;
  }

  /** Connections closed unanswered while offline. */
  get droppedOffline(): number {
    return this.offlineDrops;
  }

  /** Requests being answered right now (read, processed or waiting out the latency). */
  get pendingRequests(): number {
    return this.inFlight;
  }

  // ---- observation -------------------------------------------------------------------------

  counters(operation: OperationName): OperationCounters {
    return this.metrics.get(operation);
  }

  allCounters(): Record<OperationName, OperationCounters> {
    return this.metrics.all();
  }

  resetCounters(): void {
    this.metrics.reset();
  }

  // ---- request pipeline --------------------------------------------------------------------

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    // Real time, not the fake's clock: a Date header is what a wrong local clock is compared with.
    if (this.dateOffsetMs !== 0) response.setHeader('Date', new Date(Date.now() + this.dateOffsetMs).toUTCString());
    const url = new URL(request.url ?? '/', this.url);
    const route = findRoute(this.routes, request.method ?? 'GET', url);
    if (!route) {
      this.log(`No route for ${request.method} ${url.pathname}`);
      send(response, reply.json({ message: `No route for ${request.method} ${url.pathname}` }, 404));
      return;
    }
    this.metrics.call(route.operation);
    const body = await readBody(request);
    if (this.latencyMs > 0) await delay(this.latencyMs);

    const failure = this.failures.take(route.operation);
    if (failure === 'NetworkDrop' || failure === 'Hang') {
      this.metrics.record(route.operation, 'error');
      this.log(`${route.operation} ${failure}`);
      if (failure === 'NetworkDrop') request.socket.destroy();
      return;
    }

    const fakeRequest = body === undefined ? undefined : { url, headers: request.headers, body };
    const answer = this.answer(route, fakeRequest, failure);
    this.metrics.record(route.operation, outcomeOf(answer.status));
    send(response, withRequestId(answer));
    this.log(`${route.operation} ${answer.status} ${Math.round(performance.now() - startedAt)}ms`);
  }

  /** The reply to a request (`undefined` when its body was too large to read). */
  private answer(route: Route, request: FakeRequest | undefined, failure: ErrorKind | undefined): Reply {
    try {
      if (!request) throw new ServiceError('InvalidRequest', 'Request body is too large');
      if (failure) throw new ServiceError(failure, `Injected ${failure} failure`);
      if (route.surface === 'portal' && this.throttle && !this.throttle.tryTake()) {
        throw new ServiceError('TooManyRequests', 'Rate exceeded');
      }
      return route.handle(request);
    } catch (error) {
      if (error instanceof ServiceError) return errorReply(error, route.surface);
      this.log(`${route.operation} failed inside the fake: ${error instanceof Error ? error.message : String(error)}`);
      return errorReply(new ServiceError('InternalServer', 'Internal error in the fake'), route.surface);
    }
  }
}

function send(response: ServerResponse, answer: Reply): void {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** The request body as text, or `undefined` if it is over the limit (read to the end either way). */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined;
}
