import { describe, expect, it } from 'vitest';
import {
  accountKey,
  isAccountId,
  isSsoSessionName,
  parseAccountKey,
  parseRoleKey,
  roleKey,
} from '../../../../electron/core/domain/model.js';

describe('role keys', () => {
  it('round-trip, including session names with slashes', () => {
    const ref = { sessionName: 'corp/eu', accountId: '123456789012', roleName: 'ReadOnly' };
    expect(parseRoleKey(roleKey(ref))).toEqual(ref);
  });
  it('reject malformed keys', () => {
    expect(parseRoleKey('work/12345/Admin')).toBeUndefined();
  });
});

describe('account ids and keys', () => {
  it('accepts exactly 12 digits', () => {
    expect(isAccountId('123456789012')).toBe(true);
    for (const bad of ['12345678901', '1234567890123', '12345678901a', ' 123456789012', 123456789012]) {
      expect(isAccountId(bad)).toBe(false);
    }
  });
  it('round-trip account keys, including session names with slashes', () => {
    expect(parseAccountKey(accountKey('corp/eu', '123456789012'))).toEqual({
      sessionName: 'corp/eu',
      accountId: '123456789012',
    });
    expect(parseAccountKey('work/12345')).toBeUndefined();
    expect(parseAccountKey('/123456789012')).toBeUndefined();
  });
});

describe('sso-session names', () => {
  it('are what botocore and the JS SDK read unquoted', () => {
    for (const good of ['work', 'acme-prod', 'corp/eu', 'a.b_c@d+e%f:g']) expect(isSsoSessionName(good)).toBe(true);
    for (const bad of ['', 'work space', 'a#b', 'a]b', '__proto__', 'a\nb']) expect(isSsoSessionName(bad)).toBe(false);
  });
});
