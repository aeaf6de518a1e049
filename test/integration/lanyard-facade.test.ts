import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type InAppConsoleRequest, Lanyard } from '../../electron/core/lanyard.js';
import type { LanyardNotification } from '../../electron/core/notices/session-notices.js';
import type { StoredPreferences } from '../../electron/core/support/preferences.js';
import type { InventoryView, LanyardState } from '../../electron/core/domain/views.js';
import { FakeClock } from '../support/fake-clock.js';
import { createSsoFixture, type SsoFixture } from '../support/sso-fixture.js';
import { SECRET_CLIPBOARD_CLEAR_MS } from '../../electron/core/credentials/secret-clipboard.js';

let fixture: SsoFixture | undefined;
let lanyard: Lanyard | undefined;
afterEach(async () => {
  await lanyard?.stop();
  lanyard = undefined;
  await fixture?.close();
  fixture = undefined;
});

class MemoryPreferences {
  value: unknown = {};
  read(): unknown {
    return this.value;
  }
  write(value: StoredPreferences): void {
    this.value = JSON.parse(JSON.stringify(value));
  }
}

interface Harness {
  lanyard: Lanyard;
  clipboard: string[];
  /** What the system clipboard holds now (copied credentials are cleared from it later). */
  clipboardNow: { text: string };
  opened: string[];
  inApp: InAppConsoleRequest[];
  notifications: LanyardNotification[];
  states: LanyardState[];
  inventories: InventoryView[];
  preferences: MemoryPreferences;
}

function createLanyard(current: SsoFixture, clock?: FakeClock): Harness {
  const harness: Omit<Harness, 'lanyard'> = {
    clipboard: [],
    clipboardNow: { text: '' },
    opened: [],
    inApp: [],
    notifications: [],
    states: [],
    inventories: [],
    preferences: new MemoryPreferences(),
  };
  const instance = new Lanyard({
    paths: current.temp.paths,
    env: current.temp.env,
    preferences: harness.preferences,
    ...(clock ? { clock } : {}),
    random: () => 0.5,
    platform: {
      writeClipboard: (text) => {
        harness.clipboard.push(text);
        harness.clipboardNow.text = text;
      },
      secretClipboard: {
        writeSecret: (text) => {
          harness.clipboard.push(text);
          harness.clipboardNow.text = text;
        },
        read: () => harness.clipboardNow.text,
        clear: () => void (harness.clipboardNow.text = ''),
      },
      openExternal: async (url) => void harness.opened.push(url),
      openInAppConsole: async (request) => void harness.inApp.push(request),
      platform: 'linux',
    },
  });
  instance.onState((state) => harness.states.push(state));
  instance.onInventory((inventory) => harness.inventories.push(inventory));
  instance.onNotification((notification) => harness.notifications.push(notification));
  lanyard = instance;
  return { lanyard: instance, ...harness };
}

