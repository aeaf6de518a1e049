/**
 * The composition root: every service of the core, built once from where the files are, a
 * clock, a logger and randomness, and closed once. The tray app's facade (lanyard.ts), the
 * headless agent and every CLI command take their services from here; none builds them by
 * hand.
 */
import { InventoryService } from './accounts/inventory-service.js';
import { PortalClients } from './accounts/portal-client.js';
import { BackgroundEngine } from './background-engine.js';
import { PinnedProfiles } from './credentials/pins.js';
import { RoleCredentialsProvider } from './credentials/role-credentials.js';
import type { Settings } from './domain/settings.js';
import { KeepAlive } from './sessions/keep-alive.js';
import { SessionTokens } from './sessions/session-tokens.js';
import { ServiceClock, readClockSkewRecord, saveClockSkewRecord } from './sessions/service-clock.js';
import { SessionConfigs } from './sessions/sso-sessions.js';
import { type RequestHandlerFactory, onServiceDate, useRequestHandler } from './support/aws-clients.js';
import { cliCommand, processCliRuntime } from './support/cli-command.js';
import { type Clock, systemClock } from './support/clock.js';
import { onDamagedFile } from './support/damaged-files.js';
import { type Logger, silentLogger } from './support/log.js';
import type { Env, LanyardPaths } from './support/paths.js';
import { JsonFilePreferencesStore, type PreferencesStore, normalizePreferences } from './support/preferences.js';

export interface CoreOptions {
  paths: LanyardPaths;
  env?: Env;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  /** Where settings and preferences live; default: settings.json in Lanyard's data folder (shared by the app and the CLI). */
  preferences?: PreferencesStore;
  /** The settings now; default: read from `preferences` at every call (another process may change them). */
  settings?: () => Settings;
  /** The absolute `lanyard` command credential_process profiles run; default: how this process is installed. */
  credentialProcessCommand?: () => string;
  /**
   * Makes each SDK client's request handler; default: Node's, with the proxies and roots of
   * trust of the environment (network/agent.ts). The desktop app passes Electron's network stack.
   */
  requestHandler?: RequestHandlerFactory;
  /** Sends the console federation request; default: Node's, over the same network as the SDK clients. */
  fetch?: typeof fetch;
}

export interface CoreServices {
  readonly paths: LanyardPaths;
  readonly env: Env;
  readonly clock: Clock;
  /** Identity Center's clock, from its answers' Date headers: the skew and "now" by the service. */
  readonly serviceClock: ServiceClock;
  readonly logger: Logger;
  readonly random: () => number;
  readonly preferences: PreferencesStore;
  readonly sessions: SessionConfigs;
  readonly tokens: SessionTokens;
  readonly keepAlive: KeepAlive;
  readonly portals: PortalClients;
  readonly inventory: InventoryService;
  readonly credentials: RoleCredentialsProvider;
  readonly pins: PinnedProfiles;
  /** The background engine (keep-alive, config sync, pins, config reload), built on first use. */
  readonly engine: BackgroundEngine;
  settings(): Settings;
  credentialProcessCommand(): string;
  /** Sends the console federation request (see CoreOptions.fetch). */
  readonly fetch: typeof fetch;
  /** Stops the engine if it runs, waits for its work, and releases the SDK clients. Idempotent. */
  close(): Promise<void>;
}

export function createServices(options: CoreOptions): CoreServices {
  const { paths } = options;
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;
  // Damaged settings, records, account lists and locks are set aside wherever they are found; the log says so.
  const stopDamageReports = onDamagedFile(paths.dataDir, ({ message }) => logger.warn(message));
  const preferences = options.preferences ?? new JsonFilePreferencesStore(paths.dataDir);
  const settings = options.settings ?? (() => normalizePreferences(preferences.read()).settings);
  const credentialProcessCommand = options.credentialProcessCommand ?? (() => cliCommand(processCliRuntime(env)));

  const serviceClock = new ServiceClock(clock);
  const stopServiceDates = onServiceDate((sample) => serviceClock.observe(sample));
  // Until this process hears Identity Center itself, the skew the last one saw is the best guess.
  void readClockSkewRecord(paths.dataDir).then((record) => record && serviceClock.assume(record.skewMs));
  // Kept on disk for the commands that make no request (`lanyard status`).
  // Writes chain, so the last reading is the one left on disk; close() waits for them.
  let skewWrites: Promise<void> = Promise.resolve();
  serviceClock.onChange((skewMs) => {
    skewWrites = skewWrites
      .then(() => saveClockSkewRecord(paths.dataDir, { skewMs, observedAt: Date.now() }))
      .catch((error: unknown) =>
        logger.debug('could not keep the clock skew', {
          reason: error instanceof Error ? error.message : String(error),
        }),
      );
  });
  // The SDK clients are made deep inside sessions/ and accounts/, so the handler is installed for the process.
  if (options.requestHandler) useRequestHandler(options.requestHandler);
  const fetchFn: typeof fetch =
    options.fetch ?? (async (input, init) => (await import('./network/agent.js')).defaultNetwork().fetch(input, init));
  const sessions = new SessionConfigs(paths);
  const tokens = new SessionTokens({ paths, clock, logger });
  const keepAlive = new KeepAlive({ tokens, clock, logger, random });
  const portals = new PortalClients({ tokens, clock, logger, random });
  const portal = portals.get.bind(portals);
  const inventory = new InventoryService({
    paths,
    portal,
    clock,
    logger,
    backgroundRequestsPerSecond: () => settings().backgroundRequestsPerSecond,
  });
  // Role credentials expire at a time Identity Center states in its own clock.
  const credentials = new RoleCredentialsProvider({ paths, portal, clock: serviceClock.asClock, logger });
  const pins = new PinnedProfiles({ paths, credentials, sessions: () => sessions.current(), clock, logger });

  let engine: BackgroundEngine | undefined;
  let closing: Promise<void> | undefined;
  const services: CoreServices = {
    paths,
    env,
    clock,
    serviceClock,
    logger,
    random,
    preferences,
    sessions,
    tokens,
    keepAlive,
    portals,
    inventory,
    credentials,
    pins,
    get engine() {
      engine ??= new BackgroundEngine(services);
      return engine;
    },
    settings,
    credentialProcessCommand,
    fetch: fetchFn,
    close() {
      closing ??= (async () => {
        await engine?.stop();
        keepAlive.stop();
        await keepAlive.idle();
        portals.destroy();
        stopDamageReports();
        stopServiceDates();
        await skewWrites;
        if (options.requestHandler) useRequestHandler(undefined);
      })();
      return closing;
    },
  };
  return services;
}
