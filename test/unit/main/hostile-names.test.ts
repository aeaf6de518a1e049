/**
 * The fake Identity Center's hostile organisation through every native surface: tray labels
 * (and the Electron items made of them), the tray tooltip, console window titles and
 * notifications. No bidi or control character survives, long names are cut, `&` is no
 * mnemonic, and Linux notification markup is escaped.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { consoleWindowTitle } from '../../../electron/core/console/window-title.js';
import {
  ELLIPSIS,
  MAX_LABEL_LENGTH,
  MAX_NAME_LENGTH,
  capLength,
  escapeMarkup,
  plainLabel,
  plainName,
  plainText,
} from '../../../electron/core/domain/display-text.js';
import type { RoleView } from '../../../electron/core/domain/views.js';
import { trayMenuTemplate, trayTooltip, type TrayMenuItem } from '../../../electron/main/tray-menu.js';
import { HOSTILE_ACCOUNTS, LONG_NAME } from '../../fake-idc/index.js';
import { FakeNotification, resetElectronFake } from './electron-fake.js';
import { HOUR, NOW, inventory, role, session, state } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { toElectronMenu } = await import('../../../electron/main/tray.js');
const { Notifier, notificationText } = await import('../../../electron/main/notifications.js');

beforeEach(() => resetElectronFake());

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
/** Code points, not UTF-16 units. */
const length = (text: string): number => Array.from(text).length;

const HOSTILE_ROLES: RoleView[] = HOSTILE_ACCOUNTS.flatMap((account) =>
  (account.roles ?? []).map((roleName) => role(account.accountId!, account.accountName, roleName)),
);

function labels(items: readonly { label?: string; submenu?: unknown }[]): string[] {
  return items.flatMap((item) => [
    ...(item.label === undefined ? [] : [item.label]),
    ...(Array.isArray(item.submenu) ? labels(item.submenu as Array<{ label?: string }>) : []),
  ]);
}

function templateLabels(items: readonly TrayMenuItem[]): string[] {
  return items.flatMap((item) =>
    item.type === 'separator' ? [] : [item.label, ...(item.type === 'submenu' ? templateLabels(item.items) : [])],
  );
}

