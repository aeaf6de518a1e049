/**
 * What an in-app console window may load. The console and sign-in pages of the role's
 * partition stay in the window; other web pages go to the user's own browser; anything else
 * (file:, javascript:, custom schemes, malformed URLs) goes nowhere.
 */
import { type AwsPartition, isPartitionHost } from './partitions.js';

export type NavigationVerdict = 'allow' | 'open-external' | 'deny';

export interface NavigationPolicy {
  partition: AwsPartition;
  /** Extra origins allowed in the window, e.g. an overridden sign-in endpoint (`http://127.0.0.1:4566`). */
  extraOrigins: readonly string[];
}

const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:']);

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
  return EXTERNAL_PROTOCOLS.has(url.protocol) ? 'open-external' : 'deny';
}
