import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** An opaque, unguessable token: a short prefix (to tell kinds apart when debugging) and random bytes. */
export function opaqueToken(prefix: string, bytes = 48): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export function requestId(): string {
  return randomUUID();
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ'; // no vowels (no words), no look-alikes
export const USER_CODE_HALF_LENGTH = 4;

/** A user code like `BCDF-GHJK`, the shape the real device page asks for. */
export function userCode(): string {
  const half = (): string =>
    Array.from({ length: USER_CODE_HALF_LENGTH }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join(
      '',
    );
  return `${half()}-${half()}`;
}

const ACCESS_KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCESS_KEY_SUFFIX_LENGTH = 16;
const SECRET_ACCESS_KEY_BYTES = 30; // 40 base64 characters, like real secret keys

/** Temporary credentials issued by STS start with ASIA. */
export function temporaryAccessKeyId(): string {
  const suffix = Array.from(
    { length: ACCESS_KEY_SUFFIX_LENGTH },
    () => ACCESS_KEY_ALPHABET[randomInt(ACCESS_KEY_ALPHABET.length)],
  );
  return `ASIA${suffix.join('')}`;
}

export function secretAccessKey(): string {
  return randomBytes(SECRET_ACCESS_KEY_BYTES).toString('base64');
}

export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** `2025-01-06T17:00:00Z`: the AWS CLI's token cache format (whole seconds, UTC). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