describe('display text', () => {
  it('removes bidi controls and control characters; line breaks and tabs become one space', () => {
    expect(plainLabel('admin\u202Egnp.exe')).toBe('admingnp.exe');
    expect(plainLabel('Read\u2066Only\u2069 \u200F')).toBe('ReadOnly');
    expect(plainLabel('\u001b]0;TITLE\u0007\u001b[31mred')).toBe(']0;TITLE[31mred');
    expect(plainLabel('x]\n[profile evil]\r\n\tend')).toBe('x] [profile evil] end');
    expect(plainLabel('a\u0085b\u2028c\u009bd\u007fe')).toBe('a b cde');
    expect(plainLabel('<b>R&amp;D</b> $(touch /tmp/x);|&`id`')).toBe('<b>R&amp;D</b> $(touch /tmp/x);|&`id`');
  });

  it('cuts long text with an ellipsis, at a whole code point', () => {
    expect(length(plainLabel(LONG_NAME))).toBe(MAX_LABEL_LENGTH);
    expect(plainLabel(LONG_NAME).endsWith(ELLIPSIS)).toBe(true);
    expect(length(plainName(LONG_NAME))).toBe(MAX_NAME_LENGTH);
    expect(plainName('acme-prod')).toBe('acme-prod');
    expect(capLength('😀'.repeat(10), 5)).toBe(`${'😀'.repeat(4)}${ELLIPSIS}`);
    expect(capLength('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
    expect(capLength('abc   def', 7)).toBe(`abc${ELLIPSIS}`);
  });

  it('keeps the lines of multi-line text, nothing else', () => {
    expect(plainText('Roles added:\r\nAdmin\u202E\rReadOnly\u001b[2J\tx')).toBe('Roles added:\nAdmin\nReadOnly[2J x');
    expect(length(plainText(LONG_NAME.repeat(2)))).toBeLessThanOrEqual(1_000);
  });

  it('escapes markup', () => {
    expect(escapeMarkup(`<b>R&amp;D</b> "q" 'a'`)).toBe('&lt;b&gt;R&amp;amp;D&lt;/b&gt; &quot;q&quot; &#39;a&#39;');
  });
});

describe('console window titles', () => {
  it('make the service’s names plain and short', () => {
    for (const account of HOSTILE_ACCOUNTS) {
      for (const roleName of account.roles ?? []) {
        const title = consoleWindowTitle(
          { ref: { accountId: account.accountId!, roleName }, accountName: account.accountName, expiresAt: NOW + HOUR },
          NOW,
        );
        expect(title).not.toMatch(UNSAFE);
        expect(title).toContain(account.accountId);
        expect(title.endsWith(' — 1 h left')).toBe(true);
        expect(length(title)).toBeLessThanOrEqual(2 * MAX_NAME_LENGTH + 40);
      }
    }
  });

  it('show the id alone when nothing of the name is left', () => {
    const title = consoleWindowTitle(
      { ref: { accountId: '300000000001', roleName: 'Admin' }, accountName: '\u202E\u0007', expiresAt: NOW + HOUR },
      NOW,
    );
    expect(title).toBe('300000000001 — Admin — 1 h left');
  });
});

describe('tray labels', () => {
  const hostileState = state({
    sessions: [
      session('work', {
        message: 'The service said: \u001b[31mno\u001b[0m\nforged line',
        inventory: { state: 'failed', done: 0, total: 0, complete: false, accounts: 0, roles: 0, error: 'x\u202Ey' },
      }),
      session('other\u202E'),
    ],
    recents: HOSTILE_ROLES.map((item) => item.key),
    settings: { ...state().settings, favourites: HOSTILE_ROLES.slice(0, 3).map((item) => item.key) },
    activeCredentials: [{ key: HOSTILE_ROLES[0]!.key, expiresAt: NOW + HOUR }],
  });

  it('hold no bidi or control character, and no name makes a long item', () => {
    const template = trayMenuTemplate({
      state: hostileState,
      inventory: inventory(HOSTILE_ROLES),
      now: NOW,
      platform: 'linux',
      hotkeyProblem: 'in use by \u001b]0;x\u0007',
    });
    const all = templateLabels(template);
    expect(all.length).toBeGreaterThan(HOSTILE_ROLES.length);
    for (const label of all) {
      expect(label).not.toMatch(UNSAFE);
      expect(length(label)).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    }
    // The 3,000-character account is there, cut, with its id.
    expect(all.some((label) => label.includes(ELLIPSIS) && label.includes('(300000000009)'))).toBe(true);
    const tooltip = trayTooltip(hostileState, NOW);
    expect(tooltip.split('\n')).toHaveLength(3);
    expect(tooltip).not.toMatch(/[\u202a-\u202e]/);
  });

  it('reach Electron plain, with every & doubled, whatever the template says', () => {
    const template = trayMenuTemplate({
      state: hostileState,
      inventory: inventory(HOSTILE_ROLES),
      now: NOW,
      platform: 'win32',
    });
    const items = toElectronMenu(
      [...template, { type: 'label', label: `R&D \u202E${'y'.repeat(3_000)}\n` }],
      vi.fn(),
    ) as Array<{ label?: string; submenu?: unknown }>;
    const all = labels(items);
    expect(all.some((label) => label.includes('R&&amp;D'))).toBe(true);
    for (const label of all) {
      expect(label).not.toMatch(UNSAFE);
      // No single `&`: each is doubled.
      expect(label.replaceAll('&&', '')).not.toContain('&');
      expect(length(label)).toBeLessThanOrEqual(2 * MAX_LABEL_LENGTH);
    }
    expect(all.at(-1)!.startsWith('R&&D y')).toBe(true);
  });
});

describe('notifications', () => {
  const request = {
    title: 'Access changed in <b>R&amp;D</b>\u202E',
    body: 'Added: <i>Admin</i> & "x" \'y\'\r\n\u001b]0;TITLE\u0007Removed: ReadOnly',
  };

  it('escape markup on Linux, where the body is markup', () => {
    expect(notificationText(request, 'linux')).toEqual({
      title: 'Access changed in &lt;b&gt;R&amp;amp;D&lt;/b&gt;',
      body: 'Added: &lt;i&gt;Admin&lt;/i&gt; &amp; &quot;x&quot; &#39;y&#39;\n]0;TITLERemoved: ReadOnly',
    });
  });

  it.each(['darwin', 'win32'] as const)('show the text as written on %s, without controls', (platform) => {
    expect(notificationText(request, platform)).toEqual({
      title: 'Access changed in <b>R&amp;D</b>',
      body: 'Added: <i>Admin</i> & "x" \'y\'\n]0;TITLERemoved: ReadOnly',
    });
  });

  it('go to Electron that way, and long names are cut', () => {
    new Notifier(vi.fn(), 'linux').show({ title: LONG_NAME, body: `${LONG_NAME} & more` });
    const [shown] = FakeNotification.instances;
    const options = shown!.options as { title: string; body: string };
    expect(length(options.title)).toBe(MAX_LABEL_LENGTH);
    expect(length(options.body)).toBeLessThanOrEqual(1_000);
    expect(options.body).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });
});
