import { describe, expect, it } from 'vitest';
import { NO_MATCH, matchPositions, prepare, score } from '../../../../electron/core/domain/fuzzy-match.js';
import { sortRoles } from '../../../../electron/core/domain/role-order.js';
import { RoleSearch } from '../../../../electron/core/domain/search.js';
import type { RoleView } from '../../../../electron/core/domain/views.js';

function role(accountName: string, accountId: string, roleName: string, alias?: string): RoleView {
  return {
    key: `work/${accountId}/${roleName}`,
    sessionName: 'work',
    accountId,
    accountName,
    roleName,
    ...(alias ? { alias } : {}),
  };
}

const roles: RoleView[] = [
  role('acme-prod-payments', '111111111111', 'AdministratorAccess'),
  role('acme-prod-payments', '111111111111', 'ReadOnlyAccess'),
  role('acme-dev-payments', '222222222222', 'AdministratorAccess'),
  role('acme-staging-search', '333333333333', 'PowerUserAccess', 'Search QA'),
  role('acme-prod-identity', '444444444444', 'ReadOnlyAccess'),
];

describe('fuzzy matching', () => {
  it('ranks exact > prefix > word-start substring > substring > subsequence', () => {
    const exact = score('billing', prepare('Billing'));
    const prefix = score('bill', prepare('Billing'));
    const wordStart = score('pay', prepare('acme-payments'));
    const inside = score('ments', prepare('acme-payments'));
    const subsequence = score('acpy', prepare('acme-payments'));
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(wordStart);
    expect(wordStart).toBeGreaterThan(inside);
    expect(inside).toBeGreaterThan(subsequence);
    expect(subsequence).toBeGreaterThan(0);
    expect(score('xyz', prepare('acme-payments'))).toBe(NO_MATCH);
  });

  it('matches camelCase word starts and reports their positions', () => {
    expect(score('roa', prepare('ReadOnlyAccess'))).toBeGreaterThan(0);
    expect(matchPositions('roa', prepare('ReadOnlyAccess'))).toEqual([0, 4, 8]);
    expect(matchPositions('pay', prepare('acme-payments'))).toEqual([5, 6, 7]);
  });

  it('finds a subsequence even when preferring word starts would dead-end', () => {
    expect(score('ss', prepare('cls-xs'))).toBeGreaterThan(0);
  });
});

describe('role search', () => {
  const search = new RoleSearch(roles);

  it('needs every word to match the account or the role', () => {
    const keys = search.search('prod admin').map((hit) => hit.key);
    expect(keys).toEqual(['work/111111111111/AdministratorAccess']);
  });

  it('ranks better matches first', () => {
    // "pa": a word-start substring in the payments accounts, a mere subsequence elsewhere.
    const hits = search.search('pa');
    expect(new Set(hits.slice(0, 3).map((hit) => hit.key))).toEqual(
      new Set([
        'work/111111111111/AdministratorAccess',
        'work/111111111111/ReadOnlyAccess',
        'work/222222222222/AdministratorAccess',
      ]),
    );
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((hit, i) => i === 0 || (hits[i - 1] as { score: number }).score >= hit.score)).toBe(true);
  });

  it('searches aliases and account ids, and reports match positions per field', () => {
    const [byAlias] = search.search('search qa');
    expect(byAlias?.key).toBe('work/333333333333/PowerUserAccess');
    const [byId] = search.search('4444');
    expect(byId?.key).toBe('work/444444444444/ReadOnlyAccess');
    expect(byId?.matches.accountId).toEqual([0, 1, 2, 3]);
    const [both] = search.search('ident read');
    expect(both?.matches).toEqual({ accountName: [10, 11, 12, 13, 14], roleName: [0, 1, 2, 3] });
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('a', 2)).toHaveLength(2);
  });

  it('gives the same answers when typing incrementally (word cache)', () => {
    const fresh = new RoleSearch(roles);
    for (const prefix of ['p', 'pr', 'pro', 'prod', 'prod ', 'prod r', 'prod re']) fresh.search(prefix);
    expect(fresh.search('prod re')).toEqual(new RoleSearch(roles).search('prod re'));
  });
});

describe('role search at scale', () => {
  it('returns every match in rank order when the limit is as large as the list', () => {
    const many: RoleView[] = [];
    for (let i = 0; i < 3000; i += 1)
      many.push(
        role(`acct-${i % 7 === 0 ? 'prod' : 'dev'}-${i}`, String(100000000000 + i), i % 2 ? 'ReadOnly' : 'Admin'),
      );
    const search = new RoleSearch(many);
    const all = search.search('a', many.length);
    expect(all).toHaveLength(many.length);
    for (let i = 1; i < all.length; i += 1)
      expect((all[i - 1] as { score: number }).score).toBeGreaterThanOrEqual((all[i] as { score: number }).score);
    const top = search.search('prod', 5);
    expect(top.map((hit) => hit.key)).toEqual(
      search
        .search('prod', 500)
        .slice(0, 5)
        .map((hit) => hit.key),
    );
  });
});

describe('display order', () => {
  it('orders by alias or name (numbers naturally, case ignored), then id, then role', () => {
    const roles = [
      role('acme-10', '333333333333', 'b'),
      role('Acme-9', '222222222222', 'B'),
      role('zeta', '111111111111', 'a', 'acme-1'),
      role('acme-9', '222222222222', 'a'),
    ];
    expect(sortRoles(roles).map((item) => `${item.alias ?? item.accountName}/${item.roleName}`)).toEqual([
      'acme-1/a',
      'acme-9/a',
      'Acme-9/B',
      'acme-10/b',
    ]);
  });
});
