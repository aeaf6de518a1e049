import { NO_MATCH, type Prepared, charMask, matchPositions, prepare, score } from './fuzzy-match.js';
import type { RoleView, SearchField, SearchHit } from './views.js';

/**
 * Search over every role for the hotkey palette: under 2 ms a keystroke for 10,000 roles
 * (test/bench/search.bench.ts measures it).
 *
 * Roles repeat their account's strings (an account has several roles) and role names repeat
 * across accounts, so each query word is scored once against the unique strings (account
 * names and aliases, role names), and the per-role combination is one pass over typed
 * arrays: every word must match the account or the role, and a role scores the mean of its
 * words' best scores. Words of digits also match account ids as substrings. Results for
 * recent words are cached for incremental typing.
 */

interface WordResult {
  accountScore: Float64Array;
  /** Which field gave the account its score (index into ACCOUNT_FIELDS). */
  accountField: Uint8Array;
  roleNameScore: Float64Array;
}

const ACCOUNT_FIELDS: SearchField[] = ['accountName', 'alias', 'accountId'];
/** An account id containing the digits typed is a strong, exact signal. */
const ID_MATCH_SCORE = 0.92;
const WORD_CACHE_SIZE = 32;

interface AccountEntry {
  name: Prepared;
  alias?: Prepared;
  id: Prepared;
}

export class RoleSearch {
  private readonly roleAccount: Int32Array;
  private readonly roleName: Int32Array;
  private readonly accounts: AccountEntry[] = [];
  private readonly roleNames: Prepared[] = [];
  private readonly wordCache = new Map<string, WordResult>();

  constructor(private readonly roles: readonly RoleView[]) {
    const accountIndex = new Map<string, number>();
    const roleNameIndex = new Map<string, number>();
    this.roleAccount = new Int32Array(roles.length);
    this.roleName = new Int32Array(roles.length);
    roles.forEach((role, i) => {
      const key = `${role.sessionName}/${role.accountId}`;
      let account = accountIndex.get(key);
      if (account === undefined) {
        account = this.accounts.length;
        accountIndex.set(key, account);
        this.accounts.push({
          name: prepare(role.accountName),
          id: prepare(role.accountId),
          ...(role.alias ? { alias: prepare(role.alias) } : {}),
        });
      }
      let name = roleNameIndex.get(role.roleName);
      if (name === undefined) {
        name = this.roleNames.length;
        roleNameIndex.set(role.roleName, name);
        this.roleNames.push(prepare(role.roleName));
      }
      this.roleAccount[i] = account;
      this.roleName[i] = name;
    });
  }

  /** The best `limit` roles for the query, best first; every word must match. */
  search(query: string, limit = 50): SearchHit[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0 || limit <= 0) return [];
    const results = words.map((word) => this.matchWord(word));
    const top = new TopK(limit);
    for (let i = 0; i < this.roles.length; i += 1) {
      const account = this.roleAccount[i] as number;
      const name = this.roleName[i] as number;
      let total = 0;
      let w = 0;
      for (; w < results.length; w += 1) {
        const result = results[w] as WordResult;
        const best = Math.max(result.accountScore[account] as number, result.roleNameScore[name] as number);
        if (best === NO_MATCH) break;
        total += best;
      }
      if (w === results.length) top.offer(i, total / results.length);
    }
    return top.best().map(({ index, score: total }) => this.hit(index, total, words, results));
  }

  private hit(index: number, total: number, words: string[], results: WordResult[]): SearchHit {
    const account = this.roleAccount[index] as number;
    const name = this.roleName[index] as number;
    const entry = this.accounts[account] as AccountEntry;
    const positions: Partial<Record<SearchField, Set<number>>> = {};
    results.forEach((result, w) => {
      const onAccount = (result.accountScore[account] as number) >= (result.roleNameScore[name] as number);
      const field = onAccount ? (ACCOUNT_FIELDS[result.accountField[account] as number] as SearchField) : 'roleName';
      const target =
        field === 'roleName'
          ? this.roleNames[name]
          : field === 'alias'
            ? entry.alias
            : field === 'accountId'
              ? entry.id
              : entry.name;
      if (!target) return;
      const set = (positions[field] ??= new Set<number>());
      for (const position of matchPositions(words[w] as string, target)) set.add(position);
    });
    const matches: Partial<Record<SearchField, number[]>> = {};
    for (const [field, set] of Object.entries(positions) as Array<[SearchField, Set<number>]>) {
      matches[field] = [...set].sort((a, b) => a - b);
    }
    return { key: (this.roles[index] as RoleView).key, score: total, matches };
  }

  private matchWord(word: string): WordResult {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const result: WordResult = {
      accountScore: new Float64Array(this.accounts.length),
      accountField: new Uint8Array(this.accounts.length),
      roleNameScore: new Float64Array(this.roleNames.length),
    };
    const digits = /^\d+$/.test(word);
    const mask = charMask(word);
    this.accounts.forEach((entry, a) => {
      let best = score(word, entry.name, mask);
      let field = 0;
      if (entry.alias) {
        const onAlias = score(word, entry.alias, mask);
        if (onAlias > best) {
          best = onAlias;
          field = 1;
        }
      }
      if (digits && entry.id.lower.includes(word) && ID_MATCH_SCORE > best) {
        best = entry.id.lower === word ? 1 : ID_MATCH_SCORE;
        field = 2;
      }
      result.accountScore[a] = best;
      result.accountField[a] = field;
    });
    this.roleNames.forEach((target, r) => {
      result.roleNameScore[r] = score(word, target, mask);
    });
    if (this.wordCache.size >= WORD_CACHE_SIZE) this.wordCache.delete(this.wordCache.keys().next().value as string);
    this.wordCache.set(word, result);
    return result;
  }
}

interface Ranked {
  index: number;
  score: number;
}

/** Whether `a` ranks below `b`: a lower score, or the same score seen later. */
function ranksBelow(a: Ranked, b: Ranked): boolean {
  return a.score < b.score || (a.score === b.score && a.index > b.index);
}

/**
 * Keeps the `size` best (highest score; ties: first seen) in a min-heap whose root is the worst
 * kept, so offering n candidates costs O(n log size) however large `size` is.
 */
class TopK {
  private readonly heap: Ranked[] = [];
  constructor(private readonly size: number) {}

  offer(index: number, score: number): void {
    const heap = this.heap;
    if (heap.length < this.size) {
      heap.push({ index, score });
      this.siftUp(heap.length - 1);
      return;
    }
    // Most candidates lose to the worst kept: decide that without allocating.
    const worst = heap[0];
    if (!worst || score < worst.score || (score === worst.score && index > worst.index)) return;
    heap[0] = { index, score };
    this.siftDown(0);
  }

  /** The kept entries, best first. */
  best(): Ranked[] {
    return [...this.heap].sort((a, b) => (ranksBelow(a, b) ? 1 : ranksBelow(b, a) ? -1 : 0));
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!ranksBelow(heap[at] as Ranked, heap[parent] as Ranked)) return;
      [heap[at], heap[parent]] = [heap[parent] as Ranked, heap[at] as Ranked];
      at = parent;
    }
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && ranksBelow(heap[left] as Ranked, heap[worst] as Ranked)) worst = left;
      if (right < heap.length && ranksBelow(heap[right] as Ranked, heap[worst] as Ranked)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst] as Ranked, heap[at] as Ranked];
      at = worst;
    }
  }
}
