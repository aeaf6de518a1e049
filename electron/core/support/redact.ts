/**
 * Last line of defence for secrets in text that leaves the process (logs, error messages,
 * IPC). Code should never put secrets into messages in the first place; this catches
 * values that slip through inside third-party error text.
 */
const SECRET_FIELD =
  /("?(?:accessToken|refreshToken|clientSecret|secretAccessKey|sessionToken|SigninToken|sessionKey|deviceCode|codeVerifier|code_verifier|x-amz-sso_bearer_token)"?\s*[:=]\s*)("[^"]*"|[^\s,&}]+)/gi;
const SIGNIN_URL_PARAM = /([?&](?:SigninToken|Session|code|code_verifier)=)[^&\s"]+/g;

export function redact(text: string): string {
  return text.replace(SECRET_FIELD, '$1"[redacted]"').replace(SIGNIN_URL_PARAM, '$1[redacted]');
}

/** Field names whose values never appear in logs. */
export function isSecretField(name: string): boolean {
  return /token|secret|password|signin|sessionkey|verifier|credential/i.test(name);
}

export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = isSecretField(key) ? '[redacted]' : typeof value === 'string' ? redact(value) : value;
  }
  return out;
}
