import { execFile } from 'node:child_process';
import http from 'node:http';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CredentialServer,
  type CredentialServerOptions,
} from '../../../../electron/core/credentials/credential-server.js';
import { ROLE_CREDENTIALS_MIN_VALIDITY_MS } from '../../../../electron/core/credentials/role-credentials-cache.js';
import { LanyardError, signInHint } from '../../../../electron/core/domain/errors.js';
import type { RoleCredentials } from '../../../../electron/core/domain/model.js';
import { type Clock, systemClock } from '../../../../electron/core/support/clock.js';
import { FAKE_CLOCK_START, FakeClock } from '../../../support/fake-clock.js';
import { PYTHON } from '../../../support/python.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const ACCOUNT_ID = '123456789012';
const HOUR = 60 * 60_000;

/** Numbered fake credentials that live `lifetimeMs` from the clock's now; no real secret anywhere. */
function minting(clock: Clock, lifetimeMs: number) {
  let minted = 0;
  return vi.fn(async (_minValidityMs: number): Promise<RoleCredentials> => {
    minted += 1;
    return {
      accessKeyId: `ASIAFAKE${String(minted).padStart(8, '0')}`,
      secretAccessKey: `fake-secret-${minted}`,
      sessionToken: `fake-session-${minted}`,
      expiration: clock.now() + lifetimeMs,
    };
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; agent?: http.Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, socket }),
        );
      },
    );
    let socket: Socket;
    request.on('socket', (assigned) => (socket = assigned));
    request.on('error', reject);
    request.end();
  });
}

interface CredentialsAnswer {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  AccountId?: string;
}

let servers: CredentialServer[] = [];
let temp: TempHome | undefined;
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
  temp?.cleanup();
  temp = undefined;
  vi.unstubAllEnvs();
});

async function serve(options: CredentialServerOptions) {
  const server = new CredentialServer(options);
  servers.push(server);
  const endpoint = await server.start();
  const ask = (headers: Record<string, string> = {}, extra: { method?: string; url?: string } = {}) =>
    send(extra.url ?? endpoint.url, { method: extra.method, headers: { Authorization: endpoint.token, ...headers } });
  const credentials = async (): Promise<CredentialsAnswer> => {
    const answer = await ask();
    expect(answer.status, answer.body).toBe(200);
    return JSON.parse(answer.body) as CredentialsAnswer;
  };
  return { server, endpoint, ask, credentials };
}

