import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PARTITIONS } from '../../../../electron/core/console/partitions.js';
import {
  createConsoleSignIn,
  federationEndpoint,
  loginUrl,
  overriddenSigninOrigins,
  SIGNIN_ISSUER,
} from '../../../../electron/core/console/signin-url.js';
import { isLanyardError, type LanyardError } from '../../../../electron/core/domain/errors.js';
import type { RoleCredentials } from '../../../../electron/core/domain/model.js';

const CREDENTIALS: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLEKEYID0001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY1',
  sessionToken: 'IQoJb3JpZ2luX2VjSESSIONTOKEN+/=abc',
  expiration: Date.UTC(2025, 0, 6, 10, 0, 0),
};
const SIGNIN_TOKEN = 'SIGNINTOKEN-0123456789abcdef';
const SECRETS = [
  CREDENTIALS.secretAccessKey,
  CREDENTIALS.sessionToken,
  SIGNIN_TOKEN,
  encodeURIComponent(CREDENTIALS.secretAccessKey),
];

type FetchStub = (input: URL, init: RequestInit) => Promise<Response>;

function stubFetch(handler: FetchStub): { fetch: typeof fetch; requests: URL[] } {
  const requests: URL[] = [];
  const fetchImpl = (async (input: URL, init: RequestInit) => {
    requests.push(new URL(input));
    return handler(new URL(input), init);
  }) as unknown as typeof fetch;
  return { fetch: fetchImpl, requests };
}

const answersToken: FetchStub = async () => Response.json({ SigninToken: SIGNIN_TOKEN });

async function failure(run: () => Promise<unknown>): Promise<LanyardError> {
  try {
    await run();
  } catch (error) {
    if (isLanyardError(error)) return error;
    throw error;
  }
  throw new Error('expected a LanyardError');
}

/** Everything of an error that could reach a terminal, a log or a crash report. */
function everythingShown(error: LanyardError): string {
  return [
    error.message,
    error.hint ?? '',
    error.describe(),
    error.stack ?? '',
    inspect(error, { depth: 5 }),
    JSON.stringify(error),
  ].join('\n');
}

function expectNoSecrets(error: LanyardError): void {
  const shown = everythingShown(error);
  for (const secret of SECRETS) expect(shown).not.toContain(secret);
  expect(shown).not.toMatch(/SigninToken=|Session=|sessionKey/);
  expect(error.cause).toBeUndefined();
}

describe('federation endpoint', () => {
  it('is the partition sign-in host', () => {
    expect(federationEndpoint(PARTITIONS.aws, {}).href).toBe('https://signin.aws.amazon.com/federation');
    expect(federationEndpoint(PARTITIONS['aws-us-gov'], {}).href).toBe(
      'https://signin.amazonaws-us-gov.com/federation',
    );
    expect(federationEndpoint(PARTITIONS['aws-cn'], {}).href).toBe('https://signin.amazonaws.cn/federation');
  });

  it('follows LANYARD_SIGNIN_ENDPOINT, given as a base URL with or without the path', () => {
    for (const value of [
      'http://127.0.0.1:4566',
      'http://127.0.0.1:4566/',
      'http://127.0.0.1:4566/federation',
      ' http://127.0.0.1:4566/federation/?x=1 ',
    ]) {
      expect(federationEndpoint(PARTITIONS.aws, { LANYARD_SIGNIN_ENDPOINT: value }).href).toBe(
        'http://127.0.0.1:4566/federation',
      );
    }
    expect(federationEndpoint(PARTITIONS.aws, { LANYARD_SIGNIN_ENDPOINT: 'https://proxy.example/aws' }).href).toBe(
      'https://proxy.example/aws/federation',
    );
  });

  it('tells console windows which extra origin to allow', () => {
    expect(overriddenSigninOrigins({})).toEqual([]);
    expect(overriddenSigninOrigins({ LANYARD_SIGNIN_ENDPOINT: 'http://127.0.0.1:4566/federation' })).toEqual([
      'http://127.0.0.1:4566',
    ]);
  });

  it('rejects an override that is not an http(s) URL, naming the variable', async () => {
    const notUrl = await failure(async () =>
      federationEndpoint(PARTITIONS.aws, { LANYARD_SIGNIN_ENDPOINT: 'localhost 4566' }),
    );
    expect(notUrl.code).toBe('CONFIG');
    expect(notUrl.message).toContain('LANYARD_SIGNIN_ENDPOINT');
    expect(
      (await failure(async () => federationEndpoint(PARTITIONS.aws, { LANYARD_SIGNIN_ENDPOINT: 'file:///tmp/x' })))
        .code,
    ).toBe('CONFIG');
  });
});

