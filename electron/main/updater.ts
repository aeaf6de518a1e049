/**
 * Updates from the release feed (electron-builder.yml `publish:`), through electron-updater.
 * electron-updater checks what it downloads: the sha512 of the file against latest*.yml and,
 * on Windows, the installer's Authenticode publisher against the app's; on macOS Squirrel.Mac
 * installs only an app signed like the running one (an unsigned build cannot update at all).
 *
 * This module holds the decisions, over a small `UpdateClient` (electron-updater's AppUpdater
 * has that shape): when to check (a while after start, then every few hours, only with the
 * `autoUpdate` setting on and the machine online; a manual check always), what the tray shows,
 * and no updates at all in a non-packaged app. Metered connections cannot be told apart in
 * Electron, so they are not (a download is one file of the app's size, a few times a month).
 */
import type { UpdateCheckResult } from 'electron-updater';
import type { Logger } from '../core/support/log.js';
import { redact } from '../core/support/redact.js';

export type UpdateState =
  | { kind: 'disabled'; reason: string }
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'up-to-date' }
  | { kind: 'downloading'; version: string }
  | { kind: 'downloaded'; version: string }
  | { kind: 'error'; message: string };

/** What the controller needs from electron-updater's AppUpdater. */
export interface UpdateClient {
  checkForUpdates(): Promise<Pick<UpdateCheckResult, 'isUpdateAvailable' | 'updateInfo' | 'downloadPromise'> | null>;
  quitAndInstall(): void;
}

export const UPDATE_TIMING = {
  /** The first automatic check, after start-up settled. */
  firstCheckMs: 2 * 60_000,
  /** Then this often. */
  intervalMs: 6 * 60 * 60_000,
} as const;

export interface UpdateControllerOptions {
  /** Undefined when updates cannot run here; `disabledReason` says why. */
  client: UpdateClient | undefined;
  disabledReason?: string;
  /** The `autoUpdate` setting. */
  autoUpdate(): boolean;
  isOnline?(): boolean;
  onState(state: UpdateState): void;
  timing?: { firstCheckMs: number; intervalMs: number };
}

/** Whether a check runs now: manual ones always (when updates work here), automatic ones only with the setting on and online. */
export function shouldCheck(input: {
  trigger: 'automatic' | 'manual';
  state: UpdateState;
  autoUpdate: boolean;
  online: boolean;
}): boolean {
  const { state } = input;
  if (state.kind === 'disabled' || state.kind === 'checking' || state.kind === 'downloading') return false;
  // A downloaded update waits for a restart; checking again would fetch nothing new.
  if (state.kind === 'downloaded') return false;
  return input.trigger === 'manual' || (input.autoUpdate && input.online);
}

/** A failure as the user should read it: the first line, without secrets, and plain for common causes. */
export function updateErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION|ERR_NETWORK/.test(
      raw,
    )
  )
    return 'Could not reach the update server. Check your connection and try again.';
  if (/sha512 checksum mismatch/i.test(raw))
    return 'The downloaded update failed its checksum check and was discarded.';
  if (/not signed by the application owner|publisherNames|code signature/i.test(raw))
    return 'The downloaded update is not signed by Lanyard’s publisher and was discarded.';
  const status = /HttpError: (\d{3})/.exec(raw) ?? /status(?:Code)?[ :]+(\d{3})/i.exec(raw);
  if (status) return `The update server answered HTTP ${status[1]}.`;
  const line = redact(raw.split('\n')[0] ?? '').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line || 'The update check failed.';
}

export class UpdateController {
  private current: UpdateState;
  private firstTimer: NodeJS.Timeout | undefined;
  private interval: NodeJS.Timeout | undefined;

  constructor(private readonly options: UpdateControllerOptions) {
    this.current = options.client
      ? { kind: 'idle' }
      : { kind: 'disabled', reason: options.disabledReason ?? 'Updates are not available.' };
  }

