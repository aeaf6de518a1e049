import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../../electron/core/network/agent.js';
import { ConnectionError } from '../../../../electron/core/network/network-errors.js';
import { type TestCa, createTestCa } from '../../../support/test-ca.js';
import { type TestProxy, startTestProxy } from '../../../support/test-proxy.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

let ca: TestCa;
let temp: TempHome;
const closers: Array<() => Promise<void>> = [];

beforeAll(() => {
  ca = createTestCa();
  temp = createTempHome();
});
afterAll(() => {
  ca.cleanup();
  temp.cleanup();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A server answering every request with its method and URL as it arrived. */
function echo(): (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void {
  return (request, response) => {
    response.setHeader('content-type', 'text/plain');
    response.end(`${request.method} ${request.url}`);
  };
}

async function proxy(options?: { user?: string; password?: string }): Promise<TestProxy> {
  const started = await startTestProxy(options);
  closers.push(() => started.close());
  return started;
}

function network(env: Record<string, string>, connectTimeoutMs?: number): Network {
  return new Network({ env, paths: temp.paths, ...(connectTimeoutMs ? { connectTimeoutMs } : {}) });
}

describe('Network.fetch', () => {
  it('sends http URLs through HTTP_PROXY in absolute form, on new and reused connections', async () => {
    const host = await listen(createHttpServer(echo()));
    const via = await proxy();
    const net = network({ HTTP_PROXY: via.url });
    for (const path of ['/one', '/two?x=1']) {
      const response = await net.fetch(`http://${host}${path}`);
      expect(await response.text()).toBe(`GET ${path}`);
    }
    expect(via.requests).toEqual([`http://${host}/one`, `http://${host}/two?x=1`]);
  });

  it('tunnels https URLs through HTTPS_PROXY with CONNECT and checks the certificate against AWS_CA_BUNDLE', async () => {
    const host = await listen(createHttpsServer(ca.issue(['127.0.0.1']), echo()));
    const via = await proxy({ user: 'u', password: 'p w' });
    const response = await network({ HTTPS_PROXY: via.urlWith('u', 'p w'), AWS_CA_BUNDLE: ca.caFile }).fetch(
      `https://${host}/federation`,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('GET /federation');
    expect(via.requests).toEqual([host]);
  });

  it("reaches an https:// proxy, checking the proxy's own certificate against the same roots", async () => {
    const host = await listen(createHttpsServer(ca.issue(['127.0.0.1']), echo()));
    const proxyServer = createProxy(createHttpsServer(ca.issue(['127.0.0.1'])));
    const proxyHost = await listen(proxyServer);
    const response = await network({ HTTPS_PROXY: `https://${proxyHost}`, AWS_CA_BUNDLE: ca.caFile }).fetch(
      `https://${host}/through-tls-proxy`,
    );
    expect(await response.text()).toBe('GET /through-tls-proxy');
  });

  it('refuses an untrusted certificate before sending anything, naming its issuer', async () => {
    let served = 0;
    const host = await listen(
      createHttpsServer(ca.issue(['127.0.0.1']), (request, response) => {
        served += 1;
        echo()(request, response);
      }),
    );
    const error = await network({})
      .fetch(`https://${host}/secret?Session=x`)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).details).toMatchObject({
      target: host,
      issuer: `${ca.commonName} (Lanyard Tests)`,
    });
    expect((error as ConnectionError).message).not.toContain('secret');
    expect(served).toBe(0);
  });

  it('checks the host name too', async () => {
    const host = await listen(createHttpsServer(ca.issue(['elsewhere.test']), echo()));
    const error = (await network({ AWS_CA_BUNDLE: ca.caFile })
      .fetch(`https://${host}/`)
      .catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('gives up on a connection that never completes after the connect timeout', async () => {
    // Accepts the TCP connection and never speaks TLS.
    const silent = createTcpServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const error = (await network({}, 200)
      .fetch(`https://${host}/`)
      .catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.details.timeoutMs).toBe(200);
  });

  it('checks an IP address against the certificate through a tunnel too (no SNI there to check by)', async () => {
    // A certificate for localhost only: 127.0.0.1 must not pass as "localhost".
    const host = await listen(createHttpsServer(ca.issue(['localhost']), echo()));
    const via = await proxy();
    const error = (await network({ HTTPS_PROXY: via.url, AWS_CA_BUNDLE: ca.caFile })
      .fetch(`https://${host}/`)
      .catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('a proxy answering CONNECT with 407 is a ConnectionError, not a response', async () => {
    const host = await listen(createHttpsServer(ca.issue(['127.0.0.1']), echo()));
    const via = await proxy({ user: 'u', password: 'right' });
    const error = (await network({ HTTPS_PROXY: via.urlWith('u', 'wrong'), AWS_CA_BUNDLE: ca.caFile })
      .fetch(`https://${host}/`)
      .catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.details).toMatchObject({
      proxyStatus: 407,
      proxy: expect.stringMatching(/^http:\/\/u:\*\*\*@127\.0\.0\.1:\d+$/),
    });
  });

  it('honours an abort signal with its reason', async () => {
    const host = await listen(createHttpServer(() => {}));
    const error = await network({})
      .fetch(`http://${host}/`, { signal: AbortSignal.timeout(50) })
      .catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('TimeoutError');
  });
});

describe('Network.requestHandler', () => {
  it('gives each SDK client its own agent, so destroying one leaves the others working', () => {
    const net = network({});
    const first = net.requestHandler();
    const second = net.requestHandler();
    expect(first.httpsAgent).not.toBe(second.httpsAgent);
    expect(first).toMatchObject({ connectionTimeout: 5_000, requestTimeout: 15_000 });
  });
});
