/**
 * The desktop app's requests to AWS through Chromium's network stack instead of Node's, so
 * they follow what the user's browser follows: the OS proxy settings (manual, PAC, WPAD),
 * the session's proxy from Lanyard's settings, and the OS certificate store.
 *
 * Two shapes over one sender: an SDK request handler (the `requestHandler` the AWS SDK v3
 * clients take) and a `fetch` for the console federation request.
 *
 * Both are built on `net.request`, the layer under `net.fetch`: `net.fetch` answers every
 * authentication challenge with "cancel", so a proxy that asks for a password (407) could
 * never be answered through it. `net.request` hands the challenge to us (`onProxyLogin`).
 */
import { Readable, Transform } from 'node:stream';
import type { AuthInfo, ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';

/** What is needed of Electron's `net` (tests pass a fake). */
export interface ChromiumNet {
  request(options: ClientRequestConstructorOptions): ClientRequest;
}

/** Answers a proxy's request for credentials: `callback(user, password)`, or `callback()` to refuse. */
export type ProxyLoginHandler = (authInfo: AuthInfo, callback: (username?: string, password?: string) => void) => void;

/** The same limits as the core's Node handler (support/aws-clients.ts). */
export const NET_TIMEOUTS = { connectionTimeout: 5_000, requestTimeout: 15_000 } as const;

export interface NetHandlerConfig {
  /** ms to connect; Chromium does not report the connection, so it counts toward the response head (below). */
  connectionTimeout: number;
  /** ms the response may be silent: before its head (after connectionTimeout) and between body chunks. */
  requestTimeout: number;
}

// ---- the SDK's request and response, structurally (@smithy/types HttpRequest / HttpResponse) ----

interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  fragment?: string;
  username?: string;
  password?: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Readable;
}

/** The SDK's AbortSignal, or its older look-alike with `onabort`. */
interface SdkAbortSignal {
  readonly aborted: boolean;
  addEventListener?: AbortSignal['addEventListener'];
  removeEventListener?: AbortSignal['removeEventListener'];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the SDK's own type for it
  onabort?: Function | null;
}

interface SdkHandlerOptions {
  abortSignal?: SdkAbortSignal;
  requestTimeout?: number;
}

/**
 * Headers Chromium sets itself and refuses from callers (Electron's net documentation): the
 * SDK sets host and content-length, which Chromium works out from the URL and the body.
 */
const CHROMIUM_OWNED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'trailer',
  'te',
  'upgrade',
  'cookie2',
  'expect',
]);

/**
 * Chromium's names for the failures Node code (the SDK's retry rules, Lanyard's failure
 * messages) knows by their Node codes. Others keep Chromium's name as their code.
 */
const NODE_CODES: Record<string, string> = {
  'net::ERR_CONNECTION_REFUSED': 'ECONNREFUSED',
  'net::ERR_CONNECTION_RESET': 'ECONNRESET',
  'net::ERR_CONNECTION_CLOSED': 'ECONNRESET',
  'net::ERR_EMPTY_RESPONSE': 'ECONNRESET',
  'net::ERR_NAME_NOT_RESOLVED': 'ENOTFOUND',
  'net::ERR_CONNECTION_TIMED_OUT': 'ETIMEDOUT',
  'net::ERR_TIMED_OUT': 'ETIMEDOUT',
  'net::ERR_INTERNET_DISCONNECTED': 'ENETUNREACH',
  'net::ERR_ADDRESS_UNREACHABLE': 'EHOSTUNREACH',
};

function networkError(error: Error): Error {
  const chromium = /net::ERR_[A-Z_]+/.exec(error.message)?.[0];
  if (!chromium) return error;
  return Object.assign(new Error(error.message, { cause: error }), { code: NODE_CODES[chromium] ?? chromium });
}

function abortError(): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError' });
}

function timeoutError(message: string): Error {
  // The SDK retries errors named TimeoutError.
  return Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

interface ChromiumRequest {
  url: string;
  method: string;
  headers: Iterable<[string, string]>;
  body: unknown;
  redirect: 'follow' | 'error' | 'manual';
  signal: SdkAbortSignal | undefined;
  /** ms to the response head. */
  headTimeout: number;
  /** ms the body may stall. */
  idleTimeout: number;
}

/** What Chromium answered: the status line, headers and a body stream. */
interface ChromiumResponse {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string>;
  body: Readable;
}

function flatHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers))
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

