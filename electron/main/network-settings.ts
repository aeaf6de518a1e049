/**
 * Lanyard's network settings applied to Chromium's sessions: the proxy (the OS's settings, no
 * proxy, or one proxy URL) and an extra file of certificate authorities trusted beside the
 * OS's store. Every session gets them (the default one, which carries Lanyard's own requests,
 * and each console window's), and they are applied again only when they change.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ProxyConfig, Request as CertificateRequest, Session } from 'electron';
import type { Settings } from '../core/domain/settings.js';
import { isProxyUrl } from '../core/domain/settings.js';
import type { Logger } from '../core/support/log.js';
import type { ProxyCredentials } from './proxy-login.js';

export type NetworkSettings = Pick<Settings, 'proxyMode' | 'proxyUrl' | 'caBundleFile'>;

/** What a session needs to take the settings (tests pass a fake). */
export type NetworkSession = Pick<Session, 'setProxy' | 'setCertificateVerifyProc' | 'closeAllConnections'>;

export interface ProxyPlan {
  config: ProxyConfig;
  /** host:port and the credentials written in the proxy URL, to answer its 407 without asking. */
  credentials?: { proxy: string; credentials: ProxyCredentials };
}

/** Chromium's proxy configuration for the settings; the URL's credentials go apart (Chromium takes none in it). */
export function proxyPlan(settings: NetworkSettings): ProxyPlan {
  if (settings.proxyMode === 'none') return { config: { mode: 'direct' } };
  if (settings.proxyMode !== 'url' || !isProxyUrl(settings.proxyUrl)) return { config: { mode: 'system' } };
  const url = new URL(settings.proxyUrl);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const plan: ProxyPlan = { config: { mode: 'fixed_servers', proxyRules: `${url.protocol}//${url.hostname}:${port}` } };
  if (url.username) {
    plan.credentials = {
      proxy: `${url.hostname.replace(/^\[|\]$/g, '')}:${port}`,
      credentials: { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) },
    };
  }
  return plan;
}

// ---- the extra certificate authorities ------------------------------------------------------

/** Chromium's answers to a certificate verify proc. */
const ACCEPT = 0;
const USE_CHROMIUM_RESULT = -3;
/** net::ERR_CERT_AUTHORITY_INVALID: the only failure an extra authority can cure. */
const CERT_AUTHORITY_INVALID = -202;

