import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LanyardError } from '../domain/errors.js';

export const CALLBACK_PATH = '/oauth/callback';

const PAGE_STYLE =
  'body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;color:#1d2330;background:#f5f6f8}' +
  'main{max-width:28rem;padding:2rem;border-radius:12px;background:#fff;box-shadow:0 2px 12px #0001;text-align:center}' +
  '@media (prefers-color-scheme:dark){body{background:#15181e;color:#e6e8ec}main{background:#1f232b}}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${PAGE_STYLE}</style></head><body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
}

/** Compares secrets in time that does not depend on where they differ. */
function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** An OAuth `error` code as RFC 6749 allows it, or a placeholder: never raw text from the URL. */
function errorCode(value: string | null): string {
  if (value === null) return 'no authorization code';
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'an unreadable error';
}

/**
 * The loopback listener for the authorization-code flow (RFC 8252): a one-shot HTTP server
 * on 127.0.0.1 with a random port that waits for the browser to come back to
 * `/oauth/callback?code=...&state=...`. It answers only requests addressed to itself (the Host
 * header: a web page cannot reach it through DNS rebinding), compares the state in constant
 * time, and takes exactly one callback: a stray or forged request cannot end the sign-in, and
 * nothing after the first answer changes it.
 */
export class LoopbackRedirect {
  private constructor(
    private readonly server: http.Server,
    readonly redirectUri: string,
    private readonly result: Promise<string>,
  ) {}

  static async listen(expectedState: string): Promise<LoopbackRedirect> {
    let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
    const result = new Promise<string>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // The browser may answer before anyone waits: that is not an unhandled rejection.
    result.catch(() => undefined);
    let port = 0;
    let answered = false;
    const server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, html: string): void => {
        response.writeHead(status, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        });
        response.end(html);
      };
      const host = request.headers.host;
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        send(403, page('Not allowed', 'This address only receives the AWS sign-in response.'));
        return;
      }
      if (answered) {
        send(410, page('Already done', 'Lanyard already has the answer to this sign-in. You can close this tab.'));
        return;
      }
      if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
        send(404, page('Not found', 'This address only receives the AWS sign-in response.'));
        return;
      }
      if (!sameSecret(url.searchParams.get('state'), expectedState)) {
        send(
          400,
          page(
            'Sign-in response rejected',
            'This response does not belong to the sign-in Lanyard started. Return to Lanyard and try again.',
          ),
        );
        return;
      }
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      answered = true;
      if (error || !code) {
        send(400, page('Sign-in was not completed', 'Access was not granted. Return to Lanyard to try again.'));
        settle.reject(
          new LanyardError(
            'ACCESS_DENIED',
            `Sign-in was not completed in the browser (${errorCode(error)}).`,
            'Start the sign-in again and choose Allow.',
          ),
        );
        return;
      }
      send(200, page('You are signed in', 'Lanyard has your AWS sign-in. You can close this tab.'));
      settle.resolve(code);
    });
    server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    return new LoopbackRedirect(server, `http://127.0.0.1:${port}${CALLBACK_PATH}`, result);
  }

  /** Resolves with the authorization code. */
  waitForCode(): Promise<string> {
    return this.result;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}
