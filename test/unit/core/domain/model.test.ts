import { describe, expect, it } from 'vitest';
import { environmentOf, parseRoleKey, roleKey } from '../../../../electron/core/domain/model.js';

describe('role keys', () => {
  it('round-trip, including session names with slashes', () => {
    const ref = { sessionName: 'corp/eu', accountId: '123456789012', roleName: 'ReadOnly' };
    expect(parseRoleKey(roleKey(ref))).toEqual(ref);
  });
  it('reject malformed keys', () => {
    expect(parseRoleKey('work/12345/Admin')).toBeUndefined();
  });
});

describe('environment hints', () => {
  it.each([
    ['acme-prod-payments', 'prod'],
    ['Payments Production', 'prod'],
    ['acme-staging', 'staging'],
    ['team-dev', 'dev'],
    ['qa-tools', 'test'],
    ['sandbox-alice', 'sandbox'],
    ['product-catalog', undefined],
    ['devops-shared', undefined],
  ])('%s -> %s', (name, expected) => {
    expect(environmentOf(name)).toBe(expected);
  });
});
