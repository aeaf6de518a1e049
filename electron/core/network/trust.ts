/**
 * The certificates Lanyard trusts for HTTPS. Node's own roots (with NODE_EXTRA_CA_CERTS), the
 * operating system's store where the runtime can read it (Node 22.15+, so the app's Electron
 * does; Node 20 cannot), and the AWS CLI's bundle: AWS_CA_BUNDLE, else `ca_bundle` in the
 * active profile of ~/.aws/config (botocore's `ca_bundle` config variable, its profile from
 * AWS_PROFILE, else `default`).
 *
 * The bundle is added to the other roots rather than replacing them, unlike botocore: a
 * gateway that re-signs traffic often leaves some hosts alone, and those must keep working.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { findSections, getEntry, parseAwsIni } from '../aws-files/aws-ini.js';
import { LanyardError } from '../domain/errors.js';
import type { Env, LanyardPaths } from '../support/paths.js';

export const CA_BUNDLE_ENV = 'AWS_CA_BUNDLE';

export interface TrustSources {
  /** Where the extra bundle comes from, for messages: `AWS_CA_BUNDLE` or `ca_bundle in [profile X]`. */
  readonly bundleSource?: string;
  readonly bundleFile?: string;
  /** The operating system's store was added. */
  readonly system: boolean;
}

export interface Trust extends TrustSources {
  /** Roots for `tls.connect({ ca })`; undefined leaves Node's default. */
  readonly ca?: readonly string[];
}

type CaType = 'default' | 'system' | 'bundled' | 'extra';
/** `tls.getCACertificates`, typed here because @types/node 20 does not know it yet. */
function caCertificates(type: CaType): string[] | undefined {
  const get = (tls as unknown as { getCACertificates?: (type: CaType) => string[] }).getCACertificates;
  if (typeof get !== 'function') return undefined;
  try {
    return get(type);
  } catch {
    // A store the runtime cannot read (a locked keychain) must not break every request.
    return undefined;
  }
}

function expandHome(file: string, home: string): string {
  return file === '~' || file.startsWith('~/') || file.startsWith('~\\') ? path.join(home, file.slice(2)) : file;
}

/** AWS_CA_BUNDLE, else the active profile's ca_bundle, as botocore resolves it. */
export async function caBundleSetting(
  env: Env,
  paths: LanyardPaths,
): Promise<{ file: string; source: string } | undefined> {
  const fromEnv = env[CA_BUNDLE_ENV]?.trim();
  if (fromEnv) return { file: expandHome(fromEnv, paths.home), source: CA_BUNDLE_ENV };
  let text: string;
  try {
    text = await readFile(paths.awsConfigFile, 'utf8');
  } catch {
    return undefined;
  }
  const profile = env.AWS_PROFILE?.trim() || env.AWS_DEFAULT_PROFILE?.trim() || 'default';
  const sections = findSections(parseAwsIni(text), 'profile', profile);
  const value = sections.map((section) => getEntry(section, 'ca_bundle')?.value.trim()).findLast((entry) => entry);
  if (!value) return undefined;
  const header = profile === 'default' ? 'default' : `profile ${profile}`;
  return { file: expandHome(value, paths.home), source: `ca_bundle in [${header}] of ${paths.awsConfigFile}` };
}

export async function loadTrust(env: Env, paths: LanyardPaths): Promise<Trust> {
  const setting = await caBundleSetting(env, paths);
  let bundle: string | undefined;
  if (setting) {
    try {
      bundle = await readFile(setting.file, 'utf8');
    } catch (error) {
      throw new LanyardError(
        'CONFIG',
        `The CA bundle named by ${setting.source} cannot be read: ${setting.file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
        `Point ${setting.source === CA_BUNDLE_ENV ? CA_BUNDLE_ENV : 'ca_bundle'} at a PEM file with your network's root certificate, or remove it.`,
      );
    }
    if (!bundle.includes('-----BEGIN CERTIFICATE-----')) {
      throw new LanyardError(
        'CONFIG',
        `The CA bundle named by ${setting.source} holds no PEM certificate: ${setting.file}.`,
        'Export the root certificate in PEM form (text starting with -----BEGIN CERTIFICATE-----).',
      );
    }
  }
  const system = caCertificates('system');
  if (!bundle && !system?.length) return { system: false };
  // Passing `ca` replaces Node's roots, so they (and NODE_EXTRA_CA_CERTS) are listed first.
  const defaults = caCertificates('default') ?? [...tls.rootCertificates, ...(await extraCaCertificates(env))];
  return {
    ca: [...defaults, ...(system ?? []), ...(bundle ? [bundle] : [])],
    bundleSource: setting?.source,
    bundleFile: setting?.file,
    system: Boolean(system?.length),
  };
}

/** NODE_EXTRA_CA_CERTS on runtimes without tls.getCACertificates (Node reads it only into its default store). */
async function extraCaCertificates(env: Env): Promise<string[]> {
  const file = env.NODE_EXTRA_CA_CERTS?.trim();
  if (!file) return [];
  try {
    return [await readFile(file, 'utf8')];
  } catch {
    // Node itself warns once at start-up when the file is missing; nothing more to say here.
    return [];
  }
}