function writeBody(request: ClientRequest, body: unknown): void {
  if (body === undefined || body === null || body === '') {
    request.end();
  } else if (typeof body === 'string' || body instanceof Uint8Array) {
    request.end(Buffer.from(body as string | Uint8Array));
  } else if (body instanceof Readable) {
    body.on('error', (error) => {
      request.abort();
      request.emit('error', error);
    });
    body.pipe(request as unknown as NodeJS.WritableStream);
  } else if (typeof (body as ReadableStream).getReader === 'function') {
    writeBody(request, Readable.fromWeb(body as import('node:stream/web').ReadableStream));
  } else if (body instanceof ArrayBuffer) {
    request.end(Buffer.from(body));
  } else {
    throw new TypeError('Unsupported request body');
  }
}

/** Sends one request through Chromium; resolves at the response head, the body streaming after. */
function sendThroughChromium(
  net: ChromiumNet,
  request: ChromiumRequest,
  onProxyLogin?: ProxyLoginHandler,
): Promise<ChromiumResponse> {
  return new Promise<ChromiumResponse>((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(abortError());
      return;
    }
    const chromium = net.request({
      method: request.method,
      url: request.url,
      redirect: request.redirect,
      // Lanyard's requests carry their own credentials; the session's cookies are not theirs.
      credentials: 'omit',
      useSessionCookies: false,
      cache: 'no-store',
    });
    let body: Transform | undefined;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => cancel(abortError());
    const finish = (): void => {
      clearTimeout(head);
      clearTimeout(idle);
      request.signal?.removeEventListener?.('abort', onAbort);
    };
    const fail = (error: Error): void => {
      finish();
      // Before the head the promise fails; after it, the body stream does.
      if (body) body.destroy(error);
      else reject(error);
    };
    function cancel(error: Error): void {
      chromium.abort();
      fail(error);
    }
    const headTimedOut = (): void => cancel(timeoutError(`No response within ${request.headTimeout} ms`));
    let head = setTimeout(headTimedOut, request.headTimeout);
    if (request.signal?.addEventListener) request.signal.addEventListener('abort', onAbort, { once: true });
    else if (request.signal) request.signal.onabort = onAbort;

    chromium.on('login', (authInfo, callback) => {
      // AWS endpoints never ask for a password; only a proxy's challenge is answered.
      if (!authInfo.isProxy || !onProxyLogin) {
        callback();
        return;
      }
      // The user may take a while to answer the prompt: that time is not the network's.
      clearTimeout(head);
      onProxyLogin(authInfo, (username, password) => {
        head = setTimeout(headTimedOut, request.headTimeout);
        callback(username, password);
      });
    });
    chromium.on('error', (error) => fail(networkError(error)));
    chromium.on('response', (message) => {
      clearTimeout(head);
      const stalled = (): void => cancel(timeoutError(`The response stalled for ${request.idleTimeout} ms`));
      idle = setTimeout(stalled, request.idleTimeout);
      // The body goes on through a stream of our own, so the stall timer sees each chunk
      // without taking it from the reader.
      const stream = new Transform({
        transform(chunk, _encoding, done) {
          clearTimeout(idle);
          idle = setTimeout(stalled, request.idleTimeout);
          done(null, chunk);
        },
      });
      body = stream;
      // A body nobody reads still times out; with no reader, that failure must not crash the process.
      stream.on('error', () => {});
      message.on('error', (error) => fail(networkError(error)));
      message.on('end', finish);
      (message as unknown as Readable).pipe(stream);
      resolve({
        statusCode: message.statusCode,
        statusMessage: message.statusMessage,
        headers: flatHeaders(message),
        body: stream,
      });
    });

    try {
      for (const [name, value] of request.headers)
        if (!CHROMIUM_OWNED_HEADERS.has(name.toLowerCase())) chromium.setHeader(name, value);
      writeBody(chromium, request.body);
    } catch (error) {
      cancel(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** Query strings the way the SDK writes them: keys sorted, RFC 3986 escaping. */
function queryString(query: SdkHttpRequest['query']): string {
  const escape = (text: string): string =>
    encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query?.[key];
    if (value === null || value === undefined) parts.push(escape(key));
    else for (const item of Array.isArray(value) ? value : [value]) parts.push(`${escape(key)}=${escape(item)}`);
  }
  return parts.join('&');
}

function requestUrl(request: SdkHttpRequest): string {
  const protocol = request.protocol.endsWith(':') ? request.protocol : `${request.protocol}:`;
  const auth = request.username
    ? `${encodeURIComponent(request.username)}${request.password ? `:${encodeURIComponent(request.password)}` : ''}@`
    : '';
  const port = request.port ? `:${request.port}` : '';
  const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
  const query = queryString(request.query);
  return `${protocol}//${auth}${request.hostname}${port}${path}${query ? `?${query}` : ''}${request.fragment ? `#${request.fragment}` : ''}`;
}

/** An AWS SDK v3 request handler (the @smithy HttpHandler shape) over Chromium's network stack. */
export class NetRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private config: NetHandlerConfig;

  constructor(
    private readonly net: ChromiumNet,
    config: Partial<NetHandlerConfig> = {},
    private readonly onProxyLogin?: ProxyLoginHandler,
  ) {
    this.config = { ...NET_TIMEOUTS, ...config };
  }

  async handle(request: SdkHttpRequest, options: SdkHandlerOptions = {}): Promise<{ response: SdkHttpResponse }> {
    const requestTimeout = options.requestTimeout ?? this.config.requestTimeout;
    const answer = await sendThroughChromium(
      this.net,
      {
        url: requestUrl(request),
        method: request.method,
        headers: Object.entries(request.headers),
        body: request.body,
        // The SDK follows no redirects (neither does its Node handler); AWS APIs send none.
        redirect: 'error',
        signal: options.abortSignal,
        headTimeout: this.config.connectionTimeout + requestTimeout,
        idleTimeout: requestTimeout,
      },
      this.onProxyLogin,
    );
    return {
      response: {
        statusCode: answer.statusCode,
        ...(answer.statusMessage ? { reason: answer.statusMessage } : {}),
        headers: answer.headers,
        body: answer.body,
      },
    };
  }

  /** The SDK adjusts a handler's settings through these (e.g. a client's own requestTimeout). */
  updateHttpClientConfig<K extends keyof NetHandlerConfig>(key: K, value: NetHandlerConfig[K]): void {
    this.config = { ...this.config, [key]: value };
  }

  httpHandlerConfigs(): NetHandlerConfig {
    return { ...this.config };
  }

  /** Nothing to release: Chromium owns the connections. */
  destroy(): void {}
}

export function createNetRequestHandler(
  net: ChromiumNet,
  options: { config?: Partial<NetHandlerConfig>; onProxyLogin?: ProxyLoginHandler } = {},
): NetRequestHandler {
  return new NetRequestHandler(net, options.config, options.onProxyLogin);
}

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` over Chromium's network stack, for the console federation request
 * (console/signin-url.ts takes one). Request bodies are buffered: the federation request is a GET.
 */
export function createNetFetch(
  net: ChromiumNet,
  options: { timeoutMs?: number; onProxyLogin?: ProxyLoginHandler } = {},
): typeof fetch {
  const timeout = options.timeoutMs ?? NET_TIMEOUTS.connectionTimeout + NET_TIMEOUTS.requestTimeout;
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const answer = await sendThroughChromium(
      net,
      {
        url: request.url,
        method: request.method,
        headers: request.headers.entries(),
        body,
        redirect: request.redirect === 'manual' ? 'manual' : request.redirect,
        signal: request.signal,
        headTimeout: timeout,
        idleTimeout: timeout,
      },
      options.onProxyLogin,
    );
    const noBody = NULL_BODY_STATUSES.has(answer.statusCode) || request.method === 'HEAD';
    if (noBody) answer.body.resume();
    return new Response(noBody ? null : (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>), {
      status: answer.statusCode,
      statusText: answer.statusMessage,
      headers: answer.headers,
    });
  };
}

/**
 * Both, in the shape the core's composition root takes them (CoreOptions `requestHandler`,
 * a factory called once per SDK client, and `fetch`).
 */
export function chromiumNetwork(
  net: ChromiumNet,
  onProxyLogin?: ProxyLoginHandler,
): { requestHandler: () => NetRequestHandler; fetch: typeof fetch } {
  const login = onProxyLogin ? { onProxyLogin } : {};
  return { requestHandler: () => createNetRequestHandler(net, login), fetch: createNetFetch(net, login) };
}
