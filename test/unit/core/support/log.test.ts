import { describe, expect, it } from 'vitest';
import { createLogger, escapeLogText } from '../../../../electron/core/support/log.js';
import { HOSTILE_ACCOUNTS } from '../../../fake-idc/organization.js';

const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);

function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line), now: () => NOW }) };
}

describe('the logger', () => {
  it('writes one line per record: time, level, message and fields', () => {
    const { lines, logger } = capture();
    logger.info('listed accounts', { session: 'work', count: 3, roles: ['Admin'] });
    expect(lines).toEqual(['2030-01-02T03:04:05.000Z info  listed accounts session=work count=3 roles=["Admin"]']);
  });

  it('writes every name of a hostile organisation as one line without control or bidi characters', () => {
    const { lines, logger } = capture();
    for (const account of HOSTILE_ACCOUNTS)
      for (const role of account.roles ?? [])
        logger.warn(`cannot open ${account.accountName}`, { account: account.accountName, role });
    const records = HOSTILE_ACCOUNTS.reduce((total, account) => total + (account.roles?.length ?? 0), 0);
    expect(lines).toHaveLength(records);
    // eslint-disable-next-line no-control-regex
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('cannot be made to forge a line by an account name, a message or a nested value', () => {
    const { lines, logger } = capture();
    const forged = 'acme\n2030-01-02T03:04:05.000Z error signed out session=admin';
    logger.info(`listing ${forged}`, { account: forged, detail: { name: forged }, crlf: 'a\r\nb' });
    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line).not.toMatch(/[\n\r]/);
    expect(line).toContain('listing acme\\n2030-01-02T03:04:05.000Z error signed out');
    expect(line).toContain('account="acme\\n2030-01-02T03:04:05.000Z error signed out session=admin"');
    expect(line).toContain('detail={"name":"acme\\n2030');
    expect(line).toContain('crlf="a\\r\\nb"');
  });

  it('quotes a string value that could pass for more fields, escaping quotes and backslashes in it', () => {
    const { lines, logger } = capture();
    logger.warn('x', { account: 'Acme Prod level=error', quote: 'say "hi"\\', empty: '', path: 'C:\\Users\\me' });
    expect(lines[0]).toBe(
      '2030-01-02T03:04:05.000Z warn  x account="Acme Prod level=error" quote="say \\"hi\\"\\\\" empty="" path=C:\\Users\\me',
    );
  });

  it('escapes terminal escapes, C1 controls and bidi overrides', () => {
    const { lines, logger } = capture();
    logger.error('\u001b[2Jcleared', { account: 'evil\u202egnp.exe', c1: 'a\u0085b', isolate: '\u2066x\u2069' });
    expect(lines[0]).toBe(
      '2030-01-02T03:04:05.000Z error \\u{1b}[2Jcleared account="evil\\u{202e}gnp.exe" c1="a\\u{85}b" isolate="\\u{2066}x\\u{2069}"',
    );
  });

  it('still redacts, nested values included', () => {
    const { lines, logger } = capture();
    logger.info('got {"accessToken":"aoaSECRET"}\nsessionToken=xSECRET', {
      response: { body: { refreshToken: 'aorSECRET' } },
      text: 'aws_secret_access_key = kSECRET',
    });
    expect(lines[0]).not.toContain('SECRET');
    expect(lines[0]).toContain('refreshToken');
  });

  it('escapes each unsafe character and nothing else', () => {
    expect(escapeLogText('tab\there\u2028\u0000\u007f')).toBe('tab\\there\\u{2028}\\u{0}\\u{7f}');
    expect(escapeLogText('plain: ünïcödé, 日本, emoji 🙂')).toBe('plain: ünïcödé, 日本, emoji 🙂');
  });
});
