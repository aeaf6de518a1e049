import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopbackRedirect } from '../../../../electron/core/sessions/loopback-redirect.js';

const STATE = 'state-0123456789abcdef';
let redirect: LoopbackRedirect | undefined;
afterEach(() => {
  redirect?.close();
  redirect = undefined;
});

/** A GET to the listener, with the Host header a browser (or an attacker's page) would send. */
function get(target: string, host?: string): Promise<number> {
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, headers: host ? { host } : {} },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const callback = (base: string, query: string): string => `${base}?${query}`;

describe('LoopbackRedirect', () => {
  it('takes the code from the callback with the right state, once', async () => {
    redirect = await LoopbackRedirect.listen(STATE);
    const settled = redirect.waitForCode();
    expect(await get(callback(redirect.redirectUri, 'code=forged&state=wrong'))).toBe(400);
    expect(await get(callback(redirect.redirectUri, 'code=forged'))).toBe(400);
    expect(await get(callback(redirect.redirectUri, `code=the-code&state=${STATE}`))).toBe(200);
    await expect(settled).resolves.toBe('the-code');
    // Exactly one callback: a second one, even a valid-looking one, changes nothing.
    expect(await get(callback(redirect.redirectUri, `code=later&state=${STATE}`))).toBe(410);
    await expect(redirect.waitForCode()).resolves.toBe('the-code');
  });

  it('answers only requests addressed to itself (no DNS rebinding)', async () => {
    redirect = await LoopbackRedirect.listen(STATE);
    const port = new URL(redirect.redirectUri).port;
    const query = `code=rebound&state=${STATE}`;
    expect(await get(callback(redirect.redirectUri, query), `evil.example:${port}`)).toBe(403);
    expect(await get(callback(redirect.redirectUri, query), '127.0.0.1:1')).toBe(403);
    expect(await get(callback(redirect.redirectUri, `code=good&state=${STATE}`), `localhost:${port}`)).toBe(200);
    await expect(redirect.waitForCode()).resolves.toBe('good');
  });

  it('reports a refusal by its OAuth error code, never by raw text from the URL', async () => {
    redirect = await LoopbackRedirect.listen(STATE);
    const refused = redirect.waitForCode();
    const hostile = encodeURIComponent('\u001b]0;owned\u0007 <b>x</b>');
    expect(await get(callback(redirect.redirectUri, `error=${hostile}&state=${STATE}`))).toBe(400);
    await expect(refused).rejects.toThrow('Sign-in was not completed in the browser (an unreadable error).');

    redirect.close();
    redirect = await LoopbackRedirect.listen(STATE);
    const declined = redirect.waitForCode();
    expect(await get(callback(redirect.redirectUri, `error=access_denied&state=${STATE}`))).toBe(400);
    await expect(declined).rejects.toThrow('(access_denied)');
  });
});
