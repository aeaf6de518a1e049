/**
 * Which proxy a request goes through, read from the environment the way the AWS CLI (Python's
 * urllib/requests) and curl read it: `https_proxy` / `HTTPS_PROXY` for https URLs,
 * `http_proxy` / `HTTP_PROXY` for http URLs (the lower-case name wins, as in urllib), and
 * `no_proxy` / `NO_PROXY` for the hosts that go direct.
 */
import net from 'node:net';
import type { Env } from '../support/paths.js';

export interface ProxySettings {
  /** The proxy for https URLs, if any. */
  readonly https?: URL;
  /** The proxy for http URLs, if any. */
  readonly http?: URL;
  readonly noProxy: NoProxy;
}

function variable(env: Env, name: string): string | undefined {
  const value = env[name.toLowerCase()]?.trim() || env[name.toUpperCase()]?.trim();
  return value || undefined;
}

/**
 * A proxy URL as written in the variable; `proxy:8080` without a scheme means http, as
 * curl and requests take it. An unparseable value is ignored rather than breaking every request.
 */
function proxyUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function proxySettings(env: Env): ProxySettings {
  return {
    https: proxyUrl(variable(env, 'https_proxy')),
    http: proxyUrl(variable(env, 'http_proxy')),
    noProxy: parseNoProxy(variable(env, 'no_proxy') ?? ''),
  };
}

/** The proxy a request to `target` goes through, or undefined when it goes direct. */
export function proxyFor(settings: ProxySettings, target: URL): URL | undefined {
  const proxy = target.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy) return undefined;
  return settings.noProxy.bypasses(target.hostname, portOf(target)) ? undefined : proxy;
}

function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** A proxy URL fit for messages and logs: its password replaced, its user kept. */
export function redactProxyUrl(proxy: URL): string {
  const user = proxy.username ? `${proxy.username}${proxy.password ? ':***' : ''}@` : '';
  return `${proxy.protocol}//${user}${proxy.host}`;
}

export interface NoProxy {
  bypasses(host: string, port: number): boolean;
}

interface HostRule {
  /** Lower case, without brackets or a trailing dot. */
  readonly host: string;
  readonly port?: number;
}

/**
 * NO_PROXY as curl and the AWS CLI read it: entries separated by commas (or spaces); `*` alone
 * bypasses every host; `example.com`, `.example.com` and `*.example.com` each match the domain
 * and every host under it (curl and urllib drop the leading dot); `host:port` only that port; an IP address only
 * itself; `10.0.0.0/8` or `fd00::/8` the addresses in the range. Host names compare without case.
 */
export function parseNoProxy(value: string): NoProxy {
  const entries = value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes('*')) return { bypasses: () => true };
  const ranges = new net.BlockList();
  const hosts: HostRule[] = [];
  for (const entry of entries) {
    const range = cidr(entry);
    if (range) {
      ranges.addSubnet(range.address, range.prefix, range.family);
      continue;
    }
    const rule = hostRule(entry);
    if (rule) hosts.push(rule);
  }
  return {
    bypasses(rawHost, port) {
      const host = normalizeHost(rawHost);
      const family = net.isIP(host);
      if (family && ranges.check(host, family === 6 ? 'ipv6' : 'ipv4')) return true;
      return hosts.some((rule) => {
        if (rule.port !== undefined && rule.port !== port) return false;
        return host === rule.host || (!net.isIP(host) && host.endsWith(`.${rule.host}`));
      });
    },
  };
}

function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function cidr(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const match = /^\[?([^\]/]+)\]?\/(\d{1,3})$/.exec(entry);
  if (!match) return undefined;
  const family = net.isIP(match[1]!);
  const prefix = Number(match[2]);
  if (!family || prefix > (family === 4 ? 32 : 128)) return undefined;
  return { address: match[1]!, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

function hostRule(entry: string): HostRule | undefined {
  let host = entry;
  let port: number | undefined;
  // `[::1]:8080`, `host:8080`; a bare IPv6 address has colons but no port.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
  } else if (!net.isIPv6(host)) {
    const withPort = /^(.*):(\d+)$/.exec(host);
    if (withPort) {
      host = withPort[1]!;
      port = Number(withPort[2]);
    }
  }
  host = normalizeHost(host.replace(/^\*?\./, ''));
  return host ? { host, port } : undefined;
}
