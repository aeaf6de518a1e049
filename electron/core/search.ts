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
        this.accounts.push({ name: prepare(role.accountName), id: prepare(role.accountId), ...(role.alias ? { alias: prepare(role.alias) } : {}) });
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
      const target = field === 'roleName' ? this.roleNames[name] : field === 'alias' ? entry.alias : field === 'accountId' ? entry.id : entry.name;
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

/** Keeps the `size` highest scores (ties: first seen) in order, without sorting everything. */
class TopK {
  private readonly items: Array<{ index: number; score: number }> = [];
  constructor(private readonly size: number) {}

  offer(index: number, value: number): void {
    const items = this.items;
    if (items.length === this.size && value <= (items[items.length - 1] as { score: number }).score) return;
    let at = items.length;
    while (at > 0 && (items[at - 1] as { score: number }).score < value) at -= 1;
    items.splice(at, 0, { index, score: value });
    if (items.length > this.size) items.pop();
  }

  best(): Array<{ index: number; score: number }> {
    return this.items;
  }
}
