import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXPORT_FORMATS,
  defaultExportFormat,
  exportCredentials,
  unsetCredentials,
} from '../../../../electron/core/credentials/credential-exports.js';
import type { RoleCredentials } from '../../../../electron/core/domain/model.js';
import { isLanyardError } from '../../../../electron/core/domain/errors.js';

// Obviously fake values, shaped like real ones.
const CREDENTIALS: RoleCredentials = {
  accessKeyId: 'ASIAFAKEEXAMPLE00001',
  secretAccessKey: 'fakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJFAKEsessionTOKEN+/==',
  expiration: Date.UTC(2030, 0, 2, 3, 4, 5, 678),
};
const OPTIONS = { region: 'eu-west-1', role: 'acme-prod/Admin' };

/** Values no shell line may run, or mangle. */
const HOSTILE = [
  "it's",
  'say "hi"',
  '$(touch PWNED)',
  '`touch PWNED`',
  "'; touch PWNED; echo '",
  '"; touch PWNED; echo "',
  "'\\''",
  'line\nbreak; touch PWNED',
  'carriage\r\nreturn',
  '; touch PWNED',
  '&& touch PWNED || touch PWNED | cat > PWNED < x',
  '%PATH% %USERNAME',
  '!! !$ !-1 ^^ ^',
  '$HOME ${HOME} $$ $0 \\$HOME',
  'back\\slash\\',
  "\\'",
  'é ✓ 😀 ‘quoted’ ‚low‛ “double”',
  '(sub) {brace} [glob]* ? ~ #hash',
  '  leading and trailing  ',
  '-n',
];

const hostile = (value: string): RoleCredentials => ({
  ...CREDENTIALS,
  secretAccessKey: value,
  sessionToken: `${value}TOKEN`,
});

