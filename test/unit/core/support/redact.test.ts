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

  it("scrubs the password in a URL's user part, keeping the user and a password already hidden", () => {
    expect(redact('via http://alice:s3cret@proxy.corp:3128 and https://bob:x%40y@p:1/')).toBe(
      'via http://alice:[redacted]@proxy.corp:3128 and https://bob:[redacted]@p:1/',
    );
    expect(redact('http://alice:***@proxy.corp:3128 http://proxy.corp:3128')).toBe(
      'http://alice:***@proxy.corp:3128 http://proxy.corp:3128',
    );
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

describe('secret redaction, form by form', () => {
  const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY';
  const cases: Array<[form: string, text: string, kept: string]> = [
    ['INI', `aws_secret_access_key = ${SECRET}`, 'aws_secret_access_key'],
    ['INI, no spaces', `aws_secret_access_key=${SECRET}`, 'aws_secret_access_key'],
    ['INI, tabs and capitals', `AWS_Secret_Access_Key\t=\t${SECRET}`, 'AWS_Secret_Access_Key'],
    ['INI session token', `aws_session_token = ${SECRET}`, 'aws_session_token'],
    ['INI legacy security token', `aws_security_token = ${SECRET}`, 'aws_security_token'],
    ['env', `AWS_SESSION_TOKEN=${SECRET}`, 'AWS_SESSION_TOKEN'],
    ['env secret key', `AWS_SECRET_ACCESS_KEY=${SECRET}`, 'AWS_SECRET_ACCESS_KEY'],
    ['sh export', `export AWS_SESSION_TOKEN='${SECRET}'`, 'export AWS_SESSION_TOKEN'],
    ['sh export, double quotes', `export AWS_SECRET_ACCESS_KEY="${SECRET}"`, 'export AWS_SECRET_ACCESS_KEY'],
    ['sh export, a quote in the value', `export AWS_SESSION_TOKEN='ab'\\''${SECRET}'`, 'AWS_SESSION_TOKEN'],
    ['dotenv', `AWS_SESSION_TOKEN="${SECRET}"`, 'AWS_SESSION_TOKEN'],
    ['fish', `set -gx AWS_SESSION_TOKEN '${SECRET}'`, 'set -gx AWS_SESSION_TOKEN'],
    ['PowerShell', `$Env:AWS_SESSION_TOKEN = '${SECRET}'`, '$Env:AWS_SESSION_TOKEN'],
    ['PowerShell, doubled quote', `$Env:AWS_SESSION_TOKEN = 'ab''${SECRET}'`, '$Env:AWS_SESSION_TOKEN'],
    ['cmd', `set "AWS_SESSION_TOKEN=${SECRET}"`, 'set "AWS_SESSION_TOKEN='],
    ['container token', `AWS_CONTAINER_AUTHORIZATION_TOKEN=${SECRET}`, 'AWS_CONTAINER_AUTHORIZATION_TOKEN'],
    ['Authorization header', `Authorization: Bearer ${SECRET}`, 'Authorization: Bearer'],
    ['authorization=', `authorization=Bearer ${SECRET}`, 'authorization=Bearer'],
    ['raw Authorization', `Authorization: ${SECRET}`, 'Authorization:'],
    ['Authorization in JSON', `{"authorization":"Bearer ${SECRET}"}`, '"authorization":"Bearer'],
    ['bare bearer', `sent Bearer ${SECRET} to the portal`, 'Bearer'],
    ['x-amz-security-token header', `x-amz-security-token: ${SECRET}`, 'x-amz-security-token'],
    [
      'X-Amz-Security-Token query',
      `https://s3.amazonaws.com/b/k?X-Amz-Security-Token=${SECRET}&X-Amz-Date=1`,
      'X-Amz-Security-Token=',
    ],
    ['x-amz-sso_bearer_token', `x-amz-sso_bearer_token: ${SECRET}`, 'x-amz-sso_bearer_token'],
    ['SigninToken=', `SigninToken=${SECRET}`, 'SigninToken='],
    ['SigninToken JSON', `{"SigninToken":"${SECRET}"}`, '"SigninToken"'],
    ['accessToken JSON', `{"accessToken": "${SECRET}"}`, '"accessToken"'],
    ['refreshToken JSON', `{ "refreshToken" : "${SECRET}" }`, '"refreshToken"'],
    ['clientSecret JSON', `{"clientSecret":"${SECRET}","clientId":"abc"}`, '"clientSecret"'],
    ['JSON, escaped quote in the value', `{"accessToken":"ab\\"${SECRET}"}`, '"accessToken"'],
    ['JSON inside a JSON string', `{"body":"{\\"accessToken\\":\\"${SECRET}\\"}"}`, 'accessToken'],
    ['util.inspect', `{ accessToken: '${SECRET}', region: 'us-east-1' }`, 'accessToken:'],
    ['snake_case OAuth', `{"access_token":"${SECRET}","id_token":"${SECRET}"}`, '"access_token"'],
  ];

  it.each(cases)('%s', (_form, text, kept) => {
    const redacted = redact(text);
    expect(redacted).not.toContain(SECRET);
    expect(redacted).not.toContain(SECRET.slice(-12));
    expect(redacted).toContain(kept);
    expect(redacted).toContain('[redacted]');
    expect(redact(redacted)).toBe(redacted);
  });

  it('keeps what is not a secret', () => {
    const text = 'aws_access_key_id = AKIAEXAMPLE region=us-east-1 the session token expired; profile: dev';
    expect(redact(text)).toBe(text);
    expect(redact(`clientId: "abc" ${'&X-Amz-Date=1'}`)).toContain('X-Amz-Date=1');
  });

  it('redacts authorization fields by name', () => {
    expect(redactFields({ authorization: 'Bearer x', Authorization: 'x' })).toEqual({
      authorization: '[redacted]',
      Authorization: '[redacted]',
    });
  });
});
