/**
 * The app's core at scale, for scale.bench.ts, which runs this in a child process (through
 * peak-memory.ts) so the peak memory measured is the core's own, not the bench's or the
 * fake's. The core is built as the tray app builds it (the Lanyard facade over the composition
 * root), started against the sso-session in the AWS config of $HOME with a seeded token; it
 * lists every account and role, syncs the profiles, builds the palette's catalogue and
 * searches it. Prints one JSON line (AppCoreReport) on stdout.
 */
import { Lanyard } from '../../electron/core/lanyard.js';
import { resolvePaths } from '../../electron/core/support/paths.js';

export interface AppCoreReport {
  listed: boolean;
  synced: boolean;
  roles: number;
  hits: number;
  /** Resident set size once the core's modules are loaded, before any work, in bytes. */
  startRssBytes: number;
}

const startRssBytes = process.memoryUsage().rss;
const paths = resolvePaths(process.env);
const lanyard = new Lanyard({
  paths,
  env: process.env,
  // Settings at their defaults (auto-sync on), kept in memory.
  preferences: { read: () => ({}), write: () => undefined },
  platform: { writeClipboard: () => undefined, openExternal: async () => undefined },
});
// Starting lists the session (nothing is stored yet) and syncs when the listing is in.
await lanyard.start();
const listed = await lanyard.refreshInventory();
const synced = await lanyard.syncNow();
await lanyard.idle();
const inventory = await lanyard.getInventory();
const hits = await lanyard.search('prod admin');
await lanyard.stop();
const report: AppCoreReport = {
  listed: listed.ok,
  synced: synced.ok,
  roles: inventory.roles.length,
  hits: hits.length,
  startRssBytes,
};
console.log(JSON.stringify(report));
// Nothing is left to wait for; leave without waiting for idle sockets to time out.
process.exit(0);
