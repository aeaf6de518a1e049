// The SDK request handler and fetch over Electron's net: a fake `net.request` records what
// Chromium would be asked to send, and a second fake sends through Node's http to a local
// server so the real SSO client can run over the handler end to end.
import { EventEmitter } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import {
  NET_TIMEOUTS,
  chromiumNetwork,
  createNetFetch,
  createNetRequestHandler,
  type ChromiumNet,
} from '../../../electron/main/net-request-handler.js';

/** A ClientRequest stand-in: records the request, and the test answers it. */
class FakeClientRequest extends Writable {
  readonly headers: Record<string, string> = {};
  readonly chunks: Buffer[] = [];
  ended = false;
  aborted = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  abort(): void {
    this.aborted = true;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  override _final(done: () => void): void {
    this.ended = true;
    this.emit('sent');
    done();
  }
  get body(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
  /** Answers with a response head; push body chunks into the returned stream. */
  respond(statusCode: number, headers: Record<string, string | string[]>, statusMessage = 'OK'): Readable {
    const message = Object.assign(new Readable({ read() {} }), { statusCode, statusMessage, headers });
    this.emit('response', message);
    return message;
  }
}

function fakeNet(): ChromiumNet & { requests: FakeClientRequest[]; next(): Promise<FakeClientRequest> } {
  const requests: FakeClientRequest[] = [];
  const events = new EventEmitter();
  return {
    requests,
    request: (options) => {
      const request = new FakeClientRequest(options as Record<string, unknown>);
      requests.push(request);
      events.emit('request', request);
      return request as never;
    },
    next: () =>
      requests.at(-1)
        ? Promise.resolve(requests.at(-1) as FakeClientRequest)
        : new Promise((resolve) => events.once('request', resolve)),
  };
}

async function text(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts).toString('utf8');
}

const sdkRequest = (overrides: Record<string, unknown> = {}) => ({
  method: 'POST',
  protocol: 'https:',
  hostname: 'oidc.eu-west-1.amazonaws.com',
  path: '/token',
  query: { b: 'two words', a: ['1', "it's"], flag: null },
  headers: { 'content-type': 'application/json', host: 'oidc.eu-west-1.amazonaws.com', 'content-length': '13' },
  body: '{"grant":"x"}',
  ...overrides,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('NetRequestHandler', () => {
  it('sends the method, URL, headers and body through net.request, and maps the response back', async () => {
    const net = fakeNet();
    const handler = createNetRequestHandler(net);
    const pending = handler.handle(sdkRequest());
    const request = await net.next();
    await new Promise((resolve) => (request.ended ? resolve(undefined) : request.once('sent', resolve)));
    expect(request.options).toMatchObject({
      method: 'POST',
      url: 'https://oidc.eu-west-1.amazonaws.com/token?a=1&a=it%27s&b=two%20words&flag',
      redirect: 'error',
      credentials: 'omit',
      useSessionCookies: false,
    });
    // Chromium sets Host and Content-Length itself and refuses them from callers.
    expect(request.headers).toEqual({ 'content-type': 'application/json' });
    expect(request.body).toBe('{"grant":"x"}');

    const body = request.respond(200, { 'x-amzn-requestid': 'r-1', 'set-cookie': ['a=1', 'b=2'] });
    body.push('{"accessToken":');
    body.push('"t"}');
    body.push(null);
    const { response } = await pending;
    expect(response.statusCode).toBe(200);
    expect(response.reason).toBe('OK');
    expect(response.headers).toEqual({ 'x-amzn-requestid': 'r-1', 'set-cookie': 'a=1, b=2' });
    expect(await text(response.body)).toBe('{"accessToken":"t"}');
  });

  it('streams a request body given as a stream, and sends none for a GET', async () => {
    const net = fakeNet();
    const handler = createNetRequestHandler(net);
    void handler.handle(sdkRequest({ body: Readable.from([Buffer.from('part one, '), Buffer.from('part two')]) }));
    const streamed = await net.next();
    await new Promise((resolve) => streamed.once('sent', resolve));
    expect(streamed.body).toBe('part one, part two');

    const get = fakeNet();
    void createNetRequestHandler(get).handle(sdkRequest({ method: 'GET', body: undefined, query: {}, port: 8443 }));
    const plain = await get.next();
    expect(plain.ended).toBe(true);
    expect(plain.body).toBe('');
    expect(plain.options.url).toBe('https://oidc.eu-west-1.amazonaws.com:8443/token');
  });

  it('gives up on a response head that does not come within the connection and request timeouts', async () => {
    vi.useFakeTimers();
    const net = fakeNet();
    const failed = createNetRequestHandler(net)
      .handle(sdkRequest())
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(NET_TIMEOUTS.connectionTimeout + NET_TIMEOUTS.requestTimeout - 1);
    expect(net.requests[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await failed).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    expect(net.requests[0]?.aborted).toBe(true);
  });

  it('fails a body that stalls for the request timeout, and takes a new timeout from the SDK', async () => {
    vi.useFakeTimers();
    const net = fakeNet();
    const handler = createNetRequestHandler(net);
    handler.updateHttpClientConfig('requestTimeout', 2_000);
    expect(handler.httpHandlerConfigs()).toEqual({ connectionTimeout: 5_000, requestTimeout: 2_000 });
    const pending = handler.handle(sdkRequest());
    const request = await net.next();
    const body = request.respond(200, {});
    body.push('partial');
    const { response } = await pending;
    const read = text(response.body).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await read).toMatchObject({ name: 'TimeoutError' });
    expect(request.aborted).toBe(true);
  });

  it('does not count the time the user takes to answer the proxy prompt', async () => {
    vi.useFakeTimers();
    const net = fakeNet();
    let answer: ((user?: string, password?: string) => void) | undefined;
    const failed = createNetRequestHandler(net, { onProxyLogin: (_info, callback) => (answer = callback) })
      .handle(sdkRequest())
      .catch((error: unknown) => error);
    const request = await net.next();
    const chromiumCallback = vi.fn();
    request.emit('login', { isProxy: true, host: 'p', port: 1, realm: '', scheme: 'basic' }, chromiumCallback);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(request.aborted).toBe(false);
    answer?.('alice', 'pw');
    expect(chromiumCallback).toHaveBeenCalledWith('alice', 'pw');
    await vi.advanceTimersByTimeAsync(NET_TIMEOUTS.connectionTimeout + NET_TIMEOUTS.requestTimeout);
    expect(await failed).toMatchObject({ name: 'TimeoutError' });
  });

  it('times out a body nobody reads without an unhandled error', async () => {
    vi.useFakeTimers();
    const net = fakeNet();
    const pending = createNetRequestHandler(net).handle(sdkRequest());
    const request = await net.next();
    request.respond(500, {}).push('unread');
    const { response } = await pending;
    await vi.advanceTimersByTimeAsync(NET_TIMEOUTS.requestTimeout);
    expect(request.aborted).toBe(true);
    expect(response.body.destroyed).toBe(true);
  });

  it('aborts when the SDK aborts, before or during the request', async () => {
    const net = fakeNet();
    const handler = createNetRequestHandler(net);
    await expect(handler.handle(sdkRequest(), { abortSignal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(net.requests).toHaveLength(0);

    const controller = new AbortController();
    const pending = handler.handle(sdkRequest(), { abortSignal: controller.signal });
    const request = await net.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(request.aborted).toBe(true);
  });

  it("names Chromium's network failures by their Node codes", async () => {
    const net = fakeNet();
    const pending = createNetRequestHandler(net).handle(sdkRequest());
    (await net.next()).emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
    await expect(pending).rejects.toMatchObject({ code: 'ECONNREFUSED', message: 'net::ERR_CONNECTION_REFUSED' });

    const other = fakeNet();
    const cert = createNetRequestHandler(other).handle(sdkRequest());
    (await other.next()).emit('error', new Error('net::ERR_CERT_AUTHORITY_INVALID'));
    await expect(cert).rejects.toMatchObject({ code: 'net::ERR_CERT_AUTHORITY_INVALID' });
  });

  it("passes a proxy's request for credentials to the login handler and refuses a server's", async () => {
    const net = fakeNet();
    const onProxyLogin = vi.fn((_info: unknown, callback: (user?: string, password?: string) => void) =>
      callback('alice', 'pw'),
    );
    void createNetRequestHandler(net, { onProxyLogin }).handle(sdkRequest());
    const request = await net.next();
    const proxyAnswer = vi.fn();
    request.emit('login', { isProxy: true, host: 'proxy', port: 3128, realm: 'corp', scheme: 'basic' }, proxyAnswer);
    expect(onProxyLogin).toHaveBeenCalledOnce();
    expect(proxyAnswer).toHaveBeenCalledWith('alice', 'pw');
    const serverAnswer = vi.fn();
    request.emit('login', { isProxy: false, host: 'x', port: 443, realm: '', scheme: 'basic' }, serverAnswer);
    expect(serverAnswer).toHaveBeenCalledWith();
    expect(onProxyLogin).toHaveBeenCalledOnce();
  });
});

describe('chromiumNetwork', () => {
  it('makes a handler per client and one fetch, both answering proxy challenges with the same handler', async () => {
    const net = fakeNet();
    const onProxyLogin = vi.fn((_info: unknown, callback: (user?: string, password?: string) => void) =>
      callback('alice', 'pw'),
    );
    const network = chromiumNetwork(net, onProxyLogin);
    expect(network.requestHandler()).not.toBe(network.requestHandler());
    void network.fetch('https://signin.aws.amazon.com/federation');
    const answer = vi.fn();
    (await net.next()).emit('login', { isProxy: true, host: 'p', port: 1, realm: '', scheme: 'basic' }, answer);
    expect(answer).toHaveBeenCalledWith('alice', 'pw');
  });
});

describe('createNetFetch', () => {
  it('answers a Response with status, headers and body, and honours the signal', async () => {
    const net = fakeNet();
    const fetch = createNetFetch(net);
    const pending = fetch('https://signin.aws.amazon.com/federation?Action=getSigninToken', {
      headers: { accept: 'application/json' },
    });
    const request = await net.next();
    expect(request.options).toMatchObject({
      method: 'GET',
      url: 'https://signin.aws.amazon.com/federation?Action=getSigninToken',
      redirect: 'follow',
    });
    expect(request.headers).toEqual({ accept: 'application/json' });
    const body = request.respond(200, { 'content-type': 'application/json' });
    body.push('{"SigninToken":"tok"}');
    body.push(null);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ SigninToken: 'tok' });

    const empty = fetch('https://example.test/', { method: 'DELETE' });
    (await net.next()).respond(204, {}, 'No Content');
    expect((await empty).status).toBe(204);

    const controller = new AbortController();
    const aborted = fetch('https://example.test/slow', { signal: controller.signal });
    await net.next();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** net.request over Node's http, enough for the SDK to run against a local server. */
function nodeBackedNet(): ChromiumNet {
  return {
    request: (options) => {
      const chunks: Buffer[] = [];
      const headers: Record<string, string> = {};
      const fake = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
        final(done) {
          const outgoing = httpRequest(options.url as string, { method: options.method, headers }, (response) =>
            fake.emit('response', response),
          );
          outgoing.on('error', (error) => fake.emit('error', error));
          outgoing.end(Buffer.concat(chunks));
          done();
        },
      });
      return Object.assign(fake, {
        setHeader: (name: string, value: string) => (headers[name] = value),
        abort: () => fake.destroy(),
      }) as never;
    },
  };
}

describe('the SSO client over the handler', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('lists accounts end to end', async () => {
    const seen: Array<{ url?: string; token?: string | string[] }> = [];
    server = createServer((request, response) => {
      seen.push({ url: request.url, token: request.headers['x-amz-sso_bearer_token'] });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ accountList: [{ accountId: '111122223333', accountName: 'prod' }] }));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new SSOClient({
      region: 'eu-west-1',
      endpoint: `http://127.0.0.1:${port}`,
      requestHandler: createNetRequestHandler(nodeBackedNet()),
      maxAttempts: 1,
    });
    const answer = await client.send(new ListAccountsCommand({ accessToken: 'bearer-token', maxResults: 5 }));
    expect(answer.accountList).toEqual([{ accountId: '111122223333', accountName: 'prod' }]);
    expect(seen).toEqual([{ url: '/assignment/accounts?max_result=5', token: 'bearer-token' }]);
    client.destroy();
  });
});
