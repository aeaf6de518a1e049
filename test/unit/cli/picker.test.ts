import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RoleDirectory } from '../../../electron/core/accounts/role-directory.js';
import { pickRole } from '../../../electron/cli/picker.js';
import { homeWithStoredOrg } from '../../support/stored-org.js';
import type { TempHome } from '../../support/temp-home.js';

let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

async function directory(): Promise<RoleDirectory> {
  temp = await homeWithStoredOrg({
    accounts: [
      { accountId: '111111111111', accountName: 'acme-payments-prod', roles: ['AdministratorAccess', 'ReadOnly'] },
      { accountId: '222222222222', accountName: 'acme-payments-dev', roles: ['ReadOnly'] },
      // An administrator's hostile name: it must not reach the terminal raw.
      { accountId: '333333333333', accountName: 'evil\u001b]0;owned\u0007', roles: ['ReadOnly'] },
    ],
  });
  return RoleDirectory.load(temp.paths);
}

/** A terminal: keys go in, the drawing comes out. */
function terminal() {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode: () => void };
  input.isTTY = true;
  input.setRawMode = () => undefined;
  const output = new PassThrough();
  let drawn = '';
  output.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
  const type = async (keys: string): Promise<void> => {
    for (const key of keys) {
      input.write(key);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { io: { input, output }, type, drawn: () => drawn };
}

describe('pickRole', () => {
  it('filters as the person types, moves with the arrows and picks with Enter', async () => {
    const roles = await directory();
    const term = terminal();
    const picked = pickRole(roles, term.io);
    await term.type('payments read');
    await term.type('\u001b[B'); // down: the second match
    await term.type('\r');
    const role = await picked;
    expect(role.ref.roleName).toBe('ReadOnly');
    expect(['111111111111', '222222222222']).toContain(role.ref.accountId);
    expect(term.drawn()).toContain('acme-payments-prod (111111111111) / ReadOnly');
  });

  it('starts from the ambiguous words given, and shows hostile names escaped', async () => {
    const roles = await directory();
    const term = terminal();
    const picked = pickRole(roles, term.io, 'readonly');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await term.type('\r');
    expect((await picked).ref.roleName).toBe('ReadOnly');
    expect(term.drawn()).toContain('evil\\u{1b}]0;owned\\u{7}');
    expect(term.drawn()).not.toContain('\u001b]0;owned');
  });

  it('cancels on Esc with a clear message', async () => {
    const roles = await directory();
    const term = terminal();
    const picked = pickRole(roles, term.io);
    const outcome = expect(picked).rejects.toThrow('No role chosen.');
    await term.type('\u001b');
    await outcome;
  });
});