/** The certificates of a PEM bundle; throws a message that names the file and what is wrong. */
export async function readCaBundle(file: string): Promise<X509Certificate[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${code ?? String(error)})`;
    throw new Error(`The certificate authority file ${file} ${why}.`, { cause: error });
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const certificates: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      throw new Error(`The certificate authority file ${file} holds a certificate that cannot be read.`);
    }
  }
  if (certificates.length === 0) throw new Error(`The certificate authority file ${file} holds no PEM certificate.`);
  return certificates;
}

interface PresentedCertificate {
  data: string;
  issuerCert?: PresentedCertificate;
}

function withinDates(certificate: X509Certificate, now: number): boolean {
  return Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo);
}

/**
 * Whether the chain a server presented leads, link by verified link, to one of `authorities`,
 * every certificate in date and the first one issued for `hostname`. Used only where
 * Chromium found no trusted root, so the OS store keeps deciding everything else.
 */
export function chainsToAuthority(
  hostname: string,
  presented: PresentedCertificate,
  authorities: readonly X509Certificate[],
  now = Date.now(),
): boolean {
  let current: X509Certificate;
  try {
    current = new X509Certificate(presented.data);
  } catch {
    return false;
  }
  const bareHost = hostname.replace(/^\[|\]$/g, '');
  const forHost = isIP(bareHost) ? current.checkIP(bareHost) : current.checkHost(bareHost);
  if (!forHost) return false;
  let next = presented.issuerCert;
  for (let depth = 0; depth < 10; depth++) {
    if (!withinDates(current, now)) return false;
    const authority = authorities.find((ca) => current.checkIssued(ca) && current.verify(ca.publicKey));
    if (authority) return withinDates(authority, now);
    if (!next || next.data === presented.data) return false;
    let issuer: X509Certificate;
    try {
      issuer = new X509Certificate(next.data);
    } catch {
      return false;
    }
    if (!issuer.ca || !current.checkIssued(issuer) || !current.verify(issuer.publicKey)) return false;
    current = issuer;
    next = next.issuerCert === next ? undefined : next.issuerCert;
  }
  return false;
}

/** A certificate verify proc that also trusts `authorities` where Chromium's own check found no trusted root. */
export function extraAuthorityVerifier(
  authorities: readonly X509Certificate[],
): (request: CertificateRequest, callback: (result: number) => void) => void {
  return (request, callback) => {
    if (request.errorCode !== CERT_AUTHORITY_INVALID) {
      callback(USE_CHROMIUM_RESULT);
      return;
    }
    callback(chainsToAuthority(request.hostname, request.certificate, authorities) ? ACCEPT : USE_CHROMIUM_RESULT);
  };
}

// ---- applying them ----------------------------------------------------------------------------

export interface NetworkSettingsOptions {
  logger: Logger;
  /** The proxy settings changed: proxy credentials known so far no longer apply. */
  onProxyChanged?(credentials: ProxyPlan['credentials']): void;
  /** Tells the user about a setting that cannot be used (the CA file is missing, ...). */
  onProblem?(message: string): void;
}

export class NetworkSettingsApplier {
  private readonly sessions = new Set<NetworkSession>();
  private applied: NetworkSettings | undefined;
  private proxy: ProxyConfig = { mode: 'system' };
  private verifier: ReturnType<typeof extraAuthorityVerifier> | null = null;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly options: NetworkSettingsOptions) {}

  /** Gives `session` the current settings now and every change from now on. */
  track(session: NetworkSession): Promise<void> {
    this.sessions.add(session);
    return this.configure(session).catch((error: unknown) =>
      this.options.logger.warn('Could not apply the network settings to a session', { error: String(error) }),
    );
  }

  /** Applies the settings when they differ from the last applied; runs one change at a time. */
  apply(settings: NetworkSettings): Promise<void> {
    const next = { proxyMode: settings.proxyMode, proxyUrl: settings.proxyUrl, caBundleFile: settings.caBundleFile };
    const previous = this.applied;
    if (
      previous &&
      previous.proxyMode === next.proxyMode &&
      previous.proxyUrl === next.proxyUrl &&
      previous.caBundleFile === next.caBundleFile
    )
      return this.pending;
    this.applied = next;
    this.pending = this.pending.then(() => this.change(next, previous));
    return this.pending;
  }

  private async change(next: NetworkSettings, previous: NetworkSettings | undefined): Promise<void> {
    const plan = proxyPlan(next);
    if (next.proxyMode === 'url' && !isProxyUrl(next.proxyUrl)) {
      this.options.onProblem?.(
        'The proxy setting has no valid proxy URL, so Lanyard follows the system proxy settings.',
      );
    }
    const proxyChanged = !previous || previous.proxyMode !== next.proxyMode || previous.proxyUrl !== next.proxyUrl;
    if (proxyChanged) this.options.onProxyChanged?.(plan.credentials);
    this.proxy = plan.config;
    if (!previous || previous.caBundleFile !== next.caBundleFile) {
      this.verifier = null;
      if (next.caBundleFile) {
        try {
          this.verifier = extraAuthorityVerifier(await readCaBundle(next.caBundleFile));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          this.options.logger.warn('Extra certificate authorities not used', { reason: message });
          this.options.onProblem?.(`${message} Lanyard trusts the system's certificates only until it is fixed.`);
        }
      }
    }
    this.options.logger.info('Network settings applied', {
      proxy: this.proxy.mode ?? 'fixed_servers',
      extraAuthorities: this.verifier !== null,
    });
    await Promise.all([...this.sessions].map((session) => this.configure(session)));
  }

  private async configure(session: NetworkSession): Promise<void> {
    session.setCertificateVerifyProc(this.verifier);
    await session.setProxy(this.proxy);
    // Connections kept open would go on through the old proxy.
    await session.closeAllConnections();
  }
}
