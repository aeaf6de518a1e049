import path from 'node:path';
import { readTextIfExists, writeFileAtomically } from '../support/atomic-file.js';
import { sha1Hex } from '../support/digest.js';
import { LanyardError, type LanyardErrorCode } from '../domain/errors.js';
import {
  damageMessage,
  damagedReadProblem,
  parseStoredJson,
  reportDamagedFile,
  setAsideDamaged,
} from '../support/damaged-files.js';
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
  const parsed = parseStoredJson(text);
  if (!parsed.ok) throw new InvalidInventory(parsed.problem);
  const raw = parsed.value;
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
  /** Told about a damaged file, which is then set aside and treated as absent; default: damaged-files.ts's report. */
  onWarning?: (sessionName: string, message: string) => void;
  /** False for a reader that only looks (damaged-files.ts's LookOnly): a damaged file counts as none, left in place. */
  setAside?: boolean;
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

  /**
   * The stored inventory, or undefined when there is none. A damaged one is moved aside (kept,
   * the newest few of them) with a warning and counts as none, so it is warned about once, not
   * at every start; the next listing writes a new one.
   */
  async load(sessionName: string): Promise<StoredInventory | undefined> {
    const file = inventoryFile(this.deps.paths, sessionName);
    let text: string | undefined;
    let problem: string | undefined;
    try {
      text = await readTextIfExists(file);
      if (text === undefined) return undefined;
      return parseInventoryFile(text, sessionName);
    } catch (error) {
      problem =
        error instanceof InvalidInventory
          ? error.message
          : damagedReadProblem(error instanceof Error ? error.cause : error);
      if (problem === undefined) throw error;
    }
    if (this.deps.setAside === false) return undefined;
    let movedTo: string | undefined;
    try {
      movedTo = setAsideDamaged(file, text !== undefined ? { expected: text } : {});
    } catch (error) {
      throw new LanyardError(
        'FILE',
        `The stored account list ${file} of ${sessionName} is damaged (${problem}) and Lanyard could not move it aside: ${(error as Error).message}`,
        `Move ${file} out of the way yourself; the next listing writes a new one.`,
        { cause: error },
      );
    }
    // Rewritten meanwhile (a listing in another process): read that one.
    if (movedTo === undefined) return this.load(sessionName);
    const message = damageMessage(
      `The stored account list ${file} of ${sessionName}`,
      problem,
      movedTo,
      '; it is rebuilt on the next listing.',
    );
    if (this.deps.onWarning) this.deps.onWarning(sessionName, message);
    else reportDamagedFile({ file, movedTo, title: `Damaged account list of ${sessionName} set aside`, message });
    return undefined;
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