  get state(): UpdateState {
    return this.current;
  }

  /** Schedules the automatic checks (each one asks the setting when it is due). */
  start(): void {
    if (!this.options.client) return;
    const timing = this.options.timing ?? UPDATE_TIMING;
    this.firstTimer = setTimeout(() => void this.check('automatic'), timing.firstCheckMs);
    this.interval = setInterval(() => void this.check('automatic'), timing.intervalMs);
    this.firstTimer.unref?.();
    this.interval.unref?.();
  }

  stop(): void {
    clearTimeout(this.firstTimer);
    clearInterval(this.interval);
  }

  /** Checks now if the rules allow; resolves when the check (and any download) ended. */
  async check(trigger: 'automatic' | 'manual'): Promise<void> {
    const { client } = this.options;
    const allowed = shouldCheck({
      trigger,
      state: this.current,
      autoUpdate: this.options.autoUpdate(),
      online: this.options.isOnline?.() ?? true,
    });
    if (!client || !allowed) return;
    this.set({ kind: 'checking' });
    try {
      const result = await client.checkForUpdates();
      if (!result?.isUpdateAvailable) return this.set({ kind: 'up-to-date' });
      const version = result.updateInfo.version;
      this.set({ kind: 'downloading', version });
      await result.downloadPromise;
      this.set({ kind: 'downloaded', version });
    } catch (error) {
      this.set({ kind: 'error', message: updateErrorMessage(error) });
    }
  }

  /** Quits and installs a downloaded update. */
  restartToUpdate(): void {
    if (this.current.kind === 'downloaded') this.options.client?.quitAndInstall();
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.options.onState(state);
  }
}

/** Why updates are off in this app, if they are. */
export function updatesDisabledReason(facts: {
  isPackaged: boolean;
  appImage: boolean;
  platform: NodeJS.Platform;
}): string | undefined {
  if (!facts.isPackaged) return 'Updates are off in a development build.';
  if (facts.platform === 'linux' && !facts.appImage)
    // deb/rpm updates need root (pkexec dpkg): the package manager updates those.
    return 'Updates come from your package manager.';
  return undefined;
}

/**
 * electron-updater's AppUpdater for this platform, loaded only when updates run (it needs
 * Electron's `app`, `net` and `session`). Downloads start as soon as an update is found
 * (autoDownload) and install on quit, or at once through "Restart to update".
 */
export async function loadElectronUpdater(log: Pick<Logger, 'info' | 'warn' | 'error'>): Promise<UpdateClient> {
  const { autoUpdater } = (await import('electron-updater')).default;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowPrerelease = false;
  autoUpdater.allowDowngrade = false;
  // NSIS web installers are not signature-checked the same way.
  autoUpdater.disableWebInstaller = true;
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(String(message)),
    warn: (message?: unknown) => log.warn(String(message)),
    error: (message?: unknown) => log.error(redact(String(message))),
    debug: () => {},
  };
  return autoUpdater;
}

/** An UpdateClient that loads electron-updater on first use (never in a development build). */
function lazyClient(load: () => Promise<UpdateClient>): UpdateClient {
  let client: Promise<UpdateClient> | undefined;
  return {
    checkForUpdates: async () => (await (client ??= load())).checkForUpdates(),
    quitAndInstall: () => void client?.then((loaded) => loaded.quitAndInstall()),
  };
}

/** The app's updater: disabled with a reason where updates do not run, else over electron-updater. */
export function createUpdates(input: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  appImage: boolean;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  autoUpdate(): boolean;
  isOnline(): boolean;
  onState(state: UpdateState): void;
}): UpdateController {
  const disabledReason = updatesDisabledReason(input);
  return new UpdateController({
    client: disabledReason ? undefined : lazyClient(() => loadElectronUpdater(input.logger)),
    ...(disabledReason ? { disabledReason } : {}),
    autoUpdate: input.autoUpdate,
    isOnline: input.isOnline,
    onState: input.onState,
  });
}
