/**
 * The launch page's counterpart for the launches that cannot take a file: page: the Firefox
 * container add-on (add-ons may not open file: URLs) and the default browser (the system's
 * opener may give an .html file to an editor). The browser's command line gets
 * `http://127.0.0.1:PORT/<random>` instead of the sign-in URL; a server on the loopback
 * interface answers that path exactly once, with a redirect to the sign-in URL, and closes a
 * moment later, or when its lifetime is up if nothing came for it.
 *
 * Any local user can read that command line, so the page is one-shot: if anything else takes
 * it first, the browser gets "already used" instead of a console, and the user notices. The
 * path is 256 random bits; requests addressed to another host name (DNS rebinding) or path
 * get an error and leave the page in place.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LanyardError } from '../domain/errors.js';
import type { Clock } from '../support/clock.js';

/** How long the page waits for the browser: a cold start, an add-on handing the URL on. */
export const LOOPBACK_PAGE_LIFETIME_MS = 20_000;
/** How long a spent page keeps answering "already used" before the server closes. */
export const LOOPBACK_PAGE_SPENT_GRACE_MS = 2_000;
const LOOPBACK_ADDRESS = '127.0.0.1';
const PATH_BYTES = 32;

/** On every answer: nothing is cached, nothing leaks through a Referer, one request per connection. */
const COMMON_HEADERS: Readonly<OutgoingHttpHeaders> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
};

export interface LoopbackPage {
  /** `http://127.0.0.1:PORT/<random>`: what goes on the command line. */
  url: string;
  /** Resolves true once the page has been handed out, false if it closed without. */
  served: Promise<boolean>;
  /** Resolves once the server has closed. */
  closed: Promise<void>;
  /** Closes the server now (idempotent). */
  close(): Promise<void>;
}

export interface LoopbackPageOptions {
  clock: Clock;
  lifetimeMs?: number;
  spentGraceMs?: number;
}

/** Serves a one-time redirect to `target` on 127.0.0.1 (a free port). */
export async function serveLoopbackPage(target: string, options: LoopbackPageOptions): Promise<LoopbackPage> {
  const { clock } = options;
  // A parsed href has no line breaks or other bytes that could not go in a Location header.
  const location = new URL(target).href;
  const secretPath = Buffer.from(`/${randomBytes(PATH_BYTES).toString('base64url')}`);
  let port = 0;
  let spent = false;
  let closing: Promise<void> | undefined;
  let timer: unknown;
  let markServed: (served: boolean) => void = () => undefined;
  const served = new Promise<boolean>((resolve) => (markServed = resolve));

  const server = createServer((request, response) => {
    const status = judge(request, port, secretPath, spent);
    if (status !== 'serve') {
      answer(response, status, status === 405 ? { Allow: 'GET' } : {}, STATUS_TEXT[status]);
      return;
    }
    spent = true;
    markServed(true);
    answer(response, 302, { Location: location }, '');
    restartTimer(options.spentGraceMs ?? LOOPBACK_PAGE_SPENT_GRACE_MS);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clock.clearTimeout(timer);
      markServed(false);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const restartTimer = (ms: number): void => {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void close(), ms);
  };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK_ADDRESS, port: 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw new LanyardError(
      'NETWORK',
      `Could not open a one-time page on ${LOOPBACK_ADDRESS} for the browser (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      'Check that Lanyard may listen on the loopback interface, or open the console in a browser profile.',
    );
  }
  port = (server.address() as AddressInfo).port;
  server.on('error', () => void close());
  restartTimer(options.lifetimeMs ?? LOOPBACK_PAGE_LIFETIME_MS);
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  return { url: `http://${LOOPBACK_ADDRESS}:${port}${secretPath.toString()}`, served, closed, close };
}

type Verdict = 'serve' | 403 | 404 | 405 | 410;

const STATUS_TEXT: Readonly<Record<Exclude<Verdict, 'serve'>, string>> = {
  403: 'This page answers only on 127.0.0.1.\n',
  404: 'Not found.\n',
  405: 'Only GET.\n',
  410: 'This one-time link to the AWS console was already used. Open the console again from Lanyard.\n',
};

function judge(request: IncomingMessage, port: number, secretPath: Buffer, spent: boolean): Verdict {
  const host = request.headers.host?.toLowerCase();
  if (host !== `${LOOPBACK_ADDRESS}:${port}` && host !== `localhost:${port}`) return 403;
  const requested = Buffer.from(request.url ?? '');
  if (requested.length !== secretPath.length || !timingSafeEqual(requested, secretPath)) return 404;
  if (request.method !== 'GET') return 405;
  return spent ? 410 : 'serve';
}

function answer(response: ServerResponse, status: number, headers: OutgoingHttpHeaders, body: string): void {
  response.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}
