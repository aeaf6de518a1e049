// Proxy authentication: one prompt, remembered for the session, one more after a refusal,
// then no more for a while; and the prompt window, which runs no script and reads the
// answer from the navigation its form starts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuthInfo } from 'electron';
import { FakeBrowserWindow, resetElectronFake } from './electron-fake.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { APP_REQUESTS, PROXY_PROMPT_COOLDOWN_MS, ProxyLogin, proxyPromptPage, readPromptAnswer, windowProxyPrompt } =
  await import('../../../electron/main/proxy-login.js');

const challenge: AuthInfo = { isProxy: true, scheme: 'basic', host: 'proxy.corp.test', port: 3128, realm: 'Corp' };
const alice = { username: 'alice', password: 'right' };

function answerOf(login: InstanceType<typeof ProxyLogin>, context: unknown = APP_REQUESTS) {
  return new Promise<unknown[]>((resolve) => login.answer(challenge, context, (...args) => resolve(args)));
}

describe('ProxyLogin', () => {
  let now: number;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('asks once and gives the answer to every context, each once', async () => {
    const prompt = vi.fn(async () => alice);
    const login = new ProxyLogin(prompt, { now: () => now });
    // Two requests challenged at the same time share one prompt.
    const [first, second] = await Promise.all([answerOf(login), answerOf(login)]);
    expect(first).toEqual(['alice', 'right']);
    expect(second).toEqual(['alice', 'right']);
    const consoleSession = {};
    expect(await answerOf(login, consoleSession)).toEqual(['alice', 'right']);
    expect(prompt).toHaveBeenCalledOnce();
    expect(prompt).toHaveBeenCalledWith({ proxy: 'proxy.corp.test:3128', realm: 'Corp', refused: false });
  });

  it('after a refusal asks once more, saying so; after a second refusal stops asking for a while', async () => {
    const prompt = vi
      .fn<() => Promise<typeof alice | undefined>>()
      .mockResolvedValueOnce({ username: 'alice', password: 'wrong' })
      .mockResolvedValueOnce({ username: 'alice', password: 'still-wrong' })
      .mockResolvedValueOnce(alice);
    const login = new ProxyLogin(prompt, { now: () => now });
    expect(await answerOf(login)).toEqual(['alice', 'wrong']);
    // Chromium asks again: the proxy refused them.
    expect(await answerOf(login)).toEqual(['alice', 'still-wrong']);
    expect(prompt).toHaveBeenLastCalledWith(expect.objectContaining({ refused: true }));
    expect(await answerOf(login)).toEqual([]);
    expect(await answerOf(login)).toEqual([]);
    expect(prompt).toHaveBeenCalledTimes(2);

    now += PROXY_PROMPT_COOLDOWN_MS;
    expect(await answerOf(login)).toEqual(['alice', 'right']);
    expect(prompt).toHaveBeenLastCalledWith(expect.objectContaining({ refused: false }));
  });

  it("answers Lanyard's own requests as one context", async () => {
    const prompt = vi.fn(async () => alice);
    const login = new ProxyLogin(prompt, { now: () => now });
    const handler = login.forAppRequests();
    const first = await new Promise<unknown[]>((resolve) => handler(challenge, (...args) => resolve(args)));
    expect(first).toEqual(['alice', 'right']);
    // The same context asked again: refused.
    await new Promise<unknown[]>((resolve) => handler(challenge, (...args) => resolve(args)));
    expect(prompt).toHaveBeenLastCalledWith(expect.objectContaining({ refused: true }));
  });

  it('takes a cancel as no, without asking again for a while', async () => {
    const prompt = vi.fn(async () => undefined);
    const login = new ProxyLogin(prompt, { now: () => now });
    expect(await answerOf(login)).toEqual([]);
    expect(await answerOf(login)).toEqual([]);
    expect(prompt).toHaveBeenCalledOnce();
  });

  it("uses the proxy URL's own credentials without asking, and asks when the proxy refuses them", async () => {
    const prompt = vi.fn(async () => alice);
    const login = new ProxyLogin(prompt, { now: () => now });
    login.reset({ proxy: 'proxy.corp.test:3128', credentials: { username: 'svc', password: 'from-url' } });
    expect(await answerOf(login)).toEqual(['svc', 'from-url']);
    expect(prompt).not.toHaveBeenCalled();
    expect(await answerOf(login)).toEqual(['alice', 'right']);
    expect(prompt).toHaveBeenCalledWith(expect.objectContaining({ refused: true }));
    // New proxy settings forget everything.
    login.reset();
    expect(await answerOf(login)).toEqual(['alice', 'right']);
    expect(prompt).toHaveBeenCalledTimes(2);
  });
});

describe('the prompt window', () => {
  beforeEach(() => resetElectronFake());

  it('shows a script-free form in a locked-down window and resolves with what was typed', async () => {
    const answer = windowProxyPrompt({ proxy: 'proxy.corp.test:3128', realm: 'Corp', refused: true });
    const window = FakeBrowserWindow.instances.at(-1) as FakeBrowserWindow;
    expect(window.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    const page = decodeURIComponent(
      String(window.loadURL.mock.calls[0]?.[0]).replace(/^data:text\/html;charset=utf-8,/, ''),
    );
    expect(page).toContain('The proxy refused that user name or password.');
    expect(page).not.toContain('<script');

    const navigation = { preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', navigation, 'https://elsewhere.test/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    window.webContents.emit(
      'will-navigate',
      navigation,
      'https://lanyard.invalid/proxy-login?username=alice&password=p%26ss&action=sign-in',
    );
    expect(await answer).toEqual({ username: 'alice', password: 'p&ss' });
    expect(window.destroyed).toBe(true);
  });

  it('resolves with nothing on Cancel or when closed', async () => {
    const cancelled = windowProxyPrompt({ proxy: 'p:1', realm: '', refused: false });
    (FakeBrowserWindow.instances.at(-1) as FakeBrowserWindow).webContents.emit(
      'will-navigate',
      { preventDefault: vi.fn() },
      'https://lanyard.invalid/proxy-login?username=alice&password=x&action=cancel',
    );
    expect(await cancelled).toBeUndefined();
    const closed = windowProxyPrompt({ proxy: 'p:1', realm: '', refused: false });
    (FakeBrowserWindow.instances.at(-1) as FakeBrowserWindow).close();
    expect(await closed).toBeUndefined();
  });

  it('escapes what the proxy says about itself', () => {
    const page = proxyPromptPage({ proxy: 'p:1', realm: '<img src=x onerror=alert(1)>', refused: false });
    expect(page).not.toContain('<img');
    expect(page).not.toContain('refused that');
    expect(readPromptAnswer('https://lanyard.invalid/other?username=a')).toBe('not-ours');
    expect(readPromptAnswer('https://lanyard.invalid/proxy-login?username=&action=sign-in')).toBeUndefined();
  });
});
