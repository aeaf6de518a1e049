/**
 * Isolation in a real browser: the machine's Chromium, started on the profile folders Lanyard
 * picks, opens the launch pages Lanyard writes. Two roles signed in at once each stay
 * themselves, because each lives in its own profile.
 */
import { type BrowserContext, chromium, type Page } from 'playwright';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeBrowserHost } from '../../electron/core/console/browser-detection.js';
import type { Spawn } from '../../electron/core/console/launcher.js';
import { openConsoleInBrowser } from '../../electron/core/console/open-in-browser.js';
import { consoleProfileDir } from '../../electron/core/console/profiles.js';
import { createConsoleSignIn } from '../../electron/core/console/signin-url.js';
import type { RoleRef } from '../../electron/core/domain/model.js';
import type { AccountSpec } from '../fake-idc/index.js';
import { DEV, portalCredentials, PROD } from '../integration/console-fixture.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_TEST_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const USER_DATA_DIR_FLAG = '--user-data-dir=';

interface Opened {
  ref: RoleRef;
  userDataDir: string;
  launchPage: string;
  settled: Promise<void>;
}

let fixture: SsoFixture | undefined;
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  await fixture?.close();
  fixture = undefined;
});

/** Lanyard's whole path for one role, up to the point where it would start the browser; returns what it would start it with. */
async function openWithLanyard(
  fixture: SsoFixture,
  accessToken: string,
  account: AccountSpec,
  clock: FakeClock,
): Promise<Opened> {
  const ref: RoleRef = {
    sessionName: fixture.session.name,
    accountId: account.accountId as string,
    roleName: (account.roles as string[])[0] as string,
  };
  const credentials = await portalCredentials(fixture.fake.url, accessToken, account);
  const signIn = await createConsoleSignIn(credentials, { region: 'us-east-1', env: fixture.temp.env });
  let started: readonly string[] = [];
  const recordOnly: Spawn = (_command, args) => {
    started = args;
    return {
      once: (event: string, listener: () => void) => (event === 'spawn' ? setImmediate(listener) : undefined),
      unref: () => undefined,
    } as unknown as ReturnType<Spawn>;
  };
  const opened = await openConsoleInBrowser(
    { browser: CHROMIUM, signInUrl: signIn.url, ref, accountName: account.accountName },
    {
      dataDir: fixture.temp.paths.dataDir,
      host: nodeBrowserHost(fixture.temp.env),
      clock,
      spawn: recordOnly,
      openDefault: async () => undefined,
    },
  );
  const userDataDir = started.find((arg) => arg.startsWith(USER_DATA_DIR_FLAG))?.slice(USER_DATA_DIR_FLAG.length) ?? '';
  return { ref, userDataDir, launchPage: started.at(-1) as string, settled: opened.settled };
}

/** Chromium on that profile folder, on the page Lanyard gave it, landed on the console. */
async function startChromium(opened: Opened): Promise<Page> {
  const context = await chromium.launchPersistentContext(opened.userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_TEST_ARGS,
  });
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(opened.launchPage);
  await page.waitForURL(/\/console\?/);
  return page;
}

async function identity(page: Page): Promise<{ accountId: string | null; roleName: string | null }> {
  const main = page.locator('#identity');
  return { accountId: await main.getAttribute('data-account-id'), roleName: await main.getAttribute('data-role-name') };
}

describe('console isolation in real Chromium profiles', () => {
  it('two roles opened in two profiles each still show their own role after both are open', async () => {
    fixture = await createSsoFixture({ accounts: [PROD, DEV] });
    const { accessToken } = await fixture.seedToken();
    const clock = new FakeClock();

    const prod = await openWithLanyard(fixture, accessToken, PROD, clock);
    const dev = await openWithLanyard(fixture, accessToken, DEV, clock);
    expect(prod.userDataDir).toBe(consoleProfileDir(fixture.temp.paths.dataDir, 'chromium', prod.ref));
    expect(dev.userDataDir).toBe(consoleProfileDir(fixture.temp.paths.dataDir, 'chromium', dev.ref));
    expect(prod.userDataDir).not.toBe(dev.userDataDir);

    const prodPage = await startChromium(prod);
    expect(await identity(prodPage)).toEqual({ accountId: PROD.accountId, roleName: 'ReadOnlyAccess' });
    const devPage = await startChromium(dev);
    expect(await identity(devPage)).toEqual({ accountId: DEV.accountId, roleName: 'AdministratorAccess' });

    // Both are open now; signing in to dev must not have touched prod, nor the other way round.
    await Promise.all([prodPage.reload(), devPage.reload()]);
    expect(await identity(prodPage)).toEqual({ accountId: PROD.accountId, roleName: 'ReadOnlyAccess' });
    expect(await identity(devPage)).toEqual({ accountId: DEV.accountId, roleName: 'AdministratorAccess' });

    // The launch pages go once the browsers have had them.
    clock.advance(60_000);
    await Promise.all([prod.settled, dev.settled]);
    const gone = await prodPage.context().newPage();
    const response = await gone.goto(prod.launchPage).catch(() => null);
    expect(response?.ok() ?? false).toBe(false);
  }, 90_000);
});
