/**
 * The whole report: reads what the checks need (config, token caches, file modes, the AWS
 * CLI's version, one request to each Identity Center endpoint) and runs every check. What
 * touches the machine comes in through DiagnosticsDeps, so tests can plant each broken thing.
 */
import type http from 'node:http';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { botocoreRejections } from '../aws-files/aws-config.js';
import { type BrowserHost, nodeBrowserHost } from '../console/browser-detection.js';
import type { DiagnosticCheck, DiagnosticsReport } from '../domain/diagnostics.js';
import { isLanyardError } from '../domain/errors.js';
import type { Settings } from '../domain/settings.js';
import { readClockSkewRecord } from '../sessions/service-clock.js';
import { configuredSessions } from '../sessions/sso-sessions.js';
import { readCachedToken } from '../sessions/token-cache.js';
import type { ServiceClock } from '../sessions/service-clock.js';
import type { Clock } from '../support/clock.js';
import { redact } from '../support/redact.js';
import type { Env, LanyardPaths } from '../support/paths.js';
import { check, reasonOf } from './check.js';
import { configChecks } from './config-checks.js';
import { awsCliCheck, browserCheck } from './environment-checks.js';
import { type Probe, networkChecks, nodeProbe, oidcEndpoint } from './reachability.js';
import { type SecretFile, type TokenReading, fileModeCheck, tokenChecks } from './token-checks.js';

export interface DiagnosticsInputs {
  paths: LanyardPaths;
  env: Env;
  clock: Clock;
  serviceClock: ServiceClock;
  settings: Pick<Settings, 'isolation' | 'browser'>;
}

export interface DiagnosticsDeps {
  /** The request each reachability check makes; default a plain node:https GET (nodeProbe). */
  probe?: Probe;
  /** Whether `probe` goes through the proxy HTTPS_PROXY / HTTP_PROXY name (the default one does not). */
  probeUsesProxy?: boolean;
  browserHost?: BrowserHost;
  /** `aws --version` output, or undefined when there is no `aws` on PATH. */
  awsVersion?: () => Promise<string | undefined>;
  platform?: NodeJS.Platform;
}

/** A one-shot agent with the environment's proxy and roots of trust (loaded only when a check runs). */
async function networkAgent(env: Env, paths: LanyardPaths): Promise<http.Agent> {
  const { Network } = await import('../network/agent.js');
  return new Network({ env, paths }).agent({ keepAlive: false });
}

export async function runDiagnostics(
  inputs: DiagnosticsInputs,
  deps: DiagnosticsDeps = {},
): Promise<DiagnosticsReport> {
  const { paths, env, clock, serviceClock } = inputs;
  const platform = deps.platform ?? process.platform;
  const host = deps.browserHost ?? nodeBrowserHost(env, platform);
  const file = paths.awsConfigFile;

  const checks: DiagnosticCheck[] = [];
  const { text, rejections } = await botocoreRejections(paths);
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  checks.push(...configChecks({ file, text: exists ? text : undefined, rejections, host }));

  const { sessions } = await configuredSessions(paths);
  for (const session of sessions) {
    checks.push(...tokenChecks(session.name, await readToken(paths, session.name), clock.now(), serviceClock.now()));
  }
  checks.push(fileModeCheck(await secretFiles(paths), platform));

  const regions = [...new Set(sessions.map((session) => session.region))];
  const endpoints = regions.map((region) => ({ id: `reachable:${region}`, url: oidcEndpoint(region, env) }));
  const knownSkew = serviceClock.skewMs ?? (await readClockSkewRecord(paths.dataDir))?.skewMs;
  if (endpoints.length > 0) {
    checks.push(
      ...(await networkChecks(endpoints, {
        // By default through the network every other request takes: its proxy and roots of trust.
        probe: deps.probe ?? nodeProbe({ agent: await networkAgent(env, paths) }),
        probeUsesProxy: deps.probe === undefined || deps.probeUsesProxy === true,
        env,
        ...(knownSkew !== undefined ? { knownSkewMs: knownSkew } : {}),
      })),
    );
  } else {
    checks.push(
      check(
        'reachable',
        'warn',
        'No complete sso-session to reach Identity Center for.',
        'Add one: lanyard login --sso-session NAME --start-url URL --region REGION',
      ),
    );
  }

  checks.push(browserCheck(inputs.settings, host));
  checks.push(awsCliCheck(await (deps.awsVersion ?? (() => awsCliVersion(env)))()));
  // The checks never put a secret into words; this is the last line of defence all the same.
  return { checks: checks.map((item) => ({ ...item, message: redact(item.message), fix: redact(item.fix) })) };
}

async function readToken(paths: LanyardPaths, name: string): Promise<TokenReading> {
  try {
    return { token: await readCachedToken(paths, name) };
  } catch (error) {
    if (isLanyardError(error, 'CORRUPT_CACHE')) return { damaged: error.message };
    return { damaged: `The cached token for "${name}" cannot be read: ${reasonOf(error)}` };
  }
}

/** Every token cache file (the AWS CLI's too: they all hold tokens) and the credentials file. */
async function secretFiles(paths: LanyardPaths): Promise<SecretFile[]> {
  const files: SecretFile[] = [];
  const names = await fs.readdir(paths.ssoCacheDir).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    const file = path.join(paths.ssoCacheDir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile()) files.push({ file, kind: 'token cache', mode: stat.mode });
  }
  const credentials = await fs.stat(paths.awsCredentialsFile).catch(() => undefined);
  if (credentials?.isFile())
    files.push({ file: paths.awsCredentialsFile, kind: 'credentials', mode: credentials.mode });
  return files;
}

/** `aws --version` from PATH (v1 printed it on stderr); undefined when there is no `aws`. */
function awsCliVersion(env: Env): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('aws', ['--version'], { env: { ...env }, timeout: 10_000, windowsHide: true }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') resolve(undefined);
      else resolve(output || (error ? `(aws --version failed: ${error.message})` : ''));
    });
  });
}
