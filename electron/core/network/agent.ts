/**
 * How Lanyard's requests reach the network from plain Node (the CLI and the agent): one
 * connection agent that sends each request direct or through the proxy the environment names
 * (proxy.ts), verifies TLS against the roots of trust.ts, and turns failures into
 * ConnectionErrors that say which host, which proxy and which certificate (network-errors.ts).
 *
 * The tunnels are TooTallNate's https-proxy-agent (CONNECT, for https URLs) and
 * http-proxy-agent (absolute-form requests, for http URLs), on agent-base; the SDK's Node
 * request handler takes such agents as `httpsAgent` / `httpAgent`. Node 20 has no built-in
 * proxy support for `http.request`, so these are the kept, widely used choice.
 *
 * Certificates are checked here rather than inside `tls.connect`: the socket is opened with
 * `rejectUnauthorized: false`, and no request is written until the chain is trusted (Node's
 * `authorized`) and the certificate names the host (`tls.checkServerIdentity`). Doing so keeps
 * the refused certificate readable, so the message can name its issuer (a "Zscaler Root CA"
 * says at once what is going on) without a second connection.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { type Env, type LanyardPaths, resolvePaths } from '../support/paths.js';
import { ConnectionError, type ConnectionErrorDetails, PROXY_STATUS_CODE } from './network-errors.js';
import { type ProxySettings, proxyFor, proxySettings, redactProxyUrl } from './proxy.js';
import { type Trust, loadTrust } from './trust.js';

/** Seconds-scale timeouts: a hung connection must turn into a retry, not a stuck refresh. */
export const CONNECT_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 15_000;

export interface NetworkOptions {
  env: Env;
  paths: LanyardPaths;
  connectTimeoutMs?: number;
}

/** What the SDK clients take as `requestHandler`: NodeHttpHandler's options. */
export interface NodeRequestHandlerOptions {
  httpAgent: http.Agent;
  httpsAgent: http.Agent;
  connectionTimeout: number;
  requestTimeout: number;
}

/**
 * The proxy settings and roots of trust of one process, read once (the trust store lazily, at
 * the first connection), shared by every agent it hands out.
 */
export class Network {
  private readonly proxies: ProxySettings;
  private trust: Promise<Roots> | undefined;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: NetworkOptions) {
    this.proxies = proxySettings(options.env);
    this.connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  }

  /** The roots of trust, read on first use; a failure (an unreadable AWS_CA_BUNDLE) is kept and thrown to each caller. */
  roots(): Promise<Roots> {
    this.trust ??= loadTrust(this.options.env, this.options.paths).then((trust) => ({
      ...trust,
      // One parsed set of roots for every connection, instead of parsing ~150 certificates per handshake.
      ...(trust.ca ? { secureContext: tls.createSecureContext({ ca: [...trust.ca] }) } : {}),
    }));
    return this.trust;
  }

  /**
   * A new agent. Each SDK client gets its own, because destroying a client destroys its
   * agents' sockets, in flight ones included, and clients are destroyed while others work.
   */
  agent(options: { keepAlive?: boolean } = {}): RoutingAgent {
    return new RoutingAgent(this.proxies, () => this.roots(), this.connectTimeoutMs, options.keepAlive ?? true);
  }

  /** Options for a new SDK client's NodeHttpHandler. */
  requestHandler(): NodeRequestHandlerOptions {
    const agent = this.agent();
    return {
      httpAgent: agent,
      httpsAgent: agent,
      connectionTimeout: this.connectTimeoutMs,
      requestTimeout: REQUEST_TIMEOUT_MS,
    };
  }

  /**
   * A `fetch` over the same agent, for the console federation endpoint (Node's own fetch
   * cannot take an http.Agent). It supports what Lanyard asks of it: a method, headers, a
   * signal; redirects are not followed.
   */
  readonly fetch = ((input: string | URL | Request, init: RequestInit = {}) =>
    agentFetch(this.agent({ keepAlive: false }), input, init)) as typeof fetch;
}

