import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LOOPBACK_PAGE_LIFETIME_MS,
  LOOPBACK_PAGE_SPENT_GRACE_MS,
  type LoopbackPage,
  serveLoopbackPage,
} from '../../../../electron/core/console/loopback-page.js';
import { FakeClock } from '../../../support/fake-clock.js';

const SIGN_IN_URL =
  'https://signin.aws.amazon.com/federation?Action=login&Issuer=Lanyard&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=FAKE-SIGNIN-TOKEN';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw HTTP request, so a test can set the Host header and method a browser (or anyone else) might send. */
function get(url: string, options: { host?: string; method?: string; path?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path ?? target.pathname,
        headers: { host: options.host ?? target.host },
        agent: false,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

let clock: FakeClock;
let pages: LoopbackPage[] = [];

async function serve(options: { lifetimeMs?: number; spentGraceMs?: number } = {}): Promise<LoopbackPage> {
  clock = new FakeClock();
  const page = await serveLoopbackPage(SIGN_IN_URL, { clock, ...options });
  pages.push(page);
  return page;
}

afterEach(async () => {
  await Promise.all(pages.map((page) => page.close()));
  pages = [];
});

describe('a one-time loopback page', () => {
  it('lives on 127.0.0.1 under an unguessable path, different every time', async () => {
    const first = await serve();
    const second = await serve();
    for (const page of [first, second]) expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{43}$/);
    expect(new URL(first.url).pathname).not.toBe(new URL(second.url).pathname);
    expect(first.url).not.toContain('FAKE-SIGNIN-TOKEN');
  });

  it('sends the browser on to the sign-in URL, uncached and without a referrer', async () => {
    const page = await serve();
    const answer = await get(page.url);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(SIGN_IN_URL);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toBe('');
    expect(await page.served).toBe(true);
  });

  it('answers the right Host as localhost too', async () => {
    const page = await serve();
    const answer = await get(page.url, { host: `localhost:${new URL(page.url).port}` });
    expect(answer.status).toBe(302);
  });

  it('is handed out exactly once: after that it is gone, and the server closes soon after', async () => {
    const page = await serve();
    expect((await get(page.url)).status).toBe(302);
    const again = await get(page.url);
    expect(again.status).toBe(410);
    expect(again.headers.location).toBeUndefined();
    expect(again.body).not.toContain('FAKE-SIGNIN-TOKEN');
    expect(again.body).toContain('already used');

    clock.advance(LOOPBACK_PAGE_SPENT_GRACE_MS - 1);
    expect((await get(page.url)).status).toBe(410);
    clock.advance(1);
    await page.closed;
    await expect(get(page.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it.each([
    ['another host name (DNS rebinding)', { host: 'evil.example' }, 403],
    ['another host name on the same port', { host: 'evil.example:PORT' }, 403],
    ['the right host on another port', { host: '127.0.0.1:1' }, 403],
    ['another path', { path: '/favicon.ico' }, 404],
    ['the root', { path: '/' }, 404],
    ['the path with a query', { path: 'PATH?x=1' }, 404],
    ['the path with a trailing slash', { path: 'PATH/' }, 404],
    ['the path in another case', { path: 'UPPER' }, 404],
    ['a HEAD request', { method: 'HEAD' }, 405],
    ['a POST request', { method: 'POST' }, 405],
  ] as Array<[string, { host?: string; path?: string; method?: string }, number]>)(
    'refuses %s and stays in place for the browser',
    async (_label, options, status) => {
      const page = await serve();
      const { port, pathname } = new URL(page.url);
      const refused = await get(page.url, {
        ...(options.method ? { method: options.method } : {}),
        ...(options.host ? { host: options.host.replace('PORT', port) } : {}),
        ...(options.path
          ? {
              path: options.path === 'UPPER' ? pathname.toUpperCase() : options.path.replace('PATH', pathname),
            }
          : {}),
      });
      expect(refused.status).toBe(status);
      expect(refused.headers.location).toBeUndefined();
      expect(refused.headers['cache-control']).toBe('no-store');
      expect(refused.body).not.toContain('FAKE-SIGNIN-TOKEN');
      expect((await get(page.url)).status).toBe(302);
    },
  );

  it('closes when its lifetime is up if nothing came for it', async () => {
    const page = await serve();
    let closed = false;
    void page.closed.then(() => (closed = true));
    clock.advance(LOOPBACK_PAGE_LIFETIME_MS - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    clock.advance(1);
    await page.closed;
    expect(await page.served).toBe(false);
    expect(clock.pendingTimers).toBe(0);
    await expect(get(page.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('takes its lifetime and grace from the caller, and closes at once when asked (more than once)', async () => {
    const page = await serve({ lifetimeMs: 500, spentGraceMs: 50 });
    clock.advance(499);
    expect((await get(page.url)).status).toBe(302);
    clock.advance(49);
    expect((await get(page.url)).status).toBe(410);
    clock.advance(1);
    await page.closed;

    const other = await serve();
    await Promise.all([other.close(), other.close()]);
    await other.closed;
    expect(await other.served).toBe(false);
    await expect(get(other.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