let cwd: string;
let home: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'lanyard-exports-'));
  home = mkdtempSync(path.join(tmpdir(), 'lanyard-exports-home-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/** Runs `script` then `env -0` in a shell, in an empty directory; the exported environment after it. */
function evaluate(shell: string, args: string[], script: string, via: 'arg' | 'stdin' = 'arg'): Map<string, string> {
  const result = spawnSync(shell, via === 'arg' ? [...args, `${script}env -0\n`] : args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'stale', AWS_DEFAULT_PROFILE: 'stale', LANG: 'C.UTF-8' },
    ...(via === 'stdin' ? { input: `${script}env -0\nexit\n` } : {}),
    encoding: 'utf8',
    timeout: 10_000,
  });
  expect(result.error).toBeUndefined();
  expect(readdirSync(cwd)).toEqual([]);
  return new Map(
    result.stdout
      .split('\0')
      .filter((entry) => entry.includes('='))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

function expectExported(env: Map<string, string>, credentials: RoleCredentials, role: string): void {
  expect(env.get('AWS_ACCESS_KEY_ID')).toBe(credentials.accessKeyId);
  expect(env.get('AWS_SECRET_ACCESS_KEY')).toBe(credentials.secretAccessKey);
  expect(env.get('AWS_SESSION_TOKEN')).toBe(credentials.sessionToken);
  expect(env.get('AWS_CREDENTIAL_EXPIRATION')).toBe('2030-01-02T03:04:05Z');
  expect(env.get('AWS_REGION')).toBe('eu-west-1');
  expect(env.get('AWS_DEFAULT_REGION')).toBe('eu-west-1');
  expect(env.get('LANYARD_ROLE')).toBe(role);
  expect(env.has('AWS_PROFILE')).toBe(false);
  expect(env.has('AWS_DEFAULT_PROFILE')).toBe(false);
}

const SHELLS: Array<[string, string, string[], 'sh' | 'fish', 'arg' | 'stdin']> = [
  ['bash -c', '/usr/bin/bash', ['--norc', '--noprofile', '-c'], 'sh', 'arg'],
  // Interactive, as when pasted: history expansion (!!, !$) is on.
  ['interactive bash', '/usr/bin/bash', ['--norc', '--noprofile', '-i'], 'sh', 'stdin'],
  ['dash -c', '/usr/bin/dash', ['-c'], 'sh', 'arg'],
  ['fish -c', '/usr/bin/fish', ['--no-config', '-c'], 'fish', 'arg'],
];

describe('exportCredentials', () => {
  it('writes sh lines', () => {
    expect(exportCredentials(CREDENTIALS, { format: 'sh', ...OPTIONS })).toBe(
      [
        'unset AWS_PROFILE',
        'unset AWS_DEFAULT_PROFILE',
        "export AWS_ACCESS_KEY_ID='ASIAFAKEEXAMPLE00001'",
        "export AWS_SECRET_ACCESS_KEY='fakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "export AWS_SESSION_TOKEN='IQoJFAKEsessionTOKEN+/=='",
        "export AWS_CREDENTIAL_EXPIRATION='2030-01-02T03:04:05Z'",
        "export AWS_REGION='eu-west-1'",
        "export AWS_DEFAULT_REGION='eu-west-1'",
        "export LANYARD_ROLE='acme-prod/Admin'",
        '',
      ].join('\n'),
    );
  });

  it('leaves out the region and role lines when not given', () => {
    const text = exportCredentials(CREDENTIALS, { format: 'sh' });
    expect(text).not.toMatch(/REGION|LANYARD_ROLE/);
    expect(text.trimEnd().split('\n')).toHaveLength(6);
  });

  it('writes fish lines', () => {
    expect(exportCredentials(CREDENTIALS, { format: 'fish', ...OPTIONS })).toBe(
      [
        'set -e AWS_PROFILE',
        'set -e AWS_DEFAULT_PROFILE',
        "set -gx AWS_ACCESS_KEY_ID 'ASIAFAKEEXAMPLE00001'",
        "set -gx AWS_SECRET_ACCESS_KEY 'fakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "set -gx AWS_SESSION_TOKEN 'IQoJFAKEsessionTOKEN+/=='",
        "set -gx AWS_CREDENTIAL_EXPIRATION '2030-01-02T03:04:05Z'",
        "set -gx AWS_REGION 'eu-west-1'",
        "set -gx AWS_DEFAULT_REGION 'eu-west-1'",
        "set -gx LANYARD_ROLE 'acme-prod/Admin'",
        '',
      ].join('\n'),
    );
  });

  it('writes PowerShell lines', () => {
    expect(exportCredentials(CREDENTIALS, { format: 'powershell', ...OPTIONS })).toBe(
      [
        'Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue',
        'Remove-Item Env:AWS_DEFAULT_PROFILE -ErrorAction SilentlyContinue',
        "$Env:AWS_ACCESS_KEY_ID = 'ASIAFAKEEXAMPLE00001'",
        "$Env:AWS_SECRET_ACCESS_KEY = 'fakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY'",
        "$Env:AWS_SESSION_TOKEN = 'IQoJFAKEsessionTOKEN+/=='",
        "$Env:AWS_CREDENTIAL_EXPIRATION = '2030-01-02T03:04:05Z'",
        "$Env:AWS_REGION = 'eu-west-1'",
        "$Env:AWS_DEFAULT_REGION = 'eu-west-1'",
        "$Env:LANYARD_ROLE = 'acme-prod/Admin'",
        '',
      ].join('\n'),
    );
  });

  it('writes cmd lines', () => {
    expect(exportCredentials(CREDENTIALS, { format: 'cmd', ...OPTIONS })).toBe(
      [
        'set "AWS_PROFILE="',
        'set "AWS_DEFAULT_PROFILE="',
        'set "AWS_ACCESS_KEY_ID=ASIAFAKEEXAMPLE00001"',
        'set "AWS_SECRET_ACCESS_KEY=fakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY"',
        'set "AWS_SESSION_TOKEN=IQoJFAKEsessionTOKEN+/=="',
        'set "AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05Z"',
        'set "AWS_REGION=eu-west-1"',
        'set "AWS_DEFAULT_REGION=eu-west-1"',
        'set "LANYARD_ROLE=acme-prod/Admin"',
        '',
      ].join('\n'),
    );
  });

  it('writes dotenv lines, and unsets nothing', () => {
    expect(exportCredentials(CREDENTIALS, { format: 'dotenv', ...OPTIONS })).toBe(
      [
        'AWS_ACCESS_KEY_ID="ASIAFAKEEXAMPLE00001"',
        'AWS_SECRET_ACCESS_KEY="fakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY"',
        'AWS_SESSION_TOKEN="IQoJFAKEsessionTOKEN+/=="',
        'AWS_CREDENTIAL_EXPIRATION="2030-01-02T03:04:05Z"',
        'AWS_REGION="eu-west-1"',
        'AWS_DEFAULT_REGION="eu-west-1"',
        'LANYARD_ROLE="acme-prod/Admin"',
        '',
      ].join('\n'),
    );
  });

  it('writes credential_process JSON for json', () => {
    const text = exportCredentials(CREDENTIALS, { format: 'json', ...OPTIONS });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      Version: 1,
      AccessKeyId: CREDENTIALS.accessKeyId,
      SecretAccessKey: CREDENTIALS.secretAccessKey,
      SessionToken: CREDENTIALS.sessionToken,
      Expiration: '2030-01-02T03:04:05Z',
    });
    for (const value of HOSTILE)
      expect(JSON.parse(exportCredentials(hostile(value), { format: 'json' })).SecretAccessKey).toBe(value);
  });

  it('knows every format, and defaults to PowerShell on Windows only', () => {
    expect(EXPORT_FORMATS).toEqual(['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json']);
    expect(defaultExportFormat('win32')).toBe('powershell');
    expect(defaultExportFormat('linux')).toBe('sh');
    expect(defaultExportFormat('darwin')).toBe('sh');
  });

  it('refuses a NUL in any environment format, without quoting the value', () => {
    for (const format of EXPORT_FORMATS.filter((candidate) => candidate !== 'json')) {
      const run = (): string => exportCredentials(hostile('fakeNUL\0secret'), { format });
      expect(run).toThrow(/AWS_SECRET_ACCESS_KEY: it contains a NUL/);
      expect(run).not.toThrow(/fakeNUL/);
    }
  });

  describe.each(SHELLS)('evaluated by %s', (_label, shell, args, format, via) => {
    it.skipIf(!existsSync(shell))('round-trips ordinary values and drops AWS_PROFILE', () => {
      const env = evaluate(shell, args, exportCredentials(CREDENTIALS, { format, ...OPTIONS }), via);
      expectExported(env, CREDENTIALS, OPTIONS.role);
    });

    it.skipIf(!existsSync(shell))('round-trips hostile values byte for byte and runs none of them', () => {
      // A terminal's line editor turns a pasted CR into a line break: not a quoting matter.
      for (const value of HOSTILE.filter((candidate) => via === 'arg' || !candidate.includes('\r'))) {
        const credentials = hostile(value);
        const env = evaluate(shell, args, exportCredentials(credentials, { format, ...OPTIONS, role: value }), via);
        expectExported(env, credentials, value);
      }
    });

    it.skipIf(!existsSync(shell))('unsets everything it set, and leaves AWS_PROFILE alone', () => {
      const script = `${exportCredentials(CREDENTIALS, { format, ...OPTIONS })}${format === 'sh' ? 'export AWS_PROFILE=later' : 'set -gx AWS_PROFILE later'}\n${unsetCredentials(format)}`;
      const env = evaluate(shell, args, script, via);
      for (const name of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_CREDENTIAL_EXPIRATION',
        'AWS_REGION',
        'AWS_DEFAULT_REGION',
        'LANYARD_ROLE',
      ])
        expect(env.has(name), name).toBe(false);
      expect(env.get('AWS_PROFILE')).toBe('later');
    });
  });

  it('quotes hostile values for PowerShell in single quotes, doubling every kind of single quote', () => {
    const line = (value: string): string | undefined =>
      exportCredentials(hostile(value), { format: 'powershell' }).split('\n')[3];
    expect(line("it's")).toBe("$Env:AWS_SECRET_ACCESS_KEY = 'it''s'");
    expect(line('$(touch PWNED) `n "x"')).toBe('$Env:AWS_SECRET_ACCESS_KEY = \'$(touch PWNED) `n "x"\'');
    expect(line('‘a’ ‚b‛')).toBe("$Env:AWS_SECRET_ACCESS_KEY = '‘‘a’’ ‚‚b‛‛'");
    expect(line('%PATH% !! ^&|<>')).toBe("$Env:AWS_SECRET_ACCESS_KEY = '%PATH% !! ^&|<>'");
    // Read back by PowerShell's rule: in '…' a pair of single-quote characters is one of them.
    const assignment = /^\$Env:(\w+) = '((?:[^'‘’‚‛]|(['‘’‚‛])\3)*)'$/gmu;
    for (const value of HOSTILE) {
      const text = exportCredentials(hostile(value), { format: 'powershell', role: value });
      const read = new Map(
        [...text.matchAll(assignment)].map((match) => [match[1], (match[2] ?? '').replace(/(['‘’‚‛])\1/gu, '$1')]),
      );
      expect(read.get('AWS_SECRET_ACCESS_KEY')).toBe(value);
      expect(read.get('LANYARD_ROLE')).toBe(value);
    }
  });

  it('quotes cmd values, caret-escapes those with a %, and refuses what cmd cannot hold', () => {
    const line = (value: string): string | undefined =>
      exportCredentials(hostile(value), { format: 'cmd' }).split('\n')[3];
    expect(line("it's & | < > ^ ( ) ! `x` $(y) é")).toBe(
      'set "AWS_SECRET_ACCESS_KEY=it\'s & | < > ^ ( ) ! `x` $(y) é"',
    );
    expect(line('%PATH%')).toBe('set AWS_SECRET_ACCESS_KEY=%^P^A^T^H%');
    expect(line('a%%b&c^')).toBe('set AWS_SECRET_ACCESS_KEY=^a%%^b^&^c^^');
    expect(line('😀%')).toBe('set AWS_SECRET_ACCESS_KEY=^😀%');
    for (const [value, what] of [
      ['line\nbreak', 'a line break'],
      ['return\r', 'a line break'],
      ['say "hi"', 'a double quote'],
    ]) {
      let caught: unknown;
      try {
        exportCredentials(hostile(value as string), { format: 'cmd' });
      } catch (error) {
        caught = error;
      }
      expect(isLanyardError(caught, 'USAGE')).toBe(true);
      expect((caught as Error).message).toBe(
        `The cmd format cannot safely hold the value of AWS_SECRET_ACCESS_KEY: it contains ${what}.`,
      );
    }
    // Every % is followed by a caret, another % or the end, so no %NAME% can name a variable,
    // and dropping the carets gives the value back.
    for (const value of HOSTILE.filter((candidate) => candidate.includes('%') && !/[\r\n"]/.test(candidate))) {
      const escaped = (line(value) as string).replace(/^set AWS_SECRET_ACCESS_KEY=/, '');
      expect(escaped).toMatch(/^(?:\^.|%(?=[\^%]|$))*$/u);
      expect(escaped.replace(/\^(.)/gu, '$1')).toBe(value);
    }
  });

  it('escapes dotenv values the way Docker Compose reads them', () => {
    const line = (value: string): string | undefined =>
      exportCredentials(hostile(value), { format: 'dotenv' }).split('\n')[1];
    expect(line('say "hi" $(x) ${HOME} back\\slash\nnext\r')).toBe(
      'AWS_SECRET_ACCESS_KEY="say \\"hi\\" \\$(x) \\${HOME} back\\\\slash\\nnext\\r"',
    );
    expect(line("it's `x` %PATH% é")).toBe('AWS_SECRET_ACCESS_KEY="it\'s `x` %PATH% é"');
  });

  const pythonDotenv = spawnSync('python3', ['-c', 'import dotenv'], { encoding: 'utf8' }).status === 0;
  // python-dotenv has no escape for $, and misreads \\" (an escaped backslash before the closing quote).
  it.skipIf(!pythonDotenv)('reads back through python-dotenv (values without $ or \\)', () => {
    const values = HOSTILE.filter((value) => !/[$\\]/.test(value));
    const text = values
      .map((value, index) => exportCredentials(hostile(value), { format: 'dotenv', role: `${index}` }))
      .join('');
    const result = spawnSync(
      'python3',
      [
        '-c',
        'import io, json, sys\nfrom dotenv.main import DotEnv\n' +
          'print(json.dumps([v for k, v in DotEnv(None, stream=io.StringIO(sys.stdin.read()), interpolate=False).parse() if k == "AWS_SECRET_ACCESS_KEY"]))',
      ],
      { input: text, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(values);
  });
});

describe('unsetCredentials', () => {
  it('clears every variable it can set, per shell', () => {
    expect(unsetCredentials('sh')).toBe(
      'unset AWS_ACCESS_KEY_ID\nunset AWS_SECRET_ACCESS_KEY\nunset AWS_SESSION_TOKEN\nunset AWS_CREDENTIAL_EXPIRATION\n' +
        'unset AWS_REGION\nunset AWS_DEFAULT_REGION\nunset LANYARD_ROLE\n',
    );
    expect(unsetCredentials('fish').split('\n')[0]).toBe('set -e AWS_ACCESS_KEY_ID');
    expect(unsetCredentials('powershell').split('\n')[6]).toBe(
      'Remove-Item Env:LANYARD_ROLE -ErrorAction SilentlyContinue',
    );
    expect(unsetCredentials('cmd').split('\n')[1]).toBe('set "AWS_SECRET_ACCESS_KEY="');
  });

  it('refuses the file formats', () => {
    for (const format of ['dotenv', 'json'] as const) {
      expect(() => unsetCredentials(format)).toThrow(`The ${format} format cannot unset variables.`);
    }
  });
});
