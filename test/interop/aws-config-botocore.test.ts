import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  interpretAwsConfig,
  upsertSsoSession,
  type SsoSessionConfig,
} from '../../electron/core/aws-files/aws-config.js';
import { parseAwsIni, sectionId, sectionValues } from '../../electron/core/aws-files/aws-ini.js';
import { resolvePaths } from '../../electron/core/support/paths.js';
import {
  hostileFixtures,
  randomHostileDocument,
  seededRandom,
} from '../unit/core/aws-files/fixtures/hostile-configs/index.js';
import { PYTHON } from '../support/python.js';

const READ_CONFIG = path.join(import.meta.dirname, 'py', 'read_config.py');

/** Fixtures botocore refuses outright; every other config fixture must be readable. */
const BOTOCORE_REJECTS = ['bom.config', 'duplicates.config', 'leading-text.config', 'not-ini.config'];

const SESSION: SsoSessionConfig = {
  name: 'lanyard-interop',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: ['sso:account:access'],
};

type Values = Record<string, unknown>;
type FullConfig = Record<string, Values> & { profiles: Values; sso_sessions: Values; services: Values };
type BotocoreReading = { config: FullConfig; error?: undefined } | { config?: undefined; error: string };

let home: string;

beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-botocore-'));
});

afterAll(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

/** What botocore's `Session().full_config` holds for each file, in one python run. */
async function botocoreRead(files: string[]): Promise<BotocoreReading[]> {
  const env: NodeJS.ProcessEnv = { HOME: home, PYTHONUTF8: '1' };
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('AWS_') && !(key in env)) env[key] = value;
  const { stdout } = await promisify(execFile)(PYTHON, [READ_CONFIG, ...files], { env, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as BotocoreReading[];
}

async function writeCase(folder: string, text: string): Promise<string> {
  const dir = path.join(home, folder);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'config');
  await fs.writeFile(file, text);
  return file;
}

/** Lanyard's reading (inline comments removed) of a value botocore reads with them. */
function withoutInlineComments(value: string): string {
  return value
    .split('\n')
    .map((line) => line.replace(/\s[#;].*$/, '').trim())
    .join('\n');
}

/** botocore's full_config flattened the way Lanyard reads sections: `parent.child`, comments removed. */
function flattenBotocore(config: FullConfig): Record<string, Record<string, Record<string, string>>> {
  const flattenSection = (values: Values): Record<string, string> => {
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'string') flat[key] = withoutInlineComments(value);
      else
        for (const [child, inner] of Object.entries(value as Record<string, string>))
          flat[`${key}.${child}`] = withoutInlineComments(inner);
    }
    return flat;
  };
  const { profiles, sso_sessions: ssoSessions, services, ...others } = config;
  const group = (sections: Values): Record<string, Record<string, string>> =>
    Object.fromEntries(Object.entries(sections).map(([name, values]) => [name, flattenSection(values as Values)]));
  return {
    profiles: group(profiles),
    sso_sessions: group(ssoSessions),
    services: group(services),
    other: group(others),
  };
}

/** The same shape from Lanyard's parser. */
function lanyardView(text: string): Record<string, Record<string, Record<string, string>>> {
  const view: Record<string, Record<string, Record<string, string>>> = {
    profiles: {},
    sso_sessions: {},
    services: {},
    other: {},
  };
  const buckets = { profile: 'profiles', 'sso-session': 'sso_sessions', services: 'services', other: 'other' } as const;
  for (const section of parseAwsIni(text).sections) {
    const id = sectionId(section.header);
    if (id) view[buckets[id.type]]![id.name] = sectionValues(section);
  }
  return view;
}

function refusesWholeFile(text: string): boolean {
  return interpretAwsConfig(text, 'config').problems.some((problem) => problem.includes('refuse the whole file'));
}

function withoutSession(config: FullConfig): FullConfig {
  const sessions = { ...config.sso_sessions };
  delete sessions[SESSION.name];
  return { ...config, sso_sessions: sessions };
}

describe('botocore reads what Lanyard writes', () => {
  const fixtures = hostileFixtures().filter((item) => item.kind === 'config');

  it('sees the upserted sso-session and every other profile and section unchanged', async () => {
    const files = await Promise.all(fixtures.map((item) => writeCase(`upsert-${item.name}`, item.text)));
    const before = await botocoreRead(files);
    expect(fixtures.filter((_, index) => before[index]!.error).map((item) => item.name)).toEqual(BOTOCORE_REJECTS);

    for (const file of files)
      await upsertSsoSession(resolvePaths({ HOME: home, AWS_CONFIG_FILE: file }, 'linux'), SESSION);
    const after = await botocoreRead(files);

    fixtures.forEach((item, index) => {
      const old = before[index]!.config;
      if (!old) return;
      const now = after[index]!.config;
      expect(now, item.name).toBeDefined();
      expect(now!.sso_sessions[SESSION.name], item.name).toMatchObject({
        sso_start_url: SESSION.startUrl,
        sso_region: SESSION.region,
        sso_registration_scopes: 'sso:account:access',
      });
      expect(withoutSession(now!), item.name).toEqual(withoutSession(old));
    });
    const existing = after[fixtures.findIndex((item) => item.name === 'existing-session.config')]!.config!;
    expect(existing.sso_sessions[SESSION.name]).toMatchObject({ custom_user_key: 'keep me' });
  });

  it('the AWS SDK for JavaScript sees the session too, and its other sections unchanged', async () => {
    // The JS SDK splits lines at \n only, so a file with classic-Mac \r endings is one line to it.
    for (const item of fixtures.filter((candidate) => candidate.name !== 'cr-only.config')) {
      const file = await writeCase(`js-${item.name}`, item.text);
      const read = async (): Promise<Record<string, unknown>> =>
        (
          await loadSharedConfigFiles({
            configFilepath: file,
            filepath: path.join(home, 'no-credentials'),
            ignoreCache: true,
          })
        ).configFile;
      const old = await read();
      await upsertSsoSession(resolvePaths({ HOME: home, AWS_CONFIG_FILE: file }, 'linux'), SESSION);
      const { [`sso-session.${SESSION.name}`]: session, ...rest } = await read();
      expect(session, item.name).toMatchObject({ sso_start_url: SESSION.startUrl, sso_region: SESSION.region });
      delete old[`sso-session.${SESSION.name}`];
      expect(rest, item.name).toEqual(old);
    }
  });
});

describe('Lanyard reads config files as botocore does', () => {
  it('every readable hostile fixture gives the same sections, keys and values (inline comments aside)', async () => {
    const fixtures = hostileFixtures().filter((item) => item.kind === 'config');
    const readings = await botocoreRead(fixtures.map((item) => item.file));
    fixtures.forEach((item, index) => {
      const reading = readings[index]!;
      expect(refusesWholeFile(item.text), item.name).toBe(Boolean(reading.error));
      if (reading.config) expect(lanyardView(item.text), item.name).toEqual(flattenBotocore(reading.config));
    });
  });

  it('random hostile documents: same structure, and a refusal exactly when botocore refuses', async () => {
    const random = seededRandom(7);
    const texts = Array.from({ length: 400 }, () => randomHostileDocument(random, 14));
    const files = await Promise.all(texts.map((text, index) => writeCase(`random-${index}`, text)));
    const readings = await botocoreRead(files);
    let readable = 0;
    texts.forEach((text, index) => {
      const reading = readings[index]!;
      const label = JSON.stringify(text);
      expect(refusesWholeFile(text), label).toBe(Boolean(reading.error));
      if (!reading.config) return;
      readable += 1;
      expect(lanyardView(text), label).toEqual(flattenBotocore(reading.config));
    });
    // The generator must exercise both outcomes.
    expect(readable).toBeGreaterThan(40);
    expect(readable).toBeLessThan(texts.length);
  });
});
