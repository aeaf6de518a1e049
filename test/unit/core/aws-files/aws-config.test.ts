import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_SUFFIX } from '../../../../electron/core/support/atomic-file.js';
import {
  interpretAwsConfig,
  readAwsConfig,
  upsertSsoSession,
  validateStartUrl,
  type SsoSessionConfig,
} from '../../../../electron/core/aws-files/aws-config.js';
import { parseAwsIni } from '../../../../electron/core/aws-files/aws-ini.js';
import { isLanyardError } from '../../../../electron/core/domain/errors.js';
import { resolvePaths, type LanyardPaths } from '../../../../electron/core/support/paths.js';
import { hostileFixtures } from './fixtures/hostile-configs/index.js';

const fixture = (name: string): string => hostileFixtures().find((item) => item.name === name)!.text;

const WORK: SsoSessionConfig = {
  name: 'work',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
  registrationScopes: ['sso:account:access'],
};

const WORK_SECTION =
  '[sso-session work]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n';

let home: string;
let paths: LanyardPaths;

beforeEach(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'lanyard-aws-config-'));
  paths = resolvePaths({ HOME: home }, 'linux');
});

afterEach(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

async function writeConfig(text: string | Buffer, mode = 0o600): Promise<void> {
  await fs.mkdir(path.dirname(paths.awsConfigFile), { recursive: true });
  await fs.writeFile(paths.awsConfigFile, text, { mode });
  await fs.chmod(paths.awsConfigFile, mode);
}

const readConfig = (): Promise<string> => fs.readFile(paths.awsConfigFile, 'utf8');
const modeOf = async (file: string): Promise<number> => (await fs.stat(file)).mode & 0o777;

async function expectLanyardError(
  promise: Promise<unknown> | (() => unknown),
  code: 'USAGE' | 'CONFIG',
): Promise<void> {
  const error = await (typeof promise === 'function' ? Promise.resolve().then(promise) : promise).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isLanyardError(error, code), String(error)).toBe(true);
}

describe('validateStartUrl', () => {
  it.each([
    'https://d-1234567890.awsapps.com/start',
    'https://d-1234567890.awsapps.com/start/',
    'https://sso.example.com/start',
    'https://start.us-gov-home.awsapps.com/directory/d-1234567890',
    'https://d-1234567890.awsapps.com/start#/',
  ])('accepts %s', (url) => {
    expect(validateStartUrl(url)).toBe(url);
  });

  it('returns the URL trimmed', () => {
    expect(validateStartUrl('  https://d-1.awsapps.com/start \n')).toBe('https://d-1.awsapps.com/start');
  });

  it.each([
    'http://d-1234567890.awsapps.com/start',
    'd-1234567890.awsapps.com/start',
    '',
    'https://',
    'ftp://example.com',
    'https://user:pw@example.com/start',
    'https://exa mple.com/start',
  ])('rejects %j with a USAGE error', async (url) => {
    await expectLanyardError(() => validateStartUrl(url), 'USAGE');
  });
});

