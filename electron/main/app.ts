/**
 * The Electron main process, wired together: one instance, hidden in the tray (no Dock icon
 * on macOS until a window opens), the core `Lanyard` service over electron-store preferences,
 * the tray, the palette hotkey, IPC, notifications, login item, and a clean stop on quit.
 * Every decision lives in the modules it wires; this file only connects them.
 */
import {
  ClipboardItem,
  app,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  net,
  powerMonitor,
  session,
  shell,
} from 'electron';
import { guardExternalOpener } from '../core/console/external-url.js';
import { Lanyard } from '../core/lanyard.js';
import { resumableClock } from '../core/support/clock.js';
import type { Logger } from '../core/support/log.js';
import { resolvePaths } from '../core/support/paths.js';
import { redact } from '../core/support/redact.js';
import { markOf } from '../core/domain/environment.js';
import type { Settings } from '../core/domain/settings.js';
import type { LanyardState } from '../core/domain/views.js';
import { type AppAction, runAction } from './actions.js';
import { cliCommand } from '../core/support/cli-command.js';
import { appLocations } from './app-locations.js';
import { registerAppProtocol } from './app-protocol.js';
import { ConsoleWindows } from './console-window.js';
import { PaletteHotkey } from './hotkey.js';
import { forwardEvents, ipcHandlers, registerIpc } from './ipc.js';
import { LoginItem } from './login-item.js';
import { createMainLogger } from './main-log.js';
import { Notifier, fromCoreNotification } from './notifications.js';
import { createPreferencesStore } from './preferences-store.js';
import { claimSingleInstance } from './single-instance.js';
import { TrayController } from './tray.js';
import { createUpdates } from './updater.js';
import {
  type CliInstallResult,
  cliInstallStatus,
  execFileRunner,
  installCli,
  repairCliLink,
  uninstallCli,
} from '../core/support/cli-install.js';
import { hardenAppSession } from './web-security.js';
import { diagnosticsFrom } from './diagnostics.js';
import { chromiumNetwork } from './net-request-handler.js';
import { NetworkSettingsApplier } from './network-settings.js';
import { APP_REQUESTS, ProxyLogin, windowProxyPrompt } from './proxy-login.js';
import { AppWindows } from './windows.js';
import { electronSecretClipboard } from './secret-clipboard.js';

export const APP_ID = 'dev.lanyard.app';
/** Pass `--show` to open the window at launch (the demo does). */
export const SHOW_FLAG = '--show';
/** A core that does not stop in this time does not hold up quitting. */
const STOP_TIMEOUT_MS = 5_000;

/** The window opens at launch on first run (nothing to sign in to yet) or when asked; otherwise Lanyard waits in the tray. */
export function showWindowAtLaunch(argv: readonly string[], state: Pick<LanyardState, 'sessions'>): boolean {
  return argv.includes(SHOW_FLAG) || state.sessions.length === 0;
}

