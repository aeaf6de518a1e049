import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray, electronFake, resetElectronFake } from './electron-fake.js';
import { HOUR, MINUTE, NOW, fakeCore, inventory, role, session, state } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { TrayController, toElectronMenu, trayIconFile } = await import('../../../electron/main/tray.js');
const { TRAY_ICON_STATES } = await import('../../../electron/main/tray-menu.js');
type MenuItem = {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
};

const ASSETS = path.join(import.meta.dirname, '../../../assets/tray');
const flush = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  resetElectronFake();
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Electron menu adapter', () => {
  it('turns descriptors into menu items whose clicks dispatch the action', () => {
    const dispatch = vi.fn();
    const menu = toElectronMenu(
      [
        { type: 'label', label: 'R&D · Admin' },
        { type: 'separator' },
        {
          type: 'submenu',
          label: 'Ops',
          items: [{ type: 'action', label: 'Open console', action: { kind: 'open-console', roleKey: 'k' } }],
        },
        {
          type: 'action',
          label: 'Default profile',
          action: { kind: 'set-default-profile', roleKey: 'k' },
          checked: true,
          enabled: false,
        },
        { type: 'action', label: 'Search…', action: { kind: 'show-palette' }, accelerator: 'CommandOrControl+Alt+K' },
      ],
      dispatch,
    ) as MenuItem[];
    expect(menu[0]).toEqual({ label: 'R&&D · Admin', enabled: false });
    expect(menu[1]).toEqual({ type: 'separator' });
    expect(menu[3]).toMatchObject({ type: 'checkbox', checked: true, enabled: false });
    // The accelerator is shown only; the global shortcut belongs to hotkey.ts.
    expect(menu[4]).toMatchObject({ accelerator: 'CommandOrControl+Alt+K', registerAccelerator: false });
    menu[2]!.submenu![0]!.click!();
    expect(dispatch).toHaveBeenCalledWith({ kind: 'open-console', roleKey: 'k' });
  });
});

describe('tray icons', () => {
  it('has a file in assets/tray for every state on every platform, with its @2x', () => {
    for (const state of TRAY_ICON_STATES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const file = path.join(ASSETS, trayIconFile(state, platform));
        expect(existsSync(file), file).toBe(true);
        if (file.endsWith('.png')) expect(existsSync(file.replace(/\.png$/, '@2x.png')), `${file} @2x`).toBe(true);
      }
    }
    expect(trayIconFile('expiring', 'darwin')).toBe('tray-expiringTemplate.png');
  });

  it('draws them at 16 px and 32 px', () => {
    const size = (file: string) => {
      const png = readFileSync(path.join(ASSETS, file));
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    for (const state of TRAY_ICON_STATES) {
      expect(size(`tray-${state}.png`)).toEqual([16, 16]);
      expect(size(`tray-${state}@2x.png`)).toEqual([32, 32]);
      expect(size(`tray-${state}Template.png`)).toEqual([16, 16]);
      expect(size(`tray-${state}Template@2x.png`)).toEqual([32, 32]);
    }
  });
});

