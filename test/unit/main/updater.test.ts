// The update rules over the real electron-updater (its Linux .deb updater, constructed in
// Node with a plain-Node app adapter and HTTP executor instead of Electron's), pointed at a
// generic feed served from 127.0.0.1: what is found, downloaded and sha512-checked is real.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HttpExecutor, configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import electronUpdater from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  UpdateController,
  shouldCheck,
  updateErrorMessage,
  updatesDisabledReason,
  type UpdateClient,
  type UpdateState,
} from '../../../electron/main/updater.js';

const { DebUpdater, NoOpLogger } = electronUpdater;

/** Electron's executor (electronHttpExecutor.js) over node:http instead of electron.net. */
class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
  createRequest(options: http.RequestOptions, callback: (response: unknown) => void): http.ClientRequest {
    return http.request(options, callback);
  }
}

const PACKAGE = Buffer.from('not really a .deb, but the bytes the feed vouches for');
const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

function feedYaml(version: string, digest = sha512(PACKAGE)): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: lanyard_${version}_amd64.deb`,
    `    sha512: ${digest}`,
    `    size: ${PACKAGE.length}`,
    `path: lanyard_${version}_amd64.deb`,
    `sha512: ${digest}`,
    "releaseDate: '2026-01-01T00:00:00.000Z'",
    '',
  ].join('\n');
}

let dir: string;
let server: http.Server;
let feedUrl: string;
let feed: string | undefined;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-updater-'));
  writeFileSync(
    path.join(dir, 'app-update.yml'),
    'provider: generic\nurl: http://127.0.0.1:1/\nupdaterCacheDirName: lanyard-updater\n',
  );
  feed = undefined;
  server = http.createServer((request, response) => {
    if (request.url?.startsWith('/latest-linux.yml') && feed !== undefined) {
      response.writeHead(200, { 'content-type': 'text/yaml' }).end(feed);
    } else if (request.url?.endsWith('.deb')) {
      response.writeHead(200, { 'content-length': PACKAGE.length }).end(PACKAGE);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

/** The real electron-updater, as the packaged app of `version` would run it, reading `url`. */
function realUpdater(version: string, url = feedUrl): UpdateClient {
  const app = {
    version,
    name: 'Lanyard',
    isPackaged: true,
    appUpdateConfigPath: path.join(dir, 'app-update.yml'),
    userDataPath: path.join(dir, 'user-data'),
    baseCachePath: path.join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    relaunch: vi.fn(),
    onQuit: vi.fn(),
  };
  const updater = new DebUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<http.ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.logger = new NoOpLogger();
  updater.autoDownload = true;
  updater.setFeedURL({ provider: 'generic', url });
  return updater;
}

function controller(client: UpdateClient | undefined, autoUpdate = true) {
  const states: UpdateState[] = [];
  const updates = new UpdateController({
    client,
    disabledReason: 'Updates are off in a development build.',
    autoUpdate: () => autoUpdate,
    onState: (state) => states.push(state),
    timing: { firstCheckMs: 1_000, intervalMs: 10_000 },
  });
  return { updates, states };
}

describe('UpdateController against a local feed', () => {
  it('finds a newer version, downloads it, checks its sha512 and offers a restart', async () => {
    feed = feedYaml('0.2.0');
    const { updates, states } = controller(realUpdater('0.1.0'));
    await updates.check('manual');
    expect(states.map((state) => state.kind)).toEqual(['checking', 'downloading', 'downloaded']);
    expect(updates.state).toEqual({ kind: 'downloaded', version: '0.2.0' });
  });

  it('says up to date when the feed has the running version', async () => {
    feed = feedYaml('0.1.0');
    const { updates } = controller(realUpdater('0.1.0'));
    await updates.check('manual');
    expect(updates.state).toEqual({ kind: 'up-to-date' });
  });

  it('discards a download whose sha512 does not match the feed', async () => {
    feed = feedYaml('0.2.0', sha512(Buffer.from('something else')));
    const { updates } = controller(realUpdater('0.1.0'));
    await updates.check('manual');
    expect(updates.state).toEqual({
      kind: 'error',
      message: 'The downloaded update failed its checksum check and was discarded.',
    });
  });

  it('reports an unreachable feed plainly', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { updates } = controller(realUpdater('0.1.0', `http://127.0.0.1:${port}/`));
    await updates.check('manual');
    expect(updates.state).toEqual({
      kind: 'error',
      message: 'Could not reach the update server. Check your connection and try again.',
    });
  });

  it('reports a feed without update information by its HTTP status', async () => {
    const { updates } = controller(realUpdater('0.1.0'));
    await updates.check('manual');
    expect(updates.state).toEqual({ kind: 'error', message: 'The update server answered HTTP 404.' });
  });

  it('checks automatically after start and then on the interval, only with the setting on', async () => {
    vi.useFakeTimers();
    const client = { checkForUpdates: vi.fn(async () => null), quitAndInstall: vi.fn() };
    const on = controller(client, true);
    on.updates.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(client.checkForUpdates).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(client.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.checkForUpdates).toHaveBeenCalledTimes(2);
    on.updates.stop();

    const off = controller(client, false);
    off.updates.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(client.checkForUpdates).toHaveBeenCalledTimes(2);
    // A manual check runs whatever the setting.
    await off.updates.check('manual');
    expect(client.checkForUpdates).toHaveBeenCalledTimes(3);
    off.updates.stop();
  });

  it('with the setting off, a real feed is never asked automatically', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    feed = feedYaml('0.2.0');
    let requests = 0;
    server.on('request', () => requests++);
    const { updates, states } = controller(realUpdater('0.1.0'), false);
    updates.start();
    await vi.advanceTimersByTimeAsync(60_000);
    updates.stop();
    expect(requests).toBe(0);
    expect(states).toEqual([]);
  });

  it('is disabled, with its reason, without a client (a development build)', async () => {
    const { updates, states } = controller(undefined);
    updates.start();
    await updates.check('manual');
    expect(updates.state).toEqual({ kind: 'disabled', reason: 'Updates are off in a development build.' });
    expect(states).toEqual([]);
  });

  it('runs one check at a time and installs only a downloaded update', async () => {
    let finish: (value: null) => void = () => {};
    const client = {
      checkForUpdates: vi.fn(() => new Promise<null>((resolve) => (finish = resolve))),
      quitAndInstall: vi.fn(),
    };
    const { updates } = controller(client);
    const first = updates.check('manual');
    void updates.check('manual');
    expect(client.checkForUpdates).toHaveBeenCalledTimes(1);
    updates.restartToUpdate();
    expect(client.quitAndInstall).not.toHaveBeenCalled();
    finish(null);
    await first;
    expect(updates.state).toEqual({ kind: 'up-to-date' });
  });
});

