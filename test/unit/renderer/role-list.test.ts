import { describe, expect, it } from 'vitest';
import { signInHint } from '../../../electron/core/domain/errors.js';
import { hintWithoutCommands, remedyFor } from '../../../renderer/src/lib/error-actions.js';
import { navigate } from '../../../renderer/src/lib/list-navigation.js';
import { splitPositions, tailStart } from '../../../renderer/src/lib/middle-truncate.js';
import { roleActionForKey, windowCommandForKey } from '../../../renderer/src/lib/role-actions.js';

const split = (text: string): [string, string] | string => {
  const start = tailStart(text);
  return start === undefined ? text : [text.slice(0, start), text.slice(start)];
};

const key = (
  name: string,
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key: name,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('middle truncation', () => {
  it('keeps the end of a name that tells it apart, from a separator', () => {
    expect(split('acme-payments-platform-eu-02')).toEqual(['acme-payments-platform', '-eu-02']);
    expect(split('acme-payments-platform-apac')).toEqual(['acme-payments-platform', '-apac']);
    expect(split('Acme Payments Settlement Reconciliation Prod EU-02')).toEqual([
      'Acme Payments Settlement Reconciliation ',
      'Prod EU-02',
    ]);
    expect(split('AdministratorAccess')).toEqual(['Administrator', 'Access']);
  });

  it('draws short names whole, and cuts names without separators near their end', () => {
    expect(split('billing-prod')).toBe('billing-prod');
    expect(split('abcdefghijklmnopqrstuvwxyz')).toEqual(['abcdefghijklmnopq', 'rstuvwxyz']);
  });

  it('splits match positions between the parts', () => {
    expect(splitPositions([0, 1, 22, 23], 22)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(splitPositions([25], 22)).toEqual([undefined, [3]]);
    expect(splitPositions(undefined, 22)).toEqual([undefined, undefined]);
  });
});

describe('keys', () => {
  it('moves the highlight, Home and End only in the list', () => {
    expect(navigate('ArrowDown', 0, 5, { pageSize: 10, homeEnd: false })).toBe(1);
    expect(navigate('PageDown', 0, 5, { pageSize: 10, homeEnd: false })).toBe(4);
    expect(navigate('PageUp', 3, 5, { pageSize: 10, homeEnd: false })).toBe(0);
    expect(navigate('End', 0, 5, { pageSize: 10, homeEnd: false })).toBeUndefined();
    expect(navigate('End', 0, 5, { pageSize: 10, homeEnd: true })).toBe(4);
    expect(navigate('toString', 0, 5, { pageSize: 10, homeEnd: true })).toBeUndefined();
    expect(navigate('ArrowDown', 0, 0, { pageSize: 10, homeEnd: true })).toBeUndefined();
  });

  it('reads the role actions and the window commands from one table', () => {
    expect(roleActionForKey(key('Enter', { metaKey: true }))).toBe('copy-exports');
    expect(windowCommandForKey(key('d', { ctrlKey: true }))).toBe('toggle-favourite');
    expect(windowCommandForKey(key('D', { metaKey: true, shiftKey: true }))).toBe('toggle-favourite');
    expect(windowCommandForKey(key('F2'))).toBe('rename');
    expect(windowCommandForKey(key('/'))).toBe('focus-filter');
    expect(windowCommandForKey(key('f', { ctrlKey: true }))).toBe('focus-filter');
    expect(windowCommandForKey(key('?', { shiftKey: true }))).toBe('show-shortcuts');
    expect(windowCommandForKey(key('d'))).toBeUndefined();
  });
});

describe('error remedies', () => {
  it('offers a button by the error code', () => {
    expect(remedyFor('SIGN_IN_REQUIRED')).toBe('sign-in');
    expect(remedyFor('THROTTLED')).toBe('retry');
    expect(remedyFor('NOT_FOUND')).toBe('refresh-list');
    expect(remedyFor('BROWSER_NOT_FOUND')).toBeUndefined();
  });

  it('drops the sentences of a hint that name a command to type', () => {
    expect(hintWithoutCommands(signInHint('acme'))).toBeUndefined();
    expect(hintWithoutCommands('Check the network. Then run `lanyard sso-ls --refresh`.')).toBe('Check the network.');
    expect(hintWithoutCommands('Fix `~/.aws/config` first. Or wait.')).toBe('Or wait.');
    expect(hintWithoutCommands('Refresh the account list.')).toBe('Refresh the account list.');
  });
});
