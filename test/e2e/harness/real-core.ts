/**
 * The core's real facade (electron/core/lanyard.ts) against the fake Identity Center, for
 * driving the renderer end to end: a private HOME with `[sso-session work]`, Lanyard's real
 * session engine, inventory, search and console sign-in, and a recording platform in place
 * of Electron (clipboard, external browser, in-app console window).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../../electron/core/support/clock.js';
import { type InAppConsoleRequest, Lanyard } from '../../../electron/core/lanyard.js';
import { JsonFilePreferencesStore } from '../../../electron/core/support/preferences.js';
import type { FakeIdentityCenterOptions } from '../../fake-idc/index.js';
import { createSsoFixture, type SsoFixture } from '../../support/sso-fixture.js';

export interface RealCore {
  lanyard: Lanyard;
  fixture: SsoFixture;
  /** What the core put on the clipboard. */
  clipboard: string[];
  /** URLs the core opened in the external browser (sign-in pages). */
  openedExternally: string[];
  /** Consoles the core opened in-app: the injected launcher's calls. */
  inAppConsoles: InAppConsoleRequest[];
  /** Every secret the core and the fake hold right now: tokens, client secret, role credentials, console and sign-in URLs. */
  secrets(): string[];
  stop(): Promise<void>;
}

/** Secret-bearing fields in the token cache (camelCase) and the AWS CLI's credential cache (PascalCase). */
const SECRET_FIELDS = new Set([
  'accessToken',
  'refreshToken',
  'clientSecret',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'AccessKeyId',
  'SecretAccessKey',
  'SessionToken',
]);

function jsonFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return jsonFiles(file);
    return file.endsWith('.json') ? [file] : [];
  });
}

/** String values of secret-bearing fields in every JSON file under `dir`. */
function secretsInFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (SECRET_FIELDS.has(key) && typeof inner === 'string' && inner.length >= 8) found.push(inner);
        else visit(inner);
      }
    }
  };
  for (const file of jsonFiles(dir)) {
    try {
      visit(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // Not JSON after all; nothing to collect.
    }
  }
  return found;
}

/** Starts the fake Identity Center and the core against it (call `stop` after). One per test file at a time: it points process.env at the fake. */
export async function startRealCore(
  options: FakeIdentityCenterOptions & { clock?: Clock; signedIn?: boolean } = {},
): Promise<RealCore> {
  const fixture = await createSsoFixture(options);
  if (options.signedIn) await fixture.seedToken();
  const clipboard: string[] = [];
  const openedExternally: string[] = [];
  const inAppConsoles: InAppConsoleRequest[] = [];
  const lanyard = new Lanyard({
    paths: fixture.temp.paths,
    env: fixture.temp.env,
    preferences: new JsonFilePreferencesStore(fixture.temp.paths.dataDir),
    random: () => 0.5,
    ...(options.clock ? { clock: options.clock } : {}),
    platform: {
      writeClipboard: (text) => void clipboard.push(text),
      openExternal: async (url) => void openedExternally.push(url),
      openInAppConsole: async (request) => void inAppConsoles.push(request),
      platform: 'linux',
    },
  });
  await lanyard.start();
  return {
    lanyard,
    fixture,
    clipboard,
    openedExternally,
    inAppConsoles,
    secrets: () => [
      ...secretsInFiles(fixture.temp.home),
      ...inAppConsoles.map((request) => request.url),
      ...openedExternally,
      ...clipboard.flatMap((text) =>
        [...text.matchAll(/^export AWS_(?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)='(.+)'$/gm)].map(
          (match) => match[1] as string,
        ),
      ),
    ],
    stop: async () => {
      await lanyard.stop();
      await fixture.close();
    },
  };
}