describe('tray controller', () => {
  function start(initial = state(), roles = [role('111111111111', 'acme-prod', 'Admin')]) {
    let now = NOW;
    const core = fakeCore(initial, inventory(roles));
    const dispatch = vi.fn();
    const onClick = vi.fn();
    const controller = new TrayController({
      core,
      iconsDir: '/icons',
      platform: 'linux',
      dispatch,
      onClick,
      now: () => now,
    });
    const tray = FakeTray.instances[0]!;
    return { core, controller, tray, dispatch, onClick, advance: (ms: number) => (now += ms) };
  }

  const lastMenu = (tray: FakeTray): MenuItem[] =>
    (tray.setContextMenu.mock.calls.at(-1)![0] as { template: MenuItem[] }).template;

  it('builds the menu, icon and tooltip from the first state and inventory', async () => {
    const { tray } = start();
    await flush();
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
    expect(lastMenu(tray)[0]!.label).toBe('work — 8h 00m left');
    expect(tray.setImage).toHaveBeenCalledWith({ file: path.join('/icons', 'tray-signed-in.png') });
    expect(tray.setToolTip).toHaveBeenCalledWith('Lanyard\nwork: 8h 00m left');
  });

  it('rebuilds once a minute, but hands Electron a menu only when it changed', async () => {
    const { tray, advance } = start();
    await flush();
    advance(30_000);
    vi.advanceTimersByTime(60_000);
    // 8h 00m → 7h 59m 30s left: the label changed.
    expect(tray.setContextMenu).toHaveBeenCalledTimes(2);
    expect(lastMenu(tray)[0]!.label).toBe('work — 7h 59m left');
    vi.advanceTimersByTime(60_000);
    // Same minute (the clock did not move): nothing new for Electron.
    expect(tray.setContextMenu).toHaveBeenCalledTimes(2);
    expect(tray.setToolTip).toHaveBeenCalledTimes(2);
  });

  it('follows state and inventory changes, and turns the icon when the session is ending', async () => {
    const { core, tray } = start();
    await flush();
    core.emitState(state({ sessions: [session('work', { sessionEndsAt: NOW + 10 * MINUTE })] }));
    expect(tray.setImage).toHaveBeenLastCalledWith({ file: path.join('/icons', 'tray-expiring.png') });
    core.emitInventory(
      inventory([role('111111111111', 'acme-prod', 'Admin'), role('222222222222', 'acme-dev', 'Admin')], 2),
    );
    expect(lastMenu(tray).find((item) => item.label?.startsWith('Accounts'))!.label).toBe('Accounts (2)');
    core.emitState(state({ sessions: [session('work', { health: 'sign-in-needed' })] }));
    expect(tray.setImage).toHaveBeenLastCalledWith({ file: path.join('/icons', 'tray-sign-in-needed.png') });
  });

  it('prefers a snapshot pushed while the first load was under way', async () => {
    const { core, tray } = start(state({ sessions: [session('stale')] }));
    core.emitState(state({ sessions: [session('fresh', { sessionEndsAt: NOW + 2 * HOUR })] }));
    core.emitInventory(inventory([], 3));
    await flush();
    expect(lastMenu(tray)[0]!.label).toBe('fresh — 2h 00m left');
  });

  it('shows a hotkey problem in the menu and dispatches clicks', async () => {
    const { controller, tray, dispatch } = start();
    await flush();
    controller.setHotkeyProblem('Ctrl+Alt+K is taken.');
    const warning = lastMenu(tray).find((item) => item.label === '⚠ Ctrl+Alt+K is taken.')!;
    warning.click!();
    expect(dispatch).toHaveBeenCalledWith({ kind: 'show-window' });
  });

  it('opens a favourite’s console in one click: the item itself, not a submenu', async () => {
    const admin = role('111111111111', 'acme-prod', 'Admin', { environment: 'prod' });
    const { tray, dispatch } = start(state({ settings: { ...state().settings, favourites: [admin.key] } }), [admin]);
    await flush();
    const favourite = lastMenu(tray).find((item) => item.label === '● PROD acme-prod · Admin')!;
    expect(favourite.submenu).toBeUndefined();
    favourite.click!();
    expect(dispatch).toHaveBeenCalledWith({ kind: 'open-console', roleKey: admin.key });
    // Its other actions, one submenu away.
    const more = lastMenu(tray).find((item) => item.label === 'More for ● PROD acme-prod · Admin')!;
    more.submenu!.find((item) => item.label === 'Copy credentials (export lines)')!.click!();
    expect(dispatch).toHaveBeenLastCalledWith({ kind: 'copy-exports', roleKey: admin.key });
  });

  it('stops listening and removes the icon when disposed', async () => {
    const { controller, core, tray } = start();
    await flush();
    controller.dispose();
    expect(tray.destroy).toHaveBeenCalled();
    core.emitState(state({ sessions: [] }));
    vi.advanceTimersByTime(120_000);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);
  });

  it('opens the main window on a left click on Windows only', () => {
    resetElectronFake();
    const onClick = vi.fn();
    new TrayController({ core: fakeCore(), iconsDir: '/icons', platform: 'win32', dispatch: vi.fn(), onClick });
    FakeTray.instances[0]!.emit('click');
    expect(onClick).toHaveBeenCalled();
    const linux = start();
    linux.tray.emit('click');
    expect(linux.onClick).not.toHaveBeenCalled();
    expect(electronFake.nativeImage.createFromPath).toHaveBeenCalledWith(
      path.join('/icons', 'tray-sign-in-needed.ico'),
    );
  });
});
