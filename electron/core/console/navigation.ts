/**
 * What an in-app console window may load, and ask for. The console and sign-in pages of the
 * role's partition stay in the window; other https: pages go to the user's own browser;
 * anything else (file:, javascript:, custom schemes, plain-http pages, malformed URLs) goes
 * nowhere. Only the window's own pages get a permission, and only the few a console needs.
 */
import { isSafeExternalUrl } from './external-url.js';
import { type AwsPartition, isPartitionHost } from './partitions.js';

export type NavigationVerdict = 'allow' | 'open-external' | 'deny';

export interface NavigationPolicy {
  partition: AwsPartition;
  /** Extra origins allowed in the window, e.g. an overridden sign-in endpoint (`http://127.0.0.1:4566`). */
  extraOrigins: readonly string[];
}

/** All a console page may ask of the browser; camera, location, notifications, devices and the rest are refused. */
export const CONSOLE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function consoleNavigationPolicy(
  partition: AwsPartition,
  extraOrigins: readonly string[] = [],
): NavigationPolicy {
  return { partition, extraOrigins: extraOrigins.map((origin) => new URL(origin).origin) };
}

export function judgeNavigation(target: string, policy: NavigationPolicy): NavigationVerdict {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'deny';
  }
  if (url.username || url.password) return 'deny';
  if (policy.extraOrigins.includes(url.origin)) return 'allow';
  if (url.protocol === 'https:' && isPartitionHost(url.hostname, policy.partition)) return 'allow';
  return isSafeExternalUrl(url.href) ? 'open-external' : 'deny';
}

/** Who asks for a permission, as Electron's permission handlers say. */
export interface PermissionAsker {
  /** The last URL the requesting frame loaded. */
  requestingUrl?: string;
  /** The requesting frame's origin (permission checks). */
  requestingOrigin?: string;
  /** The origin of the page embedding the requesting frame, for cross-origin frames. */
  embeddingOrigin?: string;
}

/**
 * Whether a console window grants `permission`: one of CONSOLE_PERMISSIONS, asked for by a page
 * the window may show (the partition's https: console and sign-in hosts, or an overridden sign-in
 * endpoint) and, for a frame, embedded in one. Anything unknown or missing is a refusal.
 */
export function isConsolePermission(permission: string, asker: PermissionAsker, policy: NavigationPolicy): boolean {
  if (!CONSOLE_PERMISSIONS.has(permission)) return false;
  if (!asker.requestingUrl && !asker.requestingOrigin) return false;
  return [asker.requestingUrl, asker.requestingOrigin, asker.embeddingOrigin].every(
    (url) => !url || judgeNavigation(url, policy) === 'allow',
  );
}
