/** Shared by the console sign-in tests: two roles on the fake, and ways to see who is signed in. */
import type { CookieJar } from 'tough-cookie';
import type { RoleCredentials } from '../../electron/core/domain/model.js';
import { type AccountSpec, BEARER_TOKEN_HEADER } from '../fake-idc/index.js';

/** Read-only in production next to admin in development: the pair engineers keep open side by side. */
export const PROD = {
  accountId: '111111111111',
  accountName: 'acme-prod-payments',
  roles: ['ReadOnlyAccess'],
} satisfies AccountSpec;
export const DEV = {
  accountId: '222222222222',
  accountName: 'acme-dev-payments',
  roles: ['AdministratorAccess'],
} satisfies AccountSpec;

const MAX_REDIRECTS = 10;

export interface Identity {
  accountId: string;
  accountName: string;
  roleName: string;
  destination: string;
}

/** Follows redirects by hand, keeping cookies, the way a browser profile would. */
export async function followSignedIn(
  url: string,
  jar: CookieJar,
): Promise<{ finalUrl: string; status: number; html: string }> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const cookie = await jar.getCookieString(current);
    const response = await fetch(current, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const setCookie of response.headers.getSetCookie()) await jar.setCookie(setCookie, current);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).href;
      continue;
    }
    return { finalUrl: current, status: response.status, html: await response.text() };
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}

/** Who the fake console page says is signed in. */
export function identityOn(html: string): Identity {
  const main =
    /<main id="identity" data-account-id="(\d{12})" data-account-name="([^"]*)" data-role-name="([^"]*)"/.exec(html);
  const destination = /<p id="destination">Destination: ([^<]*)<\/p>/.exec(html);
  if (!main) throw new Error(`not signed in:\n${html}`);
  const unescape = (text: string): string =>
    text
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  return {
    accountId: main[1] as string,
    accountName: unescape(main[2] as string),
    roleName: unescape(main[3] as string),
    destination: unescape(destination?.[1] ?? ''),
  };
}

/** Role credentials straight from the fake portal, for tests of the sign-in step alone. */
export async function portalCredentials(
  portalUrl: string,
  accessToken: string,
  account: AccountSpec,
): Promise<RoleCredentials> {
  const url = new URL('/federation/credentials', portalUrl);
  url.searchParams.set('account_id', account.accountId as string);
  url.searchParams.set('role_name', (account.roles as string[])[0] as string);
  const response = await fetch(url, { headers: { [BEARER_TOKEN_HEADER]: accessToken } });
  if (response.status !== 200) throw new Error(`GetRoleCredentials answered ${response.status}`);
  return ((await response.json()) as { roleCredentials: RoleCredentials }).roleCredentials;
}