async function until<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the Lanyard facade against the fake Identity Center', () => {
  it('signs in with the device flow, shows the user code, then lists every account and role', async () => {
    fixture = await createSsoFixture({ approval: 'manual', accounts: 30, rolesPerAccount: 2 });
    const h = createLanyard(fixture);
    await h.lanyard.start();
    expect((await h.lanyard.getState()).sessions).toEqual([
      expect.objectContaining({ name: 'work', health: 'signed-out' }),
    ]);

    const signedIn = h.lanyard.signIn('work', 'device-code');
    const prompt = await until(() => h.states.at(-1)?.signIn?.prompt);
    expect(prompt.kind).toBe('device');
    fixture.fake.approveDevice((prompt as { userCode: string }).userCode);
    expect(await signedIn).toEqual({ ok: true, value: undefined });
    expect(h.opened[0]).toContain('/device?user_code=');

    const inventory = await until(() => h.inventories.find((view) => view.roles.length === 60));
    expect(inventory.roles[0]).toMatchObject({
      sessionName: 'work',
      key: expect.stringMatching(/^work\/\d{12}\/\w+$/),
    });
    const state = await h.lanyard.getState();
    expect(state.signIn).toBeUndefined();
    expect(state.sessions[0]).toMatchObject({
      health: 'active',
      refreshable: true,
      inventory: expect.objectContaining({ complete: true, accounts: 30, roles: 60 }),
    });
  });

  it('opens the console in-app, copies export lines to the clipboard, and never puts a secret in state', async () => {
    fixture = await createSsoFixture({ accounts: 3 });
    await fixture.seedToken();
    const h = createLanyard(fixture);
    await h.lanyard.start();
    const inventory = await until(() => h.inventories.find((view) => view.roles.length > 0));
    const role = inventory.roles[0];
    if (!role) throw new Error('no role');

    expect(await h.lanyard.openConsole(role.key)).toEqual({ ok: true, value: undefined });
    expect(h.inApp).toHaveLength(1);
    expect(h.inApp[0]?.url).toContain('Action=login');
    expect(h.inApp[0]?.role.key).toBe(role.key);
    const console = await fetch(h.inApp[0]?.url as string, { redirect: 'manual' });
    expect(console.status).toBe(302);

    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    // The platform is linux and the export format the platform default: sh, single-quoted.
    expect(h.clipboard[0]).toMatch(
      /^unset AWS_PROFILE\nunset AWS_DEFAULT_PROFILE\nexport AWS_ACCESS_KEY_ID='ASIA\w+'\nexport AWS_SECRET_ACCESS_KEY='\S+'\nexport AWS_SESSION_TOKEN='\S+'\nexport AWS_CREDENTIAL_EXPIRATION='[\dT:-]+Z'\nexport AWS_REGION='us-east-1'\nexport AWS_DEFAULT_REGION='us-east-1'\nexport LANYARD_ROLE='[^']+'\n$/,
    );
    // Both commands used one set of credentials (cached), and it shows as active with its expiry.
    expect(fixture.fake.counters('GetRoleCredentials').successes).toBe(1);
    const state = await h.lanyard.getState();
    expect(state.activeCredentials).toEqual([{ key: role.key, expiresAt: expect.any(Number) }]);
    expect(state.recents[0]).toBe(role.key);

    const secrets = [
      ...(h.clipboard[0] as string).matchAll(/^export AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)='(.+)'$/gm),
    ].map((match) => match[1] as string);
    expect(secrets).toHaveLength(3);
    const published = JSON.stringify([h.states, h.inventories, await h.lanyard.getState()]);
    for (const secret of secrets) expect(published).not.toContain(secret);
  });

  it('after a sign-out and a new sign-in, the same app fetches credentials with the new token', async () => {
    fixture = await createSsoFixture({ accounts: 2 });
    await fixture.seedToken();
    const h = createLanyard(fixture);
    await h.lanyard.start();
    const role = (await until(() => h.inventories.find((view) => view.roles.length > 0))).roles[0];
    if (!role) throw new Error('no role');
    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    expect(await h.lanyard.signOut('work')).toEqual({ ok: true, value: undefined });
    expect(fixture.fake.activeSessionCount).toBe(0);
    // Signed in again elsewhere (say, `aws sso login`): the memoised old token is refused once, then replaced.
    await fixture.seedToken();
    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    expect(fixture.fake.counters('GetRoleCredentials').successes).toBe(2);
  });

  it('copies exports in the shell syntax chosen in the settings, labelled with the role', async () => {
    fixture = await createSsoFixture({ accounts: 1 });
    await fixture.seedToken();
    const h = createLanyard(fixture);
    await h.lanyard.start();
    const role = (await until(() => h.inventories.find((view) => view.roles.length > 0))).roles[0];
    if (!role) throw new Error('no role');
    expect(await h.lanyard.updateSettings({ exportFormat: 'powershell' })).toMatchObject({ ok: true });
    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    expect(h.clipboard[0]).toMatch(/^Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue$/m);
    expect(h.clipboard[0]).toMatch(/^\$Env:AWS_ACCESS_KEY_ID = 'ASIA\w+'$/m);
    expect(h.clipboard[0]).toContain(`$Env:LANYARD_ROLE = '${role.accountName}/${role.roleName}'\n`);
    expect(await h.lanyard.updateSettings({ exportFormat: 'fish' })).toMatchObject({ ok: true });
    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    expect(h.clipboard[1]).toMatch(/^set -gx AWS_SESSION_TOKEN '\S+'$/m);
    // Copied credentials are taken off the clipboard when the app stops.
    expect(h.clipboardNow.text).toContain('AWS_SESSION_TOKEN');
    await h.lanyard.stop();
    expect(h.clipboardNow.text).toBe('');
  });

  it('clears copied credentials from the clipboard after a while, unless the user copied something since', async () => {
    fixture = await createSsoFixture({ accounts: 1 });
    await fixture.seedToken();
    const clock = new FakeClock(Date.now());
    const h = createLanyard(fixture, clock);
    await h.lanyard.start();
    const role = (await until(() => h.inventories.find((view) => view.roles.length > 0))).roles[0];
    if (!role) throw new Error('no role');
    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS);
    await until(() => h.clipboardNow.text === '');
    expect(await h.lanyard.copyExports(role.key)).toEqual({ ok: true, value: undefined });
    h.clipboardNow.text = 'the user copied this';
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.clipboardNow.text).toBe('the user copied this');
  });

  it('keeps favourites, aliases and settings in the preferences store', async () => {
    fixture = await createSsoFixture({ accounts: 2 });
    await fixture.seedToken();
    const h = createLanyard(fixture);
    await h.lanyard.start();
    const role = (await until(() => h.inventories.find((view) => view.roles.length > 0))).roles[0];
    if (!role) throw new Error('no role');
    await h.lanyard.toggleFavourite(role.key);
    await h.lanyard.setAlias(`work/${role.accountId}`, 'Payments (prod)');
    const updated = await h.lanyard.updateSettings({ isolation: 'chrome-profile', defaultRegion: 'eu-west-1' });
    expect(updated).toMatchObject({
      ok: true,
      value: expect.objectContaining({ isolation: 'chrome-profile', defaultRegion: 'eu-west-1' }),
    });
    const stored = h.preferences.value as StoredPreferences;
    expect(stored.settings.favourites).toEqual([role.key]);
    expect(stored.settings.aliases).toEqual({ [`work/${role.accountId}`]: 'Payments (prod)' });
    const aliased = (await h.lanyard.getInventory()).roles.find((candidate) => candidate.key === role.key);
    expect(aliased).toMatchObject({ alias: 'Payments (prod)', environment: 'prod' });
    expect((await h.lanyard.search('payments prod'))[0]?.key).toBe(role.key);
    // Bad input is refused as data, not thrown.
    expect(await h.lanyard.toggleFavourite('not-a-role')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.lanyard.signIn('nope')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SESSION' } });
  });

  it('notices new assignments and tells the user when the session ends', async () => {
    const clock = new FakeClock(Date.now());
    fixture = await createSsoFixture({ clock, accounts: 2, lifetimes: { accessTokenMs: 20_000 } });
    await fixture.seedToken();
    const h = createLanyard(fixture, clock);
    await h.lanyard.start();
    await until(() => h.inventories.find((view) => view.roles.length === 4));

    fixture.fake.addAccount({
      accountId: '999999999999',
      accountName: 'acme-prod-newthing',
      roles: ['ReadOnlyAccess'],
    });
    expect(await h.lanyard.refreshInventory('work')).toEqual({ ok: true, value: undefined });
    const notice = (await h.lanyard.getState()).notices.find((candidate) => candidate.kind === 'assignments-changed');
    expect(notice?.body).toContain('1 new account (acme-prod-newthing)');
    expect(h.notifications.map((notification) => notification.title)).toContain('Your AWS access changed (work)');

    fixture.fake.endAllSessions();
    for (
      let i = 0;
      i < 40 && !(await h.lanyard.getState()).sessions.some((session) => session.health === 'sign-in-needed');
      i += 1
    ) {
      await clock.advanceAsync(1_000);
      await h.lanyard.idle();
    }
    const state = await h.lanyard.getState();
    expect(state.sessions[0]?.health).toBe('sign-in-needed');
    expect(state.notices.some((candidate) => candidate.kind === 'sign-in-needed')).toBe(true);
    expect(h.notifications.find((notification) => notification.action?.kind === 'sign-in')).toMatchObject({
      action: { sessionName: 'work' },
    });
  });

  it('keeps ~/.aws/config in step: profiles for every role, profile names in the inventory, the default profile', async () => {
    fixture = await createSsoFixture({ accounts: 3, rolesPerAccount: 2 });
    await fixture.seedToken();
    const configFile = fixture.temp.env.AWS_CONFIG_FILE as string;
    writeFileSync(configFile, `# my own notes\n[default]\noutput = json\n\n${readFileSync(configFile, 'utf8')}`);
    const h = createLanyard(fixture);
    await h.lanyard.start();
    const synced = await until(() =>
      h.inventories.find((view) => view.roles.length === 6 && view.roles.every((role) => role.profileName)),
    );
    const role = synced.roles[0];
    if (!role) throw new Error('no role');
    const config = readFileSync(configFile, 'utf8');
    expect(config.startsWith('# my own notes\n[default]\noutput = json\n')).toBe(true);
    expect(config).toContain(`[profile ${role.profileName}]`);
    expect((await h.lanyard.getState()).sync).toMatchObject({ added: 6, removed: 0 });

    expect(await h.lanyard.copyProfileName(role.key)).toEqual({ ok: true, value: undefined });
    expect(h.clipboard.at(-1)).toBe(role.profileName);

    expect(await h.lanyard.setDefaultProfile(role.key)).toEqual({ ok: true, value: undefined });
    const withDefault = readFileSync(configFile, 'utf8');
    expect(withDefault).toMatch(
      new RegExp(
        `\\[default\\]\\noutput = json\\nsso_session = work\\nsso_account_id = ${role.accountId}\\nsso_role_name = ${role.roleName}\\n`,
      ),
    );
    expect((await h.lanyard.getState()).defaultProfile).toEqual({ roleKey: role.key, label: role.profileName });

    // A manual sync with auto-sync off still runs; nothing changed, so nothing is written.
    await h.lanyard.updateSettings({ autoSync: false });
    const before = statSync(configFile).mtimeMs;
    expect(await h.lanyard.syncNow()).toEqual({ ok: true, value: undefined });
    expect(statSync(configFile).mtimeMs).toBe(before);
  });

  it('adds a session to the config and refuses bad input with a hint', async () => {
    fixture = await createSsoFixture();
    const h = createLanyard(fixture);
    await h.lanyard.start();
    expect(
      await h.lanyard.addSession({
        name: 'second',
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'eu-west-1',
      }),
    ).toEqual({ ok: true, value: undefined });
    expect((await h.lanyard.getState()).sessions.map((session) => session.name)).toEqual(['work', 'second']);
    expect(
      await h.lanyard.addSession({ name: 'bad name', startUrl: 'https://x.example', region: 'eu-west-1' }),
    ).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(await h.lanyard.addSession({ name: 'x', startUrl: 'http://x.example', region: 'eu-west-1' })).toMatchObject({
      ok: false,
      error: { code: 'USAGE' },
    });
  });
});