describe('credential server: the answer', () => {
  it('answers 200 JSON in the container-credentials format, on 127.0.0.1', async () => {
    const clock = new FakeClock();
    const createServer = vi.spyOn(http, 'createServer');
    const { endpoint, ask } = await serve({ credentials: minting(clock, HOUR), accountId: ACCOUNT_ID, clock });

    const answer = await ask();

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toEqual({
      AccessKeyId: 'ASIAFAKE00000001',
      SecretAccessKey: 'fake-secret-1',
      Token: 'fake-session-1',
      Expiration: '2025-01-06T10:00:00Z',
      AccountId: ACCOUNT_ID,
    });
    expect(endpoint.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${endpoint.port}/[A-Za-z0-9_-]{22}$`));
    expect(endpoint.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listening = createServer.mock.results[0]?.value as http.Server;
    expect(listening.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: endpoint.port });
  });

  it('gives each server its own token and path, and the environment a child needs', async () => {
    const clock = new FakeClock();
    const first = await serve({ credentials: minting(clock, HOUR), clock });
    const second = await serve({ credentials: minting(clock, HOUR), clock, token: 'chosen-token' });

    expect(first.server.environment()).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: first.endpoint.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: first.endpoint.token,
    });
    expect(second.endpoint.token).toBe('chosen-token');
    expect(new URL(first.endpoint.url).pathname).not.toBe(new URL(second.endpoint.url).pathname);
    expect((await second.ask()).status).toBe(200);
  });

  it('leaves AccountId out when it does not know the account', async () => {
    const clock = new FakeClock();
    const { credentials } = await serve({ credentials: minting(clock, HOUR), clock });
    expect(Object.keys(await credentials())).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
  });

  it('hands out an Expiration rounded down to the second, never later than the real one', async () => {
    const clock = new FakeClock(FAKE_CLOCK_START + 250);
    const { credentials } = await serve({ credentials: minting(clock, HOUR + 700), clock });
    expect((await credentials()).Expiration).toBe('2025-01-06T10:00:00Z');
  });
});

describe('credential server: who gets an answer', () => {
  it('refuses requests without the token (401) and with a wrong one (403)', async () => {
    const clock = new FakeClock();
    const fetch = minting(clock, HOUR);
    const { endpoint } = await serve({ credentials: fetch, clock });

    const missing = await send(endpoint.url);
    const wrong = await send(endpoint.url, { headers: { Authorization: 'not-the-token' } });
    const bearer = await send(endpoint.url, { headers: { Authorization: `Bearer ${endpoint.token}` } });

    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ Code: 'UNAUTHORIZED' });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body)).toMatchObject({ Code: 'FORBIDDEN' });
    expect(bearer.status).toBe(403);
    for (const answer of [missing, wrong, bearer]) expect(answer.body).not.toContain('fake-secret');
  });

  it('refuses a Host header other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding) with 403', async () => {
    const clock = new FakeClock();
    const { endpoint, ask } = await serve({ credentials: minting(clock, HOUR), clock });

    const rebound = await ask({ Host: `evil.example:${endpoint.port}` });
    const otherPort = await ask({ Host: `127.0.0.1:${endpoint.port + 1}` });
    const noPort = await ask({ Host: '127.0.0.1' });
    const localhost = await ask({ Host: `LocalHost:${endpoint.port}` });

    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ Code: 'FORBIDDEN_HOST' });
    expect(rebound.body).not.toContain('fake-secret');
    expect(otherPort.status).toBe(403);
    expect(noPort.status).toBe(403);
    expect(localhost.status).toBe(200);
  });

  it('answers 404 on any other path and 405 to anything but GET', async () => {
    const clock = new FakeClock();
    const { endpoint, ask } = await serve({ credentials: minting(clock, HOUR), clock });
    const origin = `http://127.0.0.1:${endpoint.port}`;

    expect((await ask({}, { url: `${origin}/` })).status).toBe(404);
    expect((await ask({}, { url: `${endpoint.url}/more` })).status).toBe(404);
    expect((await ask({}, { url: `${origin}/latest/meta-data/` })).status).toBe(404);
    const post = await ask({}, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await ask({}, { method: 'PUT' })).status).toBe(405);
    expect((await ask({}, { url: `${endpoint.url}?role=x` })).status).toBe(200);
  });
});

