import path from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../support/atomic-file.js';
import { sha1Hex } from '../support/digest.js';
import type { LanyardErrorCode } from '../domain/errors.js';
import { withFileLock } from '../support/file-lock.js';
import type { InventoryProblem, InventorySnapshot } from './inventory.js';
import { type AccountWithRoles, isAccountId } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';

/** Bumped when the file's shape changes; a file of another format is ignored and rewritten. */
const FORMAT = 1;

/** What Lanyard keeps on disk for one sso-session. */
export interface StoredInventory {
  /** The newest complete listing: the only basis for diffs and for removing anything. */
  lastComplete?: InventorySnapshot;
  /** The newest listing; the same object as `lastComplete` when that one was complete. */
  latest: InventorySnapshot;
}

interface InventoryFile {
  format: number;
  sessionName: string;
  lastComplete?: InventorySnapshot;
  /** Present only when the newest listing was incomplete. */
  latestIncomplete?: InventorySnapshot;
}

export function inventoryFile(paths: LanyardPaths, sessionName: string): string {
  const key = sha1Hex(sessionName);
  return path.join(paths.dataDir, 'inventory', `${key}.json`);
}

class InvalidInventory extends Error {}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new InvalidInventory(what);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseAccount(raw: unknown): AccountWithRoles {
  check(isObject(raw), 'an account is not an object');
  check(isAccountId(raw.accountId), 'an account id is not 12 digits');
  check(isString(raw.accountName), 'an account has no name');
  check(raw.emailAddress === undefined || isString(raw.emailAddress), 'an account e-mail is not text');
  check(Array.isArray(raw.roles) && raw.roles.every(isString), 'an account has no role list');
  return {
    accountId: raw.accountId,
    accountName: raw.accountName,
    ...(raw.emailAddress ? { emailAddress: raw.emailAddress } : {}),
    roles: raw.roles,
  };
}

function parseProblem(raw: unknown): InventoryProblem {
  check(isObject(raw) && isString(raw.code) && isString(raw.message), 'a problem has no code or message');
  return {
    code: raw.code as LanyardErrorCode,
    message: raw.message,
    ...(isString(raw.hint) ? { hint: raw.hint } : {}),
  };
}

function parseSnapshot(raw: unknown, sessionName: string): InventorySnapshot {
  check(isObject(raw), 'a listing is not an object');
  check(raw.sessionName === sessionName, 'a listing belongs to another session');
  check(isString(raw.startUrl), 'a listing has no start URL');
  check(typeof raw.listedAt === 'number' && Number.isFinite(raw.listedAt), 'a listing has no time');
  check(typeof raw.complete === 'boolean', 'a listing does not say whether it is complete');
  check(Array.isArray(raw.accounts), 'a listing has no account list');
  const unlisted = raw.unlistedAccountIds;
  check(
    unlisted === undefined || (Array.isArray(unlisted) && unlisted.every(isString)),
    'a listing has a bad unlisted-accounts list',
  );
  return {
    sessionName,
    startUrl: raw.startUrl,
    listedAt: raw.listedAt,
    complete: raw.complete,
    accounts: raw.accounts.map(parseAccount),
    ...(unlisted ? { unlistedAccountIds: unlisted } : {}),
    ...(raw.problem !== undefined ? { problem: parseProblem(raw.problem) } : {}),
  };
}

/** Parses an inventory file; throws InvalidInventory (with what is wrong) for anything else. */
function parseInventoryFile(text: string, sessionName: string): StoredInventory | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidInventory('it is not valid JSON');
  }
  check(isObject(raw), 'it is not a JSON object');
  if (raw.format !== FORMAT) return undefined;
  check(raw.sessionName === sessionName, 'it belongs to another session');
  const lastComplete = raw.lastComplete === undefined ? undefined : parseSnapshot(raw.lastComplete, sessionName);
  const latestIncomplete =
    raw.latestIncomplete === undefined ? undefined : parseSnapshot(raw.latestIncomplete, sessionName);
  check(lastComplete === undefined || lastComplete.complete, 'its complete listing is marked incomplete');
  check(latestIncomplete === undefined || !latestIncomplete.complete, 'its incomplete listing is marked complete');
  const latest = latestIncomplete ?? lastComplete;
  if (!latest) return undefined;
  return { ...(lastComplete ? { lastComplete } : {}), latest };
}

export interface InventoryStoreDeps {
  paths: LanyardPaths;
  /** Told about a damaged file, which is then treated as absent. */
  onWarning?: (sessionName: string, message: string) => void;
}

/**
 * The inventories on disk, one JSON file per sso-session in Lanyard's data folder, so the app
 * and the CLI start with the last known list at once. Writes are atomic (0600) and take a
 * cross-process lock, so the tray and a CLI listing at the same time never lose the last
 * complete inventory.
 */
export class InventoryStore {
  private readonly locksDir: string;

  constructor(private readonly deps: InventoryStoreDeps) {
    this.locksDir = path.join(deps.paths.dataDir, 'locks');
  }

  /** The stored inventory, or undefined when there is none, or it is damaged (with a warning). */
  async load(sessionName: string): Promise<StoredInventory | undefined> {
    const file = inventoryFile(this.deps.paths, sessionName);
    const text = await readTextIfExists(file);
    if (text === undefined) return undefined;
    try {
      return parseInventoryFile(text, sessionName);
    } catch (error) {
      if (!(error instanceof InvalidInventory)) throw error;
      this.deps.onWarning?.(
        sessionName,
        `Ignoring the damaged account list ${file} (${error.message}); it is rebuilt on the next listing.`,
      );
      return undefined;
    }
  }

  /**
   * Records a listing. A complete one becomes the new basis; an incomplete one is kept beside
   * the last complete one and never replaces it. Returns what is stored now and the basis
   * the listing is to be compared with (the last complete listing of the same start URL).
   */
  async save(snapshot: InventorySnapshot): Promise<{ stored: StoredInventory; basis?: InventorySnapshot }> {
    return withFileLock(this.locksDir, `inventory:${snapshot.sessionName}`, async (signal) => {
      const previous = await this.load(snapshot.sessionName);
      const basis = previous?.lastComplete?.startUrl === snapshot.startUrl ? previous.lastComplete : undefined;
      const lastComplete = snapshot.complete ? snapshot : basis;
      const file: InventoryFile = {
        format: FORMAT,
        sessionName: snapshot.sessionName,
        ...(lastComplete ? { lastComplete } : {}),
        ...(snapshot.complete ? {} : { latestIncomplete: snapshot }),
      };
      await writeFileAtomically(inventoryFile(this.deps.paths, snapshot.sessionName), JSON.stringify(file), {
        mode: 0o600,
        enforceMode: true,
        signal,
      });
      return { stored: { ...(lastComplete ? { lastComplete } : {}), latest: snapshot }, ...(basis ? { basis } : {}) };
    });
  }
}
