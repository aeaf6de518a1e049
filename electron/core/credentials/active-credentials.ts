/**
 * Which roles have live credentials, for the countdowns: the ones Lanyard fetched, and the
 * ones other tools (or an earlier run) left in the AWS CLI's credential cache. That cache names
 * its files by a hash of the role, so every known role is hashed (once per role list) and
 * the folder is scanned for those names every CREDENTIAL_SCAN_MS.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type RoleRef, parseRoleKey } from '../domain/model.js';
import type { ActiveCredentialsView } from '../domain/views.js';
import type { Clock } from '../support/clock.js';
import { parseRoleCredentials, roleCredentialsCacheKey } from './role-credentials-cache.js';

/** Look for role credentials other tools cached this often. */
export const CREDENTIAL_SCAN_MS = 60_000;

export interface ActiveCredentialsDeps {
  cliCacheDir: string;
  clock: Clock;
  /** The role keys to look for, with a version that changes whenever they do. */
  roles: () => { version: number; roles: readonly { key: string }[] };
  /** Something changed (a role gained or renewed credentials). */
  onChange: () => void;
}

export class ActiveCredentials {
  private readonly expiries = new Map<string, number>();
  private cacheNames?: { version: number; names: Map<string, string> };
  private timer?: unknown;
  private running = false;

  constructor(private readonly deps: ActiveCredentialsDeps) {}

  /** Credentials of a role are valid until `expiresAt` (epoch ms). */
  note(key: string, expiresAt: number): void {
    this.expiries.set(key, expiresAt);
    this.deps.onChange();
  }

  /** The session was signed out: its roles have no credentials any more. */
  forgetSession(sessionName: string): void {
    for (const key of [...this.expiries.keys()])
      if (parseRoleKey(key)?.sessionName === sessionName) this.expiries.delete(key);
  }

  /** Roles whose credentials are still valid. */
  list(now: number): ActiveCredentialsView[] {
    return [...this.expiries]
      .filter(([, expiresAt]) => expiresAt > now)
      .map(([key, expiresAt]) => ({ key, expiresAt }));
  }

  /** Scans now, then every CREDENTIAL_SCAN_MS until `stop`. */
  async start(): Promise<void> {
    this.running = true;
    await this.scan();
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Reads the credentials cached for known roles; reports a change once. */
  async scan(): Promise<void> {
    const names = this.fileNames();
    const dir = this.deps.cliCacheDir;
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    const now = this.deps.clock.now();
    let changed = false;
    for (const file of files) {
      const key = names.get(file);
      if (!key) continue;
      const text = await fs.readFile(path.join(dir, file), 'utf8').catch(() => '');
      const credentials = parseRoleCredentials(text);
      if (credentials && credentials.expiration > now && this.expiries.get(key) !== credentials.expiration) {
        this.expiries.set(key, credentials.expiration);
        changed = true;
      }
    }
    if (changed) this.deps.onChange();
  }

  private fileNames(): Map<string, string> {
    const roles = this.deps.roles();
    if (!this.cacheNames || this.cacheNames.version !== roles.version) {
      const names = new Map<string, string>();
      for (const { key } of roles.roles)
        names.set(`${roleCredentialsCacheKey(parseRoleKey(key) as RoleRef)}.json`, key);
      this.cacheNames = { version: roles.version, names };
    }
    return this.cacheNames.names;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = this.deps.clock.setTimeout(() => {
      void this.scan().finally(() => this.schedule());
    }, CREDENTIAL_SCAN_MS);
  }
}