/** The roots of trust, and a TLS context made from them when they differ from Node's default. */
type Roots = Trust & { secureContext?: tls.SecureContext };

let processNetwork: Network | undefined;

/** The network of this process: its environment, the AWS files its HOME points at. */
export function defaultNetwork(): Network {
  processNetwork ??= new Network({ env: process.env, paths: resolvePaths(process.env) });
  return processNetwork;
}

function targetName(host: string, port: number): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** Routes each connection direct or through the proxy for its URL, and verifies TLS itself. */
export class RoutingAgent extends Agent {
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>();
  private readonly forwarders = new Map<string, HttpProxyAgent<string>>();

  constructor(
    private readonly proxies: ProxySettings,
    private readonly trust: () => Promise<Roots>,
    private readonly connectTimeoutMs: number,
    keepAlive: boolean,
  ) {
    super({ keepAlive, maxSockets: 50 });
  }

  private route(secure: boolean, host: string, port: number): URL | undefined {
    const target = new URL(`${secure ? 'https' : 'http'}://${targetName(host, port)}`);
    return proxyFor(this.proxies, target);
  }

  /** Plain-http requests through a proxy carry an absolute URL, on new and reused sockets alike. */
  addRequest(req: http.ClientRequest, options: AgentConnectOpts): void {
    const secure = this.isSecureEndpoint(options);
    const host = options.host ?? 'localhost';
    const proxy = secure ? undefined : this.route(false, host, options.port ?? 80);
    if (proxy)
      this.forwarder(proxy).setRequestProps(req as never, { ...options, secureEndpoint: false } as AgentConnectOpts);
    // @ts-expect-error -- addRequest is Node's (undocumented) entry point that agent-base builds on.
    super.addRequest(req, options);
  }

  override async connect(req: http.ClientRequest, options: AgentConnectOpts): Promise<Duplex> {
    const secure = options.secureEndpoint;
    const host = options.host ?? 'localhost';
    const port = options.port ?? (secure ? 443 : 80);
    const proxy = this.route(secure, host, port);
    const details: ConnectionErrorDetails = {
      target: targetName(host, port),
      ...(proxy ? { proxy: redactProxyUrl(proxy) } : {}),
    };
    const trust = secure ? await this.trust() : undefined;
    if (trust?.bundleSource) details.bundleSource = trust.bundleSource;
    const tlsOptions = secure
      ? {
          ...options,
          ...(trust?.secureContext ? { secureContext: trust.secureContext } : {}),
          ...(net.isIP(host) ? {} : { servername: host }),
          // Verified below, before any byte of the request is written (see the module comment):
          // the chain by Node's verdict, the host name by `verified` against the real host.
          rejectUnauthorized: false,
          checkServerIdentity: () => undefined,
        }
      : undefined;

    let opened: Duplex | undefined;
    const attempt = async (): Promise<Duplex> => {
      if (!proxy) {
        if (tlsOptions) return verified((opened = tls.connect(tlsOptions)), host, details);
        const socket = (opened = net.connect({ host, port }));
        await connected(socket, details);
        return socket;
      }
      if (!tlsOptions) {
        const socket = await atProxy(this.forwarder(proxy).connect(req as never, options), details);
        return (opened = socket);
      }
      let proxyStatus: number | undefined;
      req.once('proxyConnect', (answer: { statusCode?: number }) => {
        proxyStatus = answer.statusCode;
      });
      const socket = (opened = await atProxy(this.tunnel(proxy, trust).connect(req, tlsOptions), details));
      if (proxyStatus !== 200) {
        socket.destroy();
        throw new ConnectionError(PROXY_STATUS_CODE, { ...details, proxyStatus });
      }
      return verified(socket as tls.TLSSocket, host, details);
    };

    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        opened?.destroy();
        // Until the tunnel stands (`opened` is set), the wait was for the proxy.
        const atProxy = Boolean(proxy) && opened === undefined;
        reject(new ConnectionError('ETIMEDOUT', { ...details, atProxy, timeoutMs: this.connectTimeoutMs }));
      }, this.connectTimeoutMs);
    });
    // A tunnel that stands only after the timeout has nobody to serve: close it.
    const attempted = attempt().then((socket) => {
      if (timedOut) socket.destroy();
      return socket;
    });
    attempted.catch(() => {});
    try {
      return await Promise.race([attempted, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The CONNECT tunnel through `proxy`; an https:// proxy's own certificate is checked against the same roots. */
  private tunnel(proxy: URL, trust: Roots | undefined): HttpsProxyAgent<string> {
    let agent = this.tunnels.get(proxy.href);
    if (!agent) {
      const options = trust?.secureContext ? { secureContext: trust.secureContext } : {};
      this.tunnels.set(proxy.href, (agent = new HttpsProxyAgent(proxy.href, options)));
    }
    return agent;
  }

  private forwarder(proxy: URL): HttpProxyAgent<string> {
    let agent = this.forwarders.get(proxy.href);
    if (!agent) this.forwarders.set(proxy.href, (agent = new HttpProxyAgent(proxy.href)));
    return agent;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'ECONNRESET';
}

/** A failure reaching the proxy itself, marked so messages blame the proxy and not the host. */
async function atProxy(connecting: Promise<Duplex>, details: ConnectionErrorDetails): Promise<Duplex> {
  try {
    return await connecting;
  } catch (error) {
    throw new ConnectionError(codeOf(error), { ...details, atProxy: true }, { cause: error });
  }
}

function connected(socket: net.Socket, details: ConnectionErrorDetails): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.removeListener('error', onError);
      resolve();
    });
    const onError = (error: Error) => reject(new ConnectionError(codeOf(error), details, { cause: error }));
    socket.once('error', onError);
  });
}