describe('credential server: fetching and renewing', () => {
  it('answers warm requests from memory without asking for credentials again', async () => {
    const clock = new FakeClock();
    const fetch = minting(clock, HOUR);
    const { credentials } = await serve({ credentials: fetch, clock });

    const first = await credentials();
    for (let index = 0; index < 10; index += 1) {
      await clock.advanceAsync(60_000);
      expect((await credentials()).AccessKeyId).toBe(first.AccessKeyId);
    }
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(ROLE_CREDENTIALS_MIN_VALIDITY_MS);
  });

  it('shares one fetch among 20 concurrent cold requests', async () => {
    const clock = new FakeClock();
    const mint = minting(clock, 5_000);
    const gated = vi.fn(async (minValidityMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return mint(minValidityMs);
    });
    const { credentials } = await serve({ credentials: gated, clock });

    const cold = await Promise.all(Array.from({ length: 20 }, () => credentials()));
    expect(gated).toHaveBeenCalledTimes(1);
    expect(new Set(cold.map((answer) => answer.AccessKeyId))).toEqual(new Set(['ASIAFAKE00000001']));

    clock.advance(6_000); // those have expired: cold again
    const again = await Promise.all(Array.from({ length: 20 }, () => credentials()));
    expect(gated).toHaveBeenCalledTimes(2);
    expect(new Set(again.map((answer) => answer.AccessKeyId))).toEqual(new Set(['ASIAFAKE00000002']));
  });

  it('renews proactively, before the credentials fall below the min validity', async () => {
    const clock = new FakeClock();
    const fetch = minting(clock, HOUR);
    const { credentials } = await serve({ credentials: fetch, clock });
    await credentials();

    await clock.advanceAsync(HOUR - ROLE_CREDENTIALS_MIN_VALIDITY_MS);
    expect(fetch).toHaveBeenCalledTimes(1);
    await clock.advanceAsync(1_000);

    expect(fetch).toHaveBeenCalledTimes(2);
    const renewed = await credentials();
    expect(renewed.AccessKeyId).toBe('ASIAFAKE00000002');
    expect(Date.parse(renewed.Expiration)).toBe(clock.now() + HOUR);
    expect(clock.pendingTimers).toBe(1);
  });

  it('always has at least the min validity in hand for hour-long credentials, over a day', async () => {
    const clock = new FakeClock();
    const fetch = minting(clock, HOUR);
    const { credentials } = await serve({ credentials: fetch, clock });
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      const answer = await credentials();
      expect(Date.parse(answer.Expiration) - clock.now()).toBeGreaterThanOrEqual(
        ROLE_CREDENTIALS_MIN_VALIDITY_MS - 1_000,
      );
      await clock.advanceAsync(7 * 60_000);
    }
    // One fetch every 40 minutes, not one a request.
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(37);
  });

  it('renews on the next request when its timer is late (a laptop that slept)', async () => {
    const clock = new FakeClock();
    // Time moves but timers never fire, as after a sleep when they are still waiting.
    const asleep: Clock = { now: () => clock.now(), setTimeout: () => 'never', clearTimeout: () => undefined };
    const fetch = minting(clock, HOUR);
    const { credentials } = await serve({ credentials: fetch, clock: asleep });
    await credentials();

    clock.advance(HOUR - 5 * 60_000);
    // Still valid for 5 minutes: handed out at once, and renewed behind it.
    expect((await credentials()).AccessKeyId).toBe('ASIAFAKE00000001');
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect((await credentials()).AccessKeyId).toBe('ASIAFAKE00000002');
  });

  it('renews credentials that live shorter than the min validity 30 s before they expire', async () => {
    const clock = new FakeClock();
    const fetch = minting(clock, 10 * 60_000);
    const { credentials } = await serve({ credentials: fetch, clock });
    await credentials();

    await clock.advanceAsync(9 * 60_000 + 29_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    await clock.advanceAsync(1_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect((await credentials()).AccessKeyId).toBe('ASIAFAKE00000002');
  });

  it('hands out credentials of a few seconds only while they are unexpired, and rolls them over', async () => {
    const clock = new FakeClock();
    const fetch = minting(clock, 5_000);
    const { credentials } = await serve({ credentials: fetch, clock });

    const keys = new Set<string>();
    for (let step = 0; step < 120; step += 1) {
      const answer = await credentials();
      expect(Date.parse(answer.Expiration)).toBeGreaterThan(clock.now());
      keys.add(answer.AccessKeyId);
      await clock.advanceAsync(700);
    }
    // 84 s of 5 s credentials handed out while at least 2.5 s remain: one fetch every ~2.8 s.
    expect(keys.size).toBeGreaterThanOrEqual(25);
    expect(fetch.mock.calls.length).toBe(keys.size);
    // A renewal timer for credentials that are gone before it fires would only cost API calls.
    expect(clock.pendingTimers).toBe(0);
  });

  it('answers 503 with the LanyardError and its hint, and reports each failure streak once', async () => {
    const clock = new FakeClock();
    const mint = minting(clock, HOUR);
    let signedIn = false;
    const fetch = vi.fn(async (minValidityMs: number) => {
      if (!signedIn) throw new LanyardError('SIGN_IN_REQUIRED', 'The SSO session work is over.', signInHint('work'));
      return mint(minValidityMs);
    });
    const onError = vi.fn();
    const { ask, credentials } = await serve({ credentials: fetch, clock, onError });

    const refused = await ask();
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe('application/json');
    expect(JSON.parse(refused.body)).toEqual({
      Code: 'SIGN_IN_REQUIRED',
      Message: `The SSO session work is over. ${signInHint('work')}`,
    });
    expect((await ask()).status).toBe(503);
    await clock.advanceAsync(15 * 60_000); // backoff retries: 30 s, 1, 2, 4, 5 minutes...
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(LanyardError);

    signedIn = true;
    expect((await credentials()).AccessKeyId).toBe('ASIAFAKE00000001');

    // A failing proactive renewal: a new streak, reported once however often it is retried,
    // while the credentials in hand (20 minutes left) are still handed out.
    signedIn = false;
    const callsBefore = fetch.mock.calls.length;
    await clock.advanceAsync(HOUR - ROLE_CREDENTIALS_MIN_VALIDITY_MS + 1_000);
    expect(fetch.mock.calls.length).toBe(callsBefore + 1);
    expect(onError).toHaveBeenCalledTimes(2);
    await clock.advanceAsync(10 * 60_000);
    expect(fetch.mock.calls.length).toBeGreaterThan(callsBefore + 3);
    expect(onError).toHaveBeenCalledTimes(2);
    expect((await credentials()).AccessKeyId).toBe('ASIAFAKE00000001');

    signedIn = true;
    await clock.advanceAsync(5 * 60_000);
    expect((await credentials()).AccessKeyId).toBe('ASIAFAKE00000002');
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('answers 500 without passing on the text of an unexpected error', async () => {
    const clock = new FakeClock();
    const fetch = vi.fn(async (): Promise<RoleCredentials> => {
      throw new Error('boom: fake-secret-internal');
    });
    const { ask } = await serve({ credentials: fetch, clock });

    const answer = await ask();
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ Code: 'INTERNAL' });
    expect(answer.body).not.toContain('fake-secret-internal');
  });

  it('stop() closes the server and keep-alive connections and clears its timers', async () => {
    const clock = new FakeClock();
    const { server, endpoint } = await serve({ credentials: minting(clock, HOUR), clock });
    const agent = new http.Agent({ keepAlive: true });
    const answer = await send(endpoint.url, { headers: { Authorization: endpoint.token }, agent });
    expect(answer.status).toBe(200);
    expect(clock.pendingTimers).toBe(1);

    expect(answer.socket.destroyed).toBe(false); // kept alive in the agent

    await server.stop();

    await new Promise((resolve) =>
      answer.socket.destroyed ? resolve(undefined) : answer.socket.once('close', resolve),
    );
    expect(clock.pendingTimers).toBe(0);
    await expect(send(endpoint.url, { headers: { Authorization: endpoint.token } })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(() => server.environment()).toThrow();
    agent.destroy();
  });

  it('rejects start() with a LanyardError when the port is taken', async () => {
    const clock = new FakeClock();
    const { endpoint } = await serve({ credentials: minting(clock, HOUR), clock });
    const second = new CredentialServer({ credentials: minting(clock, HOUR), clock, port: endpoint.port });
    await expect(second.start()).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('credential server: the SDKs resolve it', () => {
  it('the JS SDK (fromHttp, from AWS_CONTAINER_CREDENTIALS_FULL_URI and the token)', async () => {
    const { server } = await serve({ credentials: minting(systemClock, HOUR), accountId: ACCOUNT_ID });
    for (const [name, value] of Object.entries(server.environment())) vi.stubEnv(name, value);

    const resolved = await fromHttp()();

    expect(resolved.accessKeyId).toBe('ASIAFAKE00000001');
    expect(resolved.secretAccessKey).toBe('fake-secret-1');
    expect(resolved.sessionToken).toBe('fake-session-1');
    expect(resolved.expiration!.getTime() - Date.now()).toBeGreaterThan(HOUR - 5_000);
  });

  it('botocore (ContainerProvider), as the AWS CLI and boto3 use it', async () => {
    temp = createTempHome();
    const { server } = await serve({ credentials: minting(systemClock, HOUR), accountId: ACCOUNT_ID });

    const resolved = await resolveWithBotocore({ ...temp.env, ...server.environment() });

    expect(resolved).toEqual({ method: 'container-role', accessKeyId: 'ASIAFAKE00000001', accountId: ACCOUNT_ID });
  });

  it('botocore shows the reason and what to do when there are no credentials', async () => {
    temp = createTempHome();
    const fetch = vi.fn(async (): Promise<RoleCredentials> => {
      throw new LanyardError('SIGN_IN_REQUIRED', 'The SSO session work is over.', signInHint('work'));
    });
    const { server } = await serve({ credentials: fetch });

    const resolved = await resolveWithBotocore({ ...temp.env, ...server.environment() });

    expect(resolved.accessKeyId).toBeUndefined();
    expect(resolved.error).toContain('503');
    expect(resolved.error).toContain('lanyard login --sso-session work');
  });
});

const BOTOCORE_RESOLVE = `
import json, botocore.session
try:
    credentials = botocore.session.Session().get_credentials()
    frozen = credentials.get_frozen_credentials()
    print(json.dumps({"method": credentials.method, "accessKeyId": frozen.access_key, "accountId": frozen.account_id}))
except Exception as error:
    print(json.dumps({"error": str(error)}))
`;

async function resolveWithBotocore(
  env: Record<string, string>,
): Promise<{ method?: string; accessKeyId?: string; accountId?: string; error?: string }> {
  const { stdout } = await promisify(execFile)(PYTHON, ['-c', BOTOCORE_RESOLVE], { env, timeout: 30_000 });
  return JSON.parse(stdout) as { method?: string; accessKeyId?: string; error?: string };
}