describe('console sign-in URL', () => {
  it('sends the role credentials as the Session JSON and builds the login URL', async () => {
    const { fetch, requests } = stubFetch(answersToken);
    const signIn = await createConsoleSignIn(CREDENTIALS, { region: 'eu-west-1', env: {}, fetch });

    expect(requests).toHaveLength(1);
    const request = requests[0] as URL;
    expect(request.origin + request.pathname).toBe('https://signin.aws.amazon.com/federation');
    expect(request.searchParams.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(request.searchParams.get('Session') ?? '')).toEqual({
      sessionId: CREDENTIALS.accessKeyId,
      sessionKey: CREDENTIALS.secretAccessKey,
      sessionToken: CREDENTIALS.sessionToken,
    });

    const login = new URL(signIn.url);
    expect(login.origin + login.pathname).toBe('https://signin.aws.amazon.com/federation');
    expect(Object.fromEntries(login.searchParams)).toEqual({
      Action: 'login',
      Issuer: SIGNIN_ISSUER,
      Destination: 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
      SigninToken: SIGNIN_TOKEN,
    });
    expect(signIn.partition.id).toBe('aws');
    expect(signIn.endpointOrigin).toBe('https://signin.aws.amazon.com');
  });

  it.each([
    [
      'us-gov-west-1',
      'https://signin.amazonaws-us-gov.com',
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    ],
    ['cn-north-1', 'https://signin.amazonaws.cn', 'https://console.amazonaws.cn/console/home?region=cn-north-1'],
  ])('signs in to the %s partition at its own host', async (region, origin, destination) => {
    const { fetch, requests } = stubFetch(answersToken);
    const signIn = await createConsoleSignIn(CREDENTIALS, { region, env: {}, fetch });
    expect(requests[0]?.origin).toBe(origin);
    expect(new URL(signIn.url).origin).toBe(origin);
    expect(signIn.destination).toBe(destination);
  });

  it('lands on a given destination and uses the overridden endpoint for both steps', async () => {
    const { fetch, requests } = stubFetch(answersToken);
    const env = { LANYARD_SIGNIN_ENDPOINT: 'http://127.0.0.1:4566' };
    const signIn = await createConsoleSignIn(CREDENTIALS, { region: 'us-west-2', destination: 's3', env, fetch });
    expect(requests[0]?.origin).toBe('http://127.0.0.1:4566');
    expect(signIn.url.startsWith('http://127.0.0.1:4566/federation?Action=login&')).toBe(true);
    expect(new URL(signIn.url).searchParams.get('Destination')).toBe(
      'https://us-west-2.console.aws.amazon.com/s3/home?region=us-west-2',
    );
    expect(signIn.endpointOrigin).toBe('http://127.0.0.1:4566');
  });

  it('percent-encodes the token and destination in the login URL', () => {
    const url = loginUrl(
      new URL('https://signin.aws.amazon.com/federation'),
      'a+b/c=&d',
      'https://console.aws.amazon.com/x?region=us-east-1&y=1#z',
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('SigninToken')).toBe('a+b/c=&d');
    expect(parsed.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/x?region=us-east-1&y=1#z');
    expect(parsed.hash).toBe('');
  });

  it('checks the region and destination before sending credentials anywhere', async () => {
    const { fetch, requests } = stubFetch(answersToken);
    expect((await failure(() => createConsoleSignIn(CREDENTIALS, { region: 'nowhere', env: {}, fetch }))).code).toBe(
      'USAGE',
    );
    expect(
      (
        await failure(() =>
          createConsoleSignIn(CREDENTIALS, {
            region: 'us-east-1',
            destination: 'https://evil.example/',
            env: {},
            fetch,
          }),
        )
      ).code,
    ).toBe('USAGE');
    expect(requests).toHaveLength(0);
  });
});

describe('console sign-in errors never carry the URL, the token or the credentials', () => {
  const region = 'us-east-1';

  it('on a network failure (with the request in the error, as fetch errors may have)', async () => {
    const { fetch } = stubFetch(async (url) => {
      throw new TypeError(`fetch failed for ${url.href}`, {
        cause: Object.assign(new Error(`connect ECONNREFUSED ${url.href}`), { code: 'ECONNREFUSED' }),
      });
    });
    const error = await failure(() => createConsoleSignIn(CREDENTIALS, { region, env: {}, fetch }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(
      'Could not reach the AWS sign-in endpoint (signin.aws.amazon.com): signin.aws.amazon.com refused the connection.',
    );
    expect(error.hint).toMatch(/network connection/);
    expectNoSecrets(error);
  });

  it('on a timeout', async () => {
    const { fetch } = stubFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const error = await failure(() => createConsoleSignIn(CREDENTIALS, { region, env: {}, fetch, timeoutMs: 20 }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/did not answer within/);
    expectNoSecrets(error);
  });

  it.each([400, 403, 500, 503])('on HTTP %i, whatever the body says', async (status) => {
    const { fetch } = stubFetch(async (url) => new Response(`Bad request: ${url.href} ${SIGNIN_TOKEN}`, { status }));
    const error = await failure(() => createConsoleSignIn(CREDENTIALS, { region, env: {}, fetch }));
    expect(error.code).toBe('SERVICE');
    expect(error.message).toBe(
      `The AWS sign-in endpoint (signin.aws.amazon.com) refused to issue a console sign-in token (HTTP ${status}).`,
    );
    expect(error.hint).toMatch(status < 500 ? /may have expired/ : /try again/);
    expectNoSecrets(error);
  });

  it('on a redirect, which is not followed', async () => {
    const { fetch, requests } = stubFetch(
      async () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }),
    );
    const error = await failure(() => createConsoleSignIn(CREDENTIALS, { region, env: {}, fetch }));
    expect(error.message).toMatch(/HTTP 302/);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['no token', () => Response.json({})],
    ['an empty token', () => Response.json({ SigninToken: '' })],
    ['no JSON', () => new Response(`<html>${SIGNIN_TOKEN}</html>`)],
  ])('on an answer with %s', async (_what, answer) => {
    const { fetch } = stubFetch(async () => answer());
    const error = await failure(() => createConsoleSignIn(CREDENTIALS, { region, env: {}, fetch }));
    expect(error.code).toBe('SERVICE');
    expect(error.message).toMatch(/answered without a sign-in token/);
    expectNoSecrets(error);
  });
});