function nameOf(entity: tls.Certificate | undefined): string | undefined {
  if (!entity) return undefined;
  const cn = typeof entity.CN === 'string' ? entity.CN : undefined;
  const o = typeof entity.O === 'string' ? entity.O : undefined;
  if (cn && o && o !== cn) return `${cn} (${o})`;
  return cn ?? o;
}

/**
 * Resolves once the handshake is done, the chain trusted and the certificate made out to
 * `host`; otherwise destroys the socket and says why. The host name is checked here rather
 * than by Node because a tunnel's TLS socket is made without the host (https-proxy-agent
 * leaves it out), so for an IP address Node would check the certificate against "localhost".
 */
function verified(socket: tls.TLSSocket, host: string, details: ConnectionErrorDetails): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new ConnectionError(codeOf(error), details, { cause: error }));
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      socket.removeListener('error', onError);
      const certificate = socket.getPeerCertificate();
      const mismatch = socket.authorized ? tls.checkServerIdentity(host, certificate) : undefined;
      if (socket.authorized && !mismatch) {
        resolve(socket);
        return;
      }
      const refused = (mismatch ?? socket.authorizationError) as unknown as { code?: string } | string | undefined;
      const code = typeof refused === 'string' ? refused : (refused?.code ?? 'CERT_UNTRUSTED');
      socket.destroy();
      reject(
        new ConnectionError(code, {
          ...details,
          ...optional('issuer', nameOf(certificate?.issuer)),
          ...optional('subject', nameOf(certificate?.subject)),
          ...optional('validTo', certificate?.valid_to),
        }),
      );
    });
  });
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** One request over `agent`, answered as a fetch Response (whole body read). */
function agentFetch(agent: RoutingAgent, input: string | URL | Request, init: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const signal = init.signal ?? undefined;
  return new Promise<Response>((resolve, reject) => {
    const done = () => agent.destroy();
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: init.method ?? 'GET',
      agent,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
    });
    const onAbort = () => {
      request.destroy();
      done();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      done();
      reject(error);
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        done();
        reject(error);
      });
      response.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        done();
        const status = response.statusCode ?? 502;
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const empty = status === 204 || status === 205 || status === 304;
        resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    if (typeof init.body === 'string') request.write(init.body);
    request.end();
  });
}