describe('reading the config', () => {
  it('treats a missing file as an empty config', async () => {
    expect(await readAwsConfig(paths)).toEqual({ text: '', ssoSessions: new Map(), profiles: new Map(), problems: [] });
  });

  it('reads sessions and profiles as botocore names them', async () => {
    await writeConfig(fixture('plain.config'));
    const config = await readAwsConfig(paths);
    expect(config.text).toBe(fixture('plain.config'));
    expect(config.problems).toEqual([]);
    expect([...config.ssoSessions.values()]).toEqual([
      {
        name: 'corp',
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'us-east-1',
        registrationScopes: ['sso:account:access'],
      },
    ]);
    expect([...config.profiles.keys()]).toEqual(['default', 'dev', 'legacy']);
    expect(config.profiles.get('dev')).toEqual({
      sso_session: 'corp',
      sso_account_id: '111122223333',
      sso_role_name: 'Developer',
      region: 'eu-west-1',
    });
  });

  it('honours AWS_CONFIG_FILE', async () => {
    const custom = path.join(home, 'elsewhere', 'aws.ini');
    await fs.mkdir(path.dirname(custom));
    await fs.writeFile(
      custom,
      '[sso-session x]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-2\n',
    );
    const config = await readAwsConfig(resolvePaths({ HOME: home, AWS_CONFIG_FILE: custom }, 'linux'));
    expect(config.ssoSessions.get('x')?.region).toBe('us-east-2');
  });

  it('reports broken sessions by file and section and still reads the others', () => {
    const text = [
      '[sso-session no-url]',
      'sso_region = us-east-1',
      '[sso-session no-region]',
      'sso_start_url = https://a.awsapps.com/start',
      '[sso-session plain-http]',
      'sso_start_url = http://a.awsapps.com/start',
      'sso_region = us-east-1',
      '[sso-session bad-region]',
      'sso_start_url = https://a.awsapps.com/start',
      'sso_region = Ireland',
      '[sso-session good]',
      'sso_start_url = https://good.awsapps.com/start',
      'sso_region = eu-west-1',
      'sso_registration_scopes = sso:account:access , codewhisperer:completions,,',
      '',
    ].join('\n');
    const config = interpretAwsConfig(text, '/home/me/.aws/config');
    expect([...config.ssoSessions.keys()]).toEqual(['good']);
    expect(config.ssoSessions.get('good')?.registrationScopes).toEqual([
      'sso:account:access',
      'codewhisperer:completions',
    ]);
    expect(config.problems).toHaveLength(4);
    for (const [name, words] of [
      ['no-url', 'no sso_start_url'],
      ['no-region', 'no sso_region'],
      ['plain-http', 'https://'],
      ['bad-region', 'not an AWS region'],
    ]) {
      expect(config.problems.find((problem) => problem.includes(`[sso-session ${name}]`))).toMatch(
        new RegExp(`^/home/me/\\.aws/config .*${words!.replace(/[/.]/g, '\\$&')}`),
      );
    }
  });

  it('reads no registration scopes as an empty list', () => {
    const config = interpretAwsConfig(
      '[sso-session s]\nsso_start_url = https://s.awsapps.com/start\nsso_region = us-east-1\n',
      'config',
    );
    expect(config.ssoSessions.get('s')?.registrationScopes).toEqual([]);
  });

  it('lets a later section of the same name win, as botocore does', () => {
    const config = interpretAwsConfig(fixture('default-both.config'), 'config');
    expect(config.profiles.get('default')).toEqual({ region: 'eu-west-1', output: 'text' });
    expect(config.problems).toEqual([expect.stringContaining('both [default] and [profile default]')]);
    const reversed = interpretAwsConfig('[profile default]\nregion = a\n[default]\nregion = b\n', 'config');
    expect(reversed.profiles.get('default')).toEqual({ region: 'b' });
    const sessions = interpretAwsConfig(fixture('duplicates.config'), 'config');
    expect(sessions.ssoSessions.has('dup')).toBe(false);
  });

  it('reads quoted, spaced and nested profiles like botocore', () => {
    const odd = interpretAwsConfig(fixture('odd-headers.config'), 'config');
    expect([...odd.profiles.keys()]).toEqual(['twospace', 'quoted name', 'typo', 'tail']);
    expect(odd.ssoSessions.get('corp')?.startUrl).toBe('https://corp.example.com/start');
    const nested = interpretAwsConfig(fixture('nested-blocks.config'), 'config');
    expect(nested.profiles.get('nested')).toEqual({ region: 'eu-west-1', 'ec2.api_versions': '2016-11-15' });
  });

  it('explains headers that botocore and the JS SDK read differently, or not at all', () => {
    const problems = interpretAwsConfig(fixture('odd-headers.config'), 'odd').problems;
    expect(problems).toEqual([
      expect.stringMatching(/^odd \[ profile {2}spaced \] looks like a profile section/),
      expect.stringMatching(/^odd \[profile {2}twospace\] .* write it as \[profile twospace\]/),
      expect.stringMatching(/^odd \[profile "quoted name"\] .* use only ASCII letters/),
      expect.stringMatching(/^odd \[profiles typo\] .* write it as \[profile typo\]/),
      expect.stringMatching(/^odd \[sso-session {2}corp\] .* write it as \[sso-session corp\]/),
      expect.stringMatching(/^odd \[profile\] looks like a profile section/),
    ]);
  });

  it('reports what makes botocore refuse the whole file', () => {
    const refuses = (text: string): string[] =>
      interpretAwsConfig(text, 'f').problems.filter((problem) => problem.includes('refuse the whole file'));
    expect(refuses(fixture('bom.config'))).toEqual([expect.stringContaining('byte-order mark')]);
    expect(refuses(fixture('leading-text.config'))).toEqual([expect.stringContaining('lines 1, 2:')]);
    expect(refuses(fixture('not-ini.config'))).toEqual([
      expect.stringContaining('lines 3, 4, 5, 6, 8 and 3 more:'),
      expect.stringContaining('sets region more than once (lines 2, 10, 12)'),
    ]);
    expect(refuses(fixture('duplicates.config'))).toHaveLength(3);
    expect(refuses('[default]\ns3 =\n  max_concurrent_requests = 10\n  just words\n')).toEqual([
      expect.stringContaining('line 4:'),
    ]);
    expect(refuses(fixture('plain.config'))).toEqual([]);
  });

  it('warns about inline comments without repeating the value', () => {
    const config = interpretAwsConfig('[default]\naws_secret_access_key = SECRETVALUE # rotated monthly\n', 'config');
    expect(config.problems).toEqual([
      expect.stringContaining(
        'line 2 [default]: botocore and the AWS CLI read the comment after aws_secret_access_key',
      ),
    ]);
    expect(config.problems.join('\n')).not.toContain('SECRETVALUE');
    const session = interpretAwsConfig(
      '[sso-session s]\nsso_start_url = https://s.awsapps.com/start\nsso_region = eu-west-1 # Ireland\n',
      'config',
    );
    expect(session.ssoSessions.get('s')?.region).toBe('eu-west-1');
    expect(session.problems).toHaveLength(1);
  });

  it('reports a file that is not UTF-8', async () => {
    await writeConfig(
      Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n[default]\nregion = us-east-1\n')]),
    );
    const config = await readAwsConfig(paths);
    expect(config.problems).toEqual([expect.stringContaining('is not valid UTF-8')]);
    expect(config.profiles.get('default')).toEqual({ region: 'us-east-1' });
  });
});