describe('update rules', () => {
  it('never checks automatically with the setting off or offline, nor while downloading', () => {
    const idle: UpdateState = { kind: 'idle' };
    expect(shouldCheck({ trigger: 'automatic', state: idle, autoUpdate: false, online: true })).toBe(false);
    expect(shouldCheck({ trigger: 'automatic', state: idle, autoUpdate: true, online: false })).toBe(false);
    expect(shouldCheck({ trigger: 'automatic', state: idle, autoUpdate: true, online: true })).toBe(true);
    expect(shouldCheck({ trigger: 'manual', state: idle, autoUpdate: false, online: false })).toBe(true);
    expect(
      shouldCheck({
        trigger: 'manual',
        state: { kind: 'downloading', version: '1.0.0' },
        autoUpdate: true,
        online: true,
      }),
    ).toBe(false);
  });

  it('turns updates off in a development build and for the .deb package', () => {
    expect(updatesDisabledReason({ isPackaged: false, appImage: false, platform: 'darwin' })).toMatch(/development/);
    expect(updatesDisabledReason({ isPackaged: true, appImage: false, platform: 'linux' })).toMatch(/package manager/);
    expect(updatesDisabledReason({ isPackaged: true, appImage: true, platform: 'linux' })).toBeUndefined();
    expect(updatesDisabledReason({ isPackaged: true, appImage: false, platform: 'win32' })).toBeUndefined();
  });

  it('keeps error messages short and free of secrets', () => {
    expect(updateErrorMessage(new Error('net::ERR_INTERNET_DISCONNECTED'))).toMatch(/Could not reach/);
    expect(updateErrorMessage(new Error(`boom\n${'stack '.repeat(100)}`))).toBe('boom');
  });
});
