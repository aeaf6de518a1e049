import { describe, expect, it } from 'vitest';
import { parseFastArgs } from '../../../electron/cli/fast.js';
import { exportFormatNamed } from '../../../electron/core/credentials/credential-exports.js';

const legacy = (entries: Record<string, string>) => ({ flags: new Map(Object.entries(entries)) });

describe('parseFastArgs', () => {
  it.each([
    [
      ['--sso-session', 'work', '--account-id', '123456789012', '--role-name', 'ReadOnly'],
      legacy({ '--sso-session': 'work', '--account-id': '123456789012', '--role-name': 'ReadOnly' }),
    ],
    [
      ['--role-name=ReadOnly', '--sso-session=work', '--account-id=123456789012'],
      legacy({ '--role-name': 'ReadOnly', '--sso-session': 'work', '--account-id': '123456789012' }),
    ],
    [['team-dev.ReadOnly'], { flags: new Map(), role: 'team-dev.ReadOnly' }],
    [
      ['payments prod', '--sso-session', 'work'],
      { flags: new Map([['--sso-session', 'work']]), role: 'payments prod' },
    ],
    // Two roles, a flag without its value, an unknown flag, a repeated flag, a prototype name: the full CLI.
    [['a', 'b'], undefined],
    [['--sso-session', '--account-id', '123456789012', '--role-name', 'R'], undefined],
    [['--sso-session', 'work', '--verbose'], undefined],
    [['--sso-session', 'a', '--sso-session', 'b'], undefined],
    [['--toString', 'x'], undefined],
    [['--format', 'fish'], undefined],
  ])('credential-process %j -> %j', (args, expected) => {
    expect(parseFastArgs('credential-process', args)).toEqual(expected);
  });

  it('takes --format and --region for env only, and no other command', () => {
    expect(parseFastArgs('env', ['r', '--format=fish', '--region', 'eu-west-1'])).toEqual({
      flags: new Map([
        ['--format', 'fish'],
        ['--region', 'eu-west-1'],
      ]),
      role: 'r',
    });
    expect(parseFastArgs('exec', ['r'])).toBeUndefined();
  });
});

describe('exportFormatNamed', () => {
  it('knows the formats and the shells that read them', () => {
    expect(exportFormatNamed('bash')).toBe('sh');
    expect(exportFormatNamed('zsh')).toBe('sh');
    expect(exportFormatNamed('pwsh')).toBe('powershell');
    expect(exportFormatNamed('dotenv')).toBe('dotenv');
    expect(exportFormatNamed('tcsh')).toBeUndefined();
  });
});