describe('upsertSsoSession', () => {
  it('creates the file (and ~/.aws) with mode 0600 when there is none', async () => {
    expect(await upsertSsoSession(paths, WORK)).toEqual({ changed: true });
    expect(await readConfig()).toBe(WORK_SECTION);
    expect(await modeOf(paths.awsConfigFile)).toBe(0o600);
    await expect(fs.access(paths.awsConfigFile + BACKUP_SUFFIX)).rejects.toThrow();
  });

  it('appends a new section and keeps every other byte, the permissions and a backup', async () => {
    const original = fixture('plain.config');
    await writeConfig(original, 0o640);
    expect(await upsertSsoSession(paths, WORK)).toEqual({ changed: true });
    expect(await readConfig()).toBe(`${original}\n${WORK_SECTION}`);
    expect(await modeOf(paths.awsConfigFile)).toBe(0o640);
    expect(await fs.readFile(paths.awsConfigFile + BACKUP_SUFFIX, 'utf8')).toBe(original);
    expect((await readAwsConfig(paths)).ssoSessions.get('work')).toEqual(WORK);
  });

  it('uses the file’s line ending and starts on a new line when the file has no final newline', async () => {
    await writeConfig(fixture('crlf.config'));
    await upsertSsoSession(paths, WORK);
    expect(await readConfig()).toBe(`${fixture('crlf.config')}\r\n${WORK_SECTION.replaceAll('\n', '\r\n')}`);
    await writeConfig(fixture('no-final-newline.config'));
    await upsertSsoSession(paths, WORK);
    expect(await readConfig()).toBe(`${fixture('no-final-newline.config')}\n\n${WORK_SECTION}`);
  });

  it('updates an existing section in place, keeping its comments, spacing and other keys', async () => {
    const original = fixture('existing-session.config');
    await writeConfig(original);
    const session = { ...WORK, name: 'lanyard-interop' };
    expect(await upsertSsoSession(paths, session)).toEqual({ changed: true });
    expect(await readConfig()).toBe(
      original
        .replace('sso_start_url=https://old.awsapps.com/start', 'sso_start_url=https://d-1234567890.awsapps.com/start')
        .replace(
          'sso_region=us-west-2\ncustom_user_key = keep me\n',
          'sso_region=eu-west-1\ncustom_user_key = keep me\nsso_registration_scopes = sso:account:access\n',
        ),
    );
  });

  it('does not write when nothing changes (same bytes, same mtime)', async () => {
    await upsertSsoSession(paths, WORK);
    const past = new Date('2020-01-01T00:00:00Z');
    await fs.utimes(paths.awsConfigFile, past, past);
    expect(await upsertSsoSession(paths, WORK)).toEqual({ changed: false });
    expect((await fs.stat(paths.awsConfigFile)).mtime.getTime()).toBe(past.getTime());
    await expect(fs.access(paths.awsConfigFile + BACKUP_SUFFIX)).rejects.toThrow();
  });

  it('treats the same scopes, spaced differently, as unchanged', async () => {
    const text =
      '[sso-session work]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access , other:scope\n';
    await writeConfig(text);
    expect(
      await upsertSsoSession(paths, { ...WORK, registrationScopes: ['sso:account:access', 'other:scope'] }),
    ).toEqual({ changed: false });
    expect(await readConfig()).toBe(text);
  });

  it('writes the default scope when the session has none', async () => {
    await upsertSsoSession(paths, { ...WORK, registrationScopes: [] });
    expect(await readConfig()).toBe(WORK_SECTION);
  });

  it('rewrites a value whose inline comment botocore would read', async () => {
    await writeConfig(
      '[sso-session work]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1 # Ireland\nsso_registration_scopes = sso:account:access\n',
    );
    expect(await upsertSsoSession(paths, WORK)).toEqual({ changed: true });
    expect(await readConfig()).toBe(WORK_SECTION);
  });

  it('updates a quoted header in place', async () => {
    await writeConfig('[sso-session "work"]\nsso_region = us-east-1\n');
    await upsertSsoSession(paths, WORK);
    expect(await readConfig()).toBe(
      '[sso-session "work"]\nsso_region = eu-west-1\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_registration_scopes = sso:account:access\n',
    );
  });

  it('refuses to choose between two sections of the same name', async () => {
    await writeConfig(fixture('duplicates.config'));
    await expectLanyardError(upsertSsoSession(paths, { ...WORK, name: 'dup' }), 'CONFIG');
    expect(await readConfig()).toBe(fixture('duplicates.config'));
  });

  it('refuses to rewrite a file that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    await writeConfig(bytes);
    await expectLanyardError(upsertSsoSession(paths, WORK), 'CONFIG');
    expect(await fs.readFile(paths.awsConfigFile)).toEqual(bytes);
  });

  it.each([
    ['a bad start URL', { ...WORK, startUrl: 'http://d-1.awsapps.com/start' }],
    ['a start URL with a trailing space', { ...WORK, startUrl: 'https://d-1.awsapps.com/start ' }],
    ['a bad region', { ...WORK, region: 'Frankfurt' }],
    ['a name with spaces', { ...WORK, name: 'my work' }],
    ['a name with a bracket', { ...WORK, name: 'work]' }],
    ['a scope with a comma', { ...WORK, registrationScopes: ['a,b'] }],
  ])('rejects %s without touching the file', async (_what, session) => {
    await expectLanyardError(upsertSsoSession(paths, session), 'USAGE');
    await expect(fs.access(paths.awsConfigFile)).rejects.toThrow();
  });

  it('writes to AWS_CONFIG_FILE when it is set', async () => {
    const custom = path.join(home, 'custom-config');
    const customPaths = resolvePaths({ HOME: home, AWS_CONFIG_FILE: custom }, 'linux');
    await upsertSsoSession(customPaths, WORK);
    expect(await fs.readFile(custom, 'utf8')).toBe(WORK_SECTION);
    await expect(fs.access(paths.awsConfigFile)).rejects.toThrow();
  });

  it('keeps every hostile fixture’s other bytes', async () => {
    for (const item of hostileFixtures().filter(
      (candidate) => candidate.kind === 'config' && candidate.name !== 'duplicates.config',
    )) {
      await writeConfig(item.text);
      await upsertSsoSession(paths, WORK);
      const after = await readConfig();
      expect(after.startsWith(item.text), item.name).toBe(true);
      expect(after.endsWith(WORK_SECTION.replaceAll('\n', parseAwsIni(item.text).eol)), item.name).toBe(true);
      expect((await readAwsConfig(paths)).ssoSessions.get('work'), item.name).toEqual(WORK);
    }
  });
});
