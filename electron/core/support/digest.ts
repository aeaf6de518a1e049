/**
 * The hashes Lanyard names files and records with. SHA-1 of short strings (cache keys, file
 * names) is computed by @noble/hashes in plain JavaScript: loading `node:crypto` costs about
 * two milliseconds, which the fast CLI paths (warm `credential-process`, `env`) would otherwise
 * pay on every call. SHA-256 of config sections stays native, loaded on first use.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lower-case hex SHA-1 of the UTF-8 text (what `createHash('sha1').update(text).digest('hex')` gives). */
export function sha1Hex(text: string): string {
  return bytesToHex(sha1(utf8ToBytes(text)));
}

/** Base64 SHA-256 of the UTF-8 text, by node:crypto (loaded the first time it is needed). */
export function sha256Base64(text: string): string {
  return process.getBuiltinModule('node:crypto').hash('sha256', text, 'base64');
}