export async function startApp(): Promise<void> {
  const env = process.env;
  const platform = process.platform;
  const paths = resolvePaths(env);
  app.setName('Lanyard');
  // Before the lock and `ready`: the instance lock, caches and storage all live in userData.
  app.setPath('userData', paths.dataDir);
  const locations = appLocations({
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    platform,
    env,
  });
  const windows = new AppWindows(locations, platform, !app.isPackaged);
  if (!claimSingleInstance(app, () => void app.whenReady().then(() => windows.showMain()))) return;
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {});
  if (platform === 'win32') app.setAppUserModelId(APP_ID);

  await app.whenReady();
  app.dock?.hide();
  const logger = createMainLogger(paths.dataDir, env, !app.isPackaged);
  const pageUrls = Object.values(locations.pageUrls);
  hardenAppSession(session.defaultSession, pageUrls);
  // The pages load from app:// (registered as privileged in index.ts, before ready).
  registerAppProtocol(session.defaultSession.protocol, locations.rendererDir);
  // A proxy's 407 for a window (console windows too) arrives here; Lanyard's own requests
  // answer theirs in net-request-handler.ts with the same ProxyLogin.
  const proxyLogin = new ProxyLogin(windowProxyPrompt, { logger });
  app.on('login', (event, contents, _details, authInfo, callback) => {
    if (!authInfo.isProxy) return;
    event.preventDefault();
    proxyLogin.answer(authInfo, contents?.session ?? APP_REQUESTS, callback);
  });
  const network = new NetworkSettingsApplier({
    logger,
    onProxyChanged: (known) => proxyLogin.reset(known),
    onProblem: (message) => notifier.show({ title: 'Network settings', body: message }),
  });
  void network.track(session.defaultSession);
  app.on('session-created', (created) => void network.track(created));
  app.on('web-contents-created', (_event, contents) =>
    contents.on('will-attach-webview', (attach) => attach.preventDefault()),
  );

  const consoles = new ConsoleWindows({ env, logger });
  // The core's clock hears about wake-ups from powerMonitor (below): the keep-alive then checks
  // every session at once instead of when the timers set before the sleep fire.
  const clock = resumableClock();
  // Lanyard's own requests go through Chromium's network (the system's proxy settings, PAC
  // and WPAD, its certificate store), and a proxy's 407 reaches the same prompt as windows'.
  const chromium = chromiumNetwork(net, proxyLogin.forAppRequests());
  const core = new Lanyard({
    paths,
    env,
    clock,
    logger,
    requestHandler: chromium.requestHandler,
    fetch: chromium.fetch,
    preferences: createPreferencesStore(paths.dataDir),
    credentialProcessCommand: () => cliCommand(locations.cli),
    platform: {
      platform,
      writeClipboard: (text) => clipboard.writeText(text),
      secretClipboard: electronSecretClipboard(clipboard, ClipboardItem, platform),
      // Sign-in pages come from the service: only https (and loopback) URLs are opened.
      openExternal: guardExternalOpener((url) => shell.openExternal(url), { env }),
      openInAppConsole: async ({ url, role, expiresAt, region }) => {
        const ref = { sessionName: role.sessionName, accountId: role.accountId, roleName: role.roleName };
        const mark = markOf(role);
        const accountName = role.alias || role.accountName;
        await consoles.show({ ref, accountName, signInUrl: url, expiresAt, region, ...(mark ? { mark } : {}) });
      },
    },
  });

  const dispatch = (action: AppAction): void => {
    runAction(action, {
      core,
      showMainWindow: () => windows.showMain(),
      showPalette: () => windows.showPalette(),
      quit: () => app.quit(),
      controls: {
        'check-for-updates': () => void updates.check('manual'),
        'restart-to-update': () => updates.restartToUpdate(),
        'install-cli': () => void cliAction(installCli),
        'uninstall-cli': () => void cliAction(uninstallCli),
        'show-diagnostics': () => windows.showDiagnostics(),
      },
      reportFailure: (title, error) =>
        notifier.show({ title, body: error.hint ? `${error.message}\n${error.hint}` : error.message }),
    }).catch((error: unknown) => logger.error('Tray action failed', { action: action.kind, error: String(error) }));
  };
  const notifier = new Notifier(dispatch);
  const tray = new TrayController({
    core,
    iconsDir: locations.trayIconsDir,
    platform,
    dispatch,
    onClick: () => windows.showMain(),
  });
  // Updates (updater.ts) and the `lanyard` command on PATH (cli-install.ts), packaged app only.
  let autoUpdateOn = true;
  const updates = createUpdates({
    isPackaged: app.isPackaged,
    platform,
    appImage: Boolean(env.APPIMAGE),
    logger,
    autoUpdate: () => autoUpdateOn,
    isOnline: () => net.isOnline(),
    onState: (update) => tray.setAppStatus({ update }),
  });
  tray.setAppStatus({ update: updates.state });
  const cliContext = {
    platform,
    resourcesPath: process.resourcesPath,
    home: paths.home,
    pathEnv: env.PATH ?? env.Path,
    ...(env.APPIMAGE ? { appImage: env.APPIMAGE } : {}),
    run: execFileRunner,
  };
  const refreshCliStatus = async (): Promise<void> => {
    if (!app.isPackaged || env.APPIMAGE) return;
    tray.setAppStatus({ cliInstalled: (await cliInstallStatus(cliContext)).installed });
  };
  const cliAction = async (operation: typeof installCli): Promise<void> => {
    const result: CliInstallResult = await operation(cliContext);
    notifier.show(
      result.ok
        ? { title: result.message, body: result.detail ?? 'Run lanyard --help in a new terminal.' }
        : { title: 'The lanyard command', body: result.hint ? `${result.message}\n${result.hint}` : result.message },
    );
    await refreshCliStatus();
  };
  const hotkey = new PaletteHotkey(
    globalShortcut,
    () => windows.togglePalette(),
    platform,
    (failure) => {
      logger.warn('Palette hotkey not registered', { accelerator: failure.accelerator, reason: failure.reason });
      notifier.show({ title: 'Search shortcut unavailable', body: failure.message, action: { kind: 'show-window' } });
    },
  );
  const loginItem = new LoginItem({ app, platform, env, home: paths.home, executable: process.execPath });
  const applySettings = (settings: Settings): void => {
    const status = hotkey.apply(settings.hotkey);
    tray.setHotkeyProblem(status.state === 'failed' ? status.message : undefined);
    autoUpdateOn = settings.autoUpdate;
    network
      .apply(settings)
      .catch((error: unknown) => logger.warn('Could not apply the network settings', { error: String(error) }));
    loginItem
      .apply(settings.startAtLogin)
      .catch((error: unknown) => logger.warn('Could not update the login item', { error: String(error) }));
  };

  const stops = [
    registerIpc(
      ipcMain,
      ipcHandlers(core, windows, { diagnostics: diagnosticsFrom(core) }),
      { ownsContents: (id) => windows.ownsContents(id), pageUrls },
      logger,
    ),
    forwardEvents(core, (channel, payload) => windows.send(channel, payload)),
    core.onNotification((notification) => notifier.show(fromCoreNotification(notification))),
    core.onState((state) => applySettings(state.settings)),
  ];
  powerMonitor.on('resume', () => {
    clock.resumed();
    tray.render();
  });
  app.on('activate', () => windows.showMain());
  handleQuit(async () => {
    stops.forEach((stop) => stop());
    hotkey.dispose();
    updates.stop();
    tray.dispose();
    consoles.closeAll();
    await core.stop();
  }, logger);

  await core.start();
  const state = await core.getState();
  applySettings(state.settings);
  if (showWindowAtLaunch(process.argv, state)) windows.showMain();
  updates.start();
  if (app.isPackaged)
    // A link left pointing into a moved app is re-pointed here, so credential_process lines keep working.
    void repairCliLink(cliContext)
      .then((repaired) => repaired.length > 0 && logger.info('Re-pointed the lanyard command', { links: repaired }))
      .then(refreshCliStatus)
      .catch((error: unknown) => logger.warn('Could not check the lanyard command', { error: String(error) }));
  logger.info('Lanyard started', { version: app.getVersion(), sessions: state.sessions.length });
}

/** Holds the first quit until `stop` has run (or timed out), then quits for real. */
function handleQuit(stop: () => Promise<void>, logger: Logger): void {
  let stopping: Promise<void> | undefined;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= Promise.race([stop(), new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())])
      .catch((error: unknown) => logger.error('Stopping Lanyard failed', { error: String(error) }))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  app.on('will-quit', () => globalShortcut.unregisterAll());
}

/** The entry point's handler for a start that failed: say so, then leave. */
export function failedToStart(error: unknown): void {
  const message = redact(error instanceof Error ? error.message : String(error));
  dialog.showErrorBox('Lanyard could not start', message);
  app.exit(1);
}
