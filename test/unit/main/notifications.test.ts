import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runAction, type AppAction } from '../../../electron/main/actions.js';
import { FakeNotification, resetElectronFake } from './electron-fake.js';
import { fakeCore } from './fixtures.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { Notifier, fromCoreNotification } = await import('../../../electron/main/notifications.js');

beforeEach(() => resetElectronFake());

describe('notifications', () => {
  it('shows a notification whose click carries out its action, or opens the window', () => {
    const dispatch = vi.fn();
    const notifier = new Notifier(dispatch);
    notifier.show(
      fromCoreNotification({
        id: 'a',
        title: 'Sign in to work again',
        body: 'Ended.',
        action: { kind: 'sign-in', sessionName: 'work' },
      }),
    );
    notifier.show(fromCoreNotification({ id: 'b', title: 'Access changed', body: '2 roles added.' }));
    const [signIn, changed] = FakeNotification.instances;
    expect(signIn!.options).toEqual({ title: 'Sign in to work again', body: 'Ended.' });
    expect(signIn!.show).toHaveBeenCalled();
    signIn!.emit('click');
    changed!.emit('click');
    expect(dispatch.mock.calls).toEqual([[{ kind: 'sign-in', sessionName: 'work' }], [{ kind: 'show-window' }]]);
  });

  it('shows nothing where the desktop has no notifications', () => {
    FakeNotification.isSupported.mockReturnValue(false);
    expect(new Notifier(vi.fn()).show({ title: 't', body: 'b' })).toBe(false);
    expect(FakeNotification.instances).toHaveLength(0);
  });
});

describe('actions', () => {
  function targets() {
    return { core: fakeCore(), showMainWindow: vi.fn(), showPalette: vi.fn(), quit: vi.fn(), reportFailure: vi.fn() };
  }

  it.each([
    [{ kind: 'open-console', roleKey: 'k' }, 'openConsole', ['k']],
    [{ kind: 'copy-exports', roleKey: 'k' }, 'copyExports', ['k']],
    [{ kind: 'copy-profile-name', roleKey: 'k' }, 'copyProfileName', ['k']],
    [{ kind: 'set-default-profile', roleKey: 'k' }, 'setDefaultProfile', ['k']],
    [{ kind: 'sign-out', sessionName: 'work' }, 'signOut', ['work']],
    [{ kind: 'cancel-sign-in' }, 'cancelSignIn', []],
    [{ kind: 'refresh-inventory', sessionName: 'work' }, 'refreshInventory', ['work']],
    [{ kind: 'sync-now' }, 'syncNow', []],
  ] as Array<[AppAction, keyof ReturnType<typeof fakeCore>, unknown[]]>)(
    '%o calls core.%s',
    async (action, method, args) => {
      const t = targets();
      await runAction(action, t);
      expect(t.core[method]).toHaveBeenCalledWith(...args);
      expect(t.reportFailure).not.toHaveBeenCalled();
    },
  );

  it('opens the window when signing in, where the prompt shows', async () => {
    const t = targets();
    await runAction({ kind: 'sign-in', sessionName: 'work' }, t);
    expect(t.core.signIn).toHaveBeenCalledWith('work');
    expect(t.showMainWindow).toHaveBeenCalled();
  });

  it('runs window and app controls without the core', async () => {
    const t = targets();
    await runAction({ kind: 'show-palette' }, t);
    await runAction({ kind: 'show-window' }, t);
    await runAction({ kind: 'quit' }, t);
    expect([t.showPalette, t.showMainWindow, t.quit].map((fn) => fn.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it("opens Help → Diagnostics through the app's controls", async () => {
    const showDiagnostics = vi.fn();
    await runAction({ kind: 'show-diagnostics' }, { ...targets(), controls: { 'show-diagnostics': showDiagnostics } });
    expect(showDiagnostics).toHaveBeenCalledOnce();
  });

  it('reports a failed command with a title saying what failed', async () => {
    const t = targets();
    const error = { code: 'SIGN_IN_REQUIRED', message: 'Sign in to work first.' };
    t.core.openConsole.mockResolvedValueOnce({ ok: false, error });
    await runAction({ kind: 'open-console', roleKey: 'k' }, t);
    expect(t.reportFailure).toHaveBeenCalledWith('Could not open the console', error);
  });
});
