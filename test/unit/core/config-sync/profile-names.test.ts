import { describe, expect, it } from 'vitest';
import {
  assignProfileNames,
  renderProfileName,
  sanitizeProfileName,
  type NameRequest,
} from '../../../../electron/core/config-sync/profile-names.js';

const fields = {
  accountName: 'acme-prod',
  accountId: '123456789012',
  roleName: 'AdministratorAccess',
  sessionName: 'work',
};

function request(key: string, base: string, accountId = '123456789012', extra: Partial<NameRequest> = {}): NameRequest {
  return { key, base, accountId, sessionName: 'work', ...extra };
}

describe('profile names', () => {
  it('fills in the template, keeping case', () => {
    expect(renderProfileName('{account_name}.{role_name}', fields)).toBe('acme-prod.AdministratorAccess');
    expect(renderProfileName('{session}-{account_id}-{role_name}', fields)).toBe(
      'work-123456789012-AdministratorAccess',
    );
  });

  it('makes names every AWS reader accepts: no spaces, brackets, quotes, comment or path characters', () => {
    expect(sanitizeProfileName('Acme Prod [EU] #1; "x" / y:z %')).toBe('Acme-Prod-EU-1-x-y-z');
    expect(sanitizeProfileName('Équipe café')).toBe('Equipe-cafe');
    expect(sanitizeProfileName('--.a..b--.')).toBe('a..b');
    expect(sanitizeProfileName('me@corp+dev_1.x')).toBe('me@corp+dev_1.x');
    expect(renderProfileName('{account_name}.{role_name}', { ...fields, accountName: 'Prod (main)' })).toBe(
      'Prod-main.AdministratorAccess',
    );
  });

  it('falls back to account id and role when the template leaves nothing', () => {
    expect(renderProfileName('{account_name}', { ...fields, accountName: '日本' })).toBe(
      '123456789012.AdministratorAccess',
    );
  });

  it('gives colliding roles the account id, then the session, then a counter, in key order', () => {
    const names = assignProfileNames([
      request('work/222222222222/Admin', 'sandbox.Admin', '222222222222'),
      request('work/111111111111/Admin', 'sandbox.Admin', '111111111111'),
      request('other/111111111111/Admin', 'sandbox.Admin', '111111111111', { sessionName: 'other' }),
    ]);
    expect(Object.fromEntries(names)).toEqual({
      'other/111111111111/Admin': 'sandbox.Admin',
      'work/111111111111/Admin': 'sandbox.Admin-111111111111',
      'work/222222222222/Admin': 'sandbox.Admin-222222222222',
    });
  });

  it('lets a role keep the name it holds, so a new role never renames an existing profile', () => {
    const names = assignProfileNames([
      request('work/111111111111/Admin', 'sandbox.Admin', '111111111111'),
      request('work/222222222222/Admin', 'sandbox.Admin', '222222222222', { keep: 'sandbox.Admin' }),
    ]);
    expect(names.get('work/222222222222/Admin')).toBe('sandbox.Admin');
    expect(names.get('work/111111111111/Admin')).toBe('sandbox.Admin-111111111111');
  });

  it('never hands out claimed names or "default"', () => {
    const names = assignProfileNames([request('a', 'default'), request('b', 'taken')], new Set(['taken']));
    expect(names.get('a')).toBe('default-123456789012');
    expect(names.get('b')).toBe('taken-123456789012');
  });

  it('is deterministic whatever the input order', () => {
    const requests = Array.from({ length: 30 }, (_, index) =>
      request(`work/${String(index).padStart(12, '0')}/R`, 'same', String(index).padStart(12, '0')),
    );
    const forward = Object.fromEntries(assignProfileNames(requests));
    const backward = Object.fromEntries(assignProfileNames([...requests].reverse()));
    expect(backward).toEqual(forward);
    expect(new Set(Object.values(forward)).size).toBe(30);
  });
});
