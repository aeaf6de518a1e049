/**
 * One profile and the sso-sessions of an AWS config, read without the full parser, for the
 * fast CLI paths (`lanyard env PROFILE`, `credential-process PROFILE`): on a config with
 * hundreds of profiles the lossless parser (aws-ini.ts) costs several milliseconds a call.
 *
 * It reads only the plain shapes Lanyard and people write (`[profile NAME]`, `key = value`),
 * and gives up (undefined) on anything the full parser might read differently: a continuation
 * line, a comment character or `:` in an entry, a quoted or unusual header, a repeated section,
 * a byte-order mark, a lone CR. The caller then uses readAwsConfig. Tests hold it to the full
 * parser on every fixture config.
 */

export interface QuickConfig {
  /** The profile's keys (lower case), or undefined when the config has no such profile. */
  profile?: Record<string, string>;
  /** Every `[sso-session NAME]` section's keys. */
  sessions: Map<string, Record<string, string>>;
}

const HEADER = /^\[([^\]]*)\]\s*$/;
const PLAIN_NAME = /^[^\s'"\\[\]]+$/;
const ENTRY = /^([A-Za-z0-9_.-]+)[ \t]*=[ \t]*(.*?)\s*$/;

type SectionKind = { type: 'profile' | 'sso-session'; name: string } | { type: 'other' } | undefined;

function sectionOf(header: string): SectionKind {
  if (header === 'default') return undefined; // [default] and [profile default] interplay: full parser
  const space = header.indexOf(' ');
  const type = space < 0 ? header : header.slice(0, space);
  if (type !== 'profile' && type !== 'sso-session') return type.includes(' ') ? undefined : { type: 'other' };
  const name = header.slice(space + 1);
  return space > 0 && PLAIN_NAME.test(name) ? { type, name } : undefined;
}

/** The profile named `profileName` and the sso-sessions, or undefined when only the full parser can say. */
export function quickProfileLookup(text: string, profileName: string): QuickConfig | undefined {
  if (text.charCodeAt(0) === 0xfeff || /\r(?!\n)/.test(text) || !PLAIN_NAME.test(profileName)) return undefined;
  const sessions = new Map<string, Record<string, string>>();
  let profile: Record<string, string> | undefined;
  const seen = new Set<string>();
  let current: Record<string, string> | undefined;
  let inSection = false;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const first = line.charCodeAt(0);
    if (line.trim() === '' || first === 0x23 /* # */ || first === 0x3b /* ; */) continue;
    if (first === 0x5b /* [ */) {
      const header = HEADER.exec(line)?.[1];
      if (header === undefined) return undefined;
      const section = sectionOf(header);
      if (!section) return undefined;
      inSection = true;
      current = undefined;
      if (section.type === 'other') continue;
      const id = `${section.type} ${section.name}`;
      if (seen.has(id)) return undefined;
      seen.add(id);
      if (section.type === 'sso-session') sessions.set(section.name, (current = {}));
      else if (section.name === profileName) profile = current = {};
      continue;
    }
    // Continuation lines and entries before any section: only the full parser reads them right.
    if (first === 0x20 || first === 0x09 || !inSection) return undefined;
    if (!current) continue;
    const entry = ENTRY.exec(line);
    const value = entry?.[2];
    if (!entry || value === undefined || /[#;:]/.test(line.slice(0, line.indexOf('='))) || /\s[#;]/.test(value))
      return undefined;
    current[(entry[1] as string).toLowerCase()] = value;
  }
  return { ...(profile ? { profile } : {}), sessions };
}
