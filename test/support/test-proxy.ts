/**
 * An HTTP proxy on 127.0.0.1 for tests (TooTallNate's `proxy` package: CONNECT for https, and
 * absolute-form requests for http) that records what it carried and can demand Basic auth.
 */
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

export interface TestProxy {
  /** `http://127.0.0.1:<port>`, without credentials. */
  readonly url: string;
  /** `http://user:password@127.0.0.1:<port>` for a proxy that wants credentials. */
  urlWith(user: string, password: string): string;
  /** What was asked of it, in order: `host:port` for a CONNECT, the absolute URL otherwise. */
  readonly requests: string[];
  /** Requests it answered 407. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startTestProxy(options: { user?: string; password?: string } = {}): Promise<TestProxy> {
  const server = createProxy(createServer());
  const requests: string[] = [];
  let refused = 0;
  const expected = options.user
    ? `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}`
    : undefined;
  if (expected) {
    server.authenticate = (request: IncomingMessage) => {
      const ok = request.headers['proxy-authorization'] === expected;
      if (!ok) refused += 1;
      return ok;
    };
  }
  const record = (request: IncomingMessage): void => {
    requests.push(request.url ?? '');
  };
  // Listeners added before the proxy's own would be too; order does not matter for recording.
  server.on('connect', record);
  server.on('request', record);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    urlWith: (user, password) => `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    requests,
    get refused() {
      return refused;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
