import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/core/support/log.js';
import { redact, redactFields } from '../../../../electron/core/support/redact.js';

describe('secret redaction', () => {
  it('scrubs token fields in JSON-ish text', () => {
    const text = redact('{"accessToken": "aoaSECRET1", "refreshToken":"aorSECRET2", "region": "us-east-1"}');
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('us-east-1');
  });

  it('scrubs sign-in tokens and sessions in federation URLs', () => {
    const text = redact('https://signin.aws.amazon.com/federation?Action=login&SigninToken=abcSECRET&Destination=x');
    expect(text).not.toContain('abcSECRET');
    expect(text).toContain('Destination=x');
  });

  it('redacts fields by name', () => {
    expect(redactFields({ secretAccessKey: 'k', sessionToken: 't', session: 'work' })).toEqual({
      secretAccessKey: '[redacted]',
      sessionToken: '[redacted]',
      session: 'work',
    });
  });

  it('never lets a logger print a secret', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    logger.info('refresh with refreshToken=aorSECRET', { clientSecret: 'csSECRET', session: 'work' });
    expect(lines.join('\n')).not.toContain('SECRET');
    expect(lines.join('\n')).toContain('session=work');
  });
});
