/**
 * Last line of defence for secrets in text that leaves the process (logs, error messages,
 * IPC). Code should never put secrets into messages in the first place; this catches
 * values that slip through inside third-party error text.
 *
 * The forms covered, each keeping the key's name and losing its value:
 * - `name = value`, `name: value`, `"name": "value"`, `name='value'`: JSON, util.inspect, INI
 *   (`aws_secret_access_key = ...`, any spacing or case), dotenv and query strings;
 * - shell lines: `export AWS_SESSION_TOKEN='...'`, `$Env:AWS_SESSION_TOKEN = '...'`,
 *   `set "AWS_SESSION_TOKEN=..."` (cmd) and `set -gx AWS_SESSION_TOKEN '...'` (fish);
 * - `Authorization: Bearer ...` / `authorization=...` (scheme kept) and a bare `Bearer ...`;
 * - sign-in URLs' SigninToken, Session and code parameters;
 * - the password in a URL's user part (`http://user:password@proxy:3128`, a proxy URL).
 * A name matches inside a longer one (`AWS_SESSION_TOKEN`, `x-amz-security-token`), with
 * `_` or `-` between its words or none, in any case.
 */
const SECRET_NAME = [
  'access[_-]?token',
  'refresh[_-]?token',
  'id[_-]?token',
  'client[_-]?secret',
  'secret[_-]?access[_-]?key',
  'session[_-]?token',
  'security[_-]?token',
  'signin[_-]?token',
  'session[_-]?key',
  'device[_-]?code',
  'code[_-]?verifier',
  'bearer[_-]?token',
  'authorization[_-]?token',
  'password',
].join('|');
/**
 * A value: double-quoted (with \ escapes), single-quoted (sh's '\'' and PowerShell's ''
 * included), quoted with \" (JSON inside a JSON string) or bare.
 */
const VALUE = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.|'\\''|'')*'|\\"(?:(?!\\").)*\\"|[^\s,;&}"'\\]+`;
const SECRET_FIELD = new RegExp(String.raw`((?:${SECRET_NAME})(?:\\?["'])?[ \t]*[:=][ \t]*)(?:${VALUE})`, 'gi');
/** fish: `set -gx NAME 'value'`, the value after a space. */
const FISH_SET = new RegExp(String.raw`(\bset[ \t]+(?:-[a-z]+[ \t]+)*\w*?(?:${SECRET_NAME})[ \t]+)(?:${VALUE})`, 'gi');
/** The header in any form, its scheme (Bearer, Basic, ...) kept. */
const AUTHORIZATION = /(\bauthorization["']?[ \t]*[:=][ \t]*["']?(?:(?:bearer|basic|token)[ \t]+)?)[^\s,;&}"']+/gi;
const BEARER = /(\b[Bb]earer[ \t]+)[\w\-.~+/]{8,}=*/g;
const SIGNIN_URL_PARAM = /([?&](?:SigninToken|Session|code|code_verifier)=)[^&\s"]+/g;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)(?!\*\*\*@)[^\s/@]+@/gi;

export function redact(text: string): string {
  return text
    .replace(SECRET_FIELD, '$1"[redacted]"')
    .replace(FISH_SET, '$1"[redacted]"')
    .replace(AUTHORIZATION, '$1[redacted]')
    .replace(BEARER, '$1[redacted]')
    .replace(SIGNIN_URL_PARAM, '$1[redacted]')
    .replace(URL_PASSWORD, '$1[redacted]@');
}

/** Field names whose values never appear in logs. */
export function isSecretField(name: string): boolean {
  return /token|secret|password|signin|sessionkey|verifier|credential|authorization/i.test(name);
}

export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = isSecretField(key) ? '[redacted]' : typeof value === 'string' ? redact(value) : value;
  }
  return out;
}
