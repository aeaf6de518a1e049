import { promises as fs } from 'node:fs';
import { readTextIfExists } from '../support/atomic-file.js';
import {
  addSection,
  findSections,
  getEntry,
  parseAwsIni,
  sectionId,
  sectionValues,
  serializeAwsIni,
  setValue,
  type IniDocument,
  type IniPair,
  type IniSection,
} from './aws-ini.js';
import { withAwsConfigLock } from './locks.js';
import { editAwsFile } from './editing.js';
import { ADD_SESSION_COMMAND, LanyardError } from '../domain/errors.js';
import { DEFAULT_REGISTRATION_SCOPES, SSO_SESSION_NAME_HINT, isRegionName, isSsoSessionName } from '../domain/model.js';
import type { LanyardPaths } from '../support/paths.js';

/** One `[sso-session NAME]` section. */
export interface SsoSessionConfig {
  name: string;
  /** `sso_start_url` */
  startUrl: string;
  /** `sso_region` */
  region: string;
  /** `sso_registration_scopes`, comma-separated in the file; empty when the file sets none. */
  registrationScopes: string[];
}

export interface AwsConfig {
  /** The file as read (`''` when it does not exist). */
  text: string;
  /** Usable sessions by name, in file order. Broken ones are left out and described in `problems`. */
  ssoSessions: Map<string, SsoSessionConfig>;
  /** Profiles by the name botocore gives them, each with its keys (nested blocks as `parent.child`). */
  profiles: Map<string, Record<string, string>>;
  /** What is wrong with the file, one actionable sentence each, naming the file and section. */
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Why `url` cannot be an IAM Identity Center start URL, or undefined when it can. */
function startUrlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return `"${url}" is not a start URL: it contains spaces.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a start URL.`;
  }
  if (parsed.protocol !== 'https:') return `The start URL must use https:// (got "${url}").`;
  if (!parsed.hostname) return `The start URL "${url}" has no host.`;
  if (parsed.username || parsed.password) return 'The start URL must not carry a user name or password.';
  return undefined;
}

const START_URL_HINT =
  'Use the AWS access portal URL from IAM Identity Center, e.g. https://d-1234567890.awsapps.com/start (custom domains work too).';

/** Checks an IAM Identity Center start URL (`https://` and a host) and returns it trimmed. */
export function validateStartUrl(url: string): string {
  const trimmed = url.trim();
  const problem = startUrlProblem(trimmed);
  if (problem) throw new LanyardError('USAGE', problem, START_URL_HINT);
  return trimmed;
}

function validateSession(session: SsoSessionConfig): void {
  if (!isSsoSessionName(session.name)) {
    throw new LanyardError('USAGE', `"${session.name}" cannot be an sso-session name.`, SSO_SESSION_NAME_HINT);
  }
  const urlProblem = startUrlProblem(session.startUrl);
  if (urlProblem) throw new LanyardError('USAGE', urlProblem, START_URL_HINT);
  if (!isRegionName(session.region)) {
    throw new LanyardError(
      'USAGE',
      `"${session.region}" is not an AWS region name.`,
      'Use the region of your IAM Identity Center, e.g. us-east-1.',
    );
  }
  if (session.registrationScopes.some((scope) => !/^[^\s,#;]+$/.test(scope))) {
    throw new LanyardError(
      'USAGE',
      `Invalid registration scopes: ${session.registrationScopes.join(', ')}.`,
      'Scopes look like sso:account:access.',
    );
  }
}

function parseScopes(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Reading

async function readConfigText(file: string): Promise<{ text: string; utf8: boolean }> {
  const text = (await readTextIfExists(file)) ?? '';
  // Node turns bytes that are not UTF-8 into U+FFFD; writing that back would change them.
  if (!text.includes('\uFFFD')) return { text, utf8: true };
  const bytes = await fs.readFile(file);
  return { text, utf8: Buffer.from(text, 'utf8').equals(bytes) };
}

/** `line 3` or `lines 3, 9, 12` (1-based), at most five listed. */
function lineNumbers(lines: readonly number[]): string {
  const shown = lines
    .slice(0, 5)
    .map((line) => line + 1)
    .join(', ');
  const more = lines.length > 5 ? ` and ${lines.length - 5} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${more}`;
}

/** Problems that make botocore (and so the AWS CLI) reject the whole file. */
function fileProblems(doc: IniDocument, file: string): string[] {
  const problems: string[] = [];
  const rejects = 'botocore and the AWS CLI refuse the whole file until it is fixed';
  if (doc.bom) problems.push(`${file} starts with a byte-order mark, so ${rejects}: save it as UTF-8 without BOM.`);
  const invalid = doc.lines.flatMap((line, index) => (line.kind === 'invalid' ? [index] : []));
  if (invalid.length > 0) {
    problems.push(
      `${file} ${lineNumbers(invalid)}: neither a [section] header, a comment nor key = value inside a section, so ${rejects}: fix the line or comment it out with #.`,
    );
  }
  for (const [header, sections] of groupBy(doc.sections, (section) => section.header)) {
    if (sections.length < 2) continue;
    problems.push(
      `${file} has [${header}] ${sections.length} times (${lineNumbers(sections.map((s) => s.line))}), so ${rejects}: merge them into one section.`,
    );
  }
  for (const section of doc.sections) {
    for (const [key, entries] of groupBy(section.entries, (entry) => entry.key)) {
      if (entries.length < 2) continue;
      problems.push(
        `${file} [${section.header}] sets ${key} more than once (${lineNumbers(entries.map((e) => e.line))}), so ${rejects}: keep one.`,
      );
    }
  }
  const unsplittable = nestedLinesWithoutEquals(doc);
  if (unsplittable.length > 0) {
    problems.push(
      `${file} ${lineNumbers(unsplittable)}: an indented line under an empty key must read key = value, so ${rejects}: fix or unindent it.`,
    );
  }
  return problems;
}

/** Lines of `s3 =`-style blocks that botocore cannot split into key and value. */
function nestedLinesWithoutEquals(doc: IniDocument): number[] {
  const entries = doc.sections.flatMap((section) => section.entries.filter((entry) => entry.nested));
  return entries.flatMap((entry) => {
    const indexes = Array.from({ length: entry.lastLine - entry.line }, (_, offset) => entry.line + 1 + offset);
    return indexes.filter(
      (index) => doc.lines[index]!.kind === 'continuation' && !doc.lines[index]!.text.includes('='),
    );
  });
}

/** Problems with how one section reads: headers other tools read differently, inline comments. */
function sectionProblems(section: IniSection, file: string): string[] {
  const problems: string[] = [];
  const id = sectionId(section.header);
  const word = /^\s*(profile|sso-session|services)\b/.exec(section.header)?.[1];
  const jsName = jsSdkSectionName(section.header);
  if (word && (id === undefined || id.type === 'other')) {
    problems.push(
      `${file} [${section.header}] looks like a ${word} section but botocore and the AWS CLI do not read it as one: write [${word} NAME] with one space and none inside the brackets.`,
    );
  } else if (id && id.type !== 'other' && jsName !== `${id.type} ${id.name}`) {
    const plain = `${id.type} ${id.name}`;
    const fix =
      jsSdkSectionName(plain) === plain
        ? `write it as [${plain}]`
        : 'use only ASCII letters, digits and - _ @ + . % : / in the name';
    problems.push(
      `${file} [${section.header}] is ${id.type} "${id.name}" to botocore and the AWS CLI but not to the AWS SDK for JavaScript: ${fix}.`,
    );
  }
  for (const entry of section.entries) {
    if (entry.inlineComment === undefined) continue;
    problems.push(
      `${file} ${lineNumbers([entry.line])} [${section.header}]: botocore and the AWS CLI read the comment after ${entry.key} as part of its value: move the comment to its own line.`,
    );
  }
  return problems;
}

/** How the AWS SDK for JavaScript names a config section (`profile x`, `sso-session x`), if it reads it at all. */
function jsSdkSectionName(header: string): string | undefined {
  if (header === 'default') return 'profile default';
  const match = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/.exec(header);
  return match && ['profile', 'sso-session', 'services'].includes(match[1]!) ? `${match[1]} ${match[3]}` : undefined;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** An sso-session section as a `SsoSessionConfig`, or the sentence saying what is missing. */
function readSession(section: IniSection, name: string, file: string): SsoSessionConfig | string {
  const where = `${file} [sso-session ${name}]`;
  const startUrl = getEntry(section, 'sso_start_url')?.value;
  const region = getEntry(section, 'sso_region')?.value;
  if (!startUrl) return `${where} has no sso_start_url: add one, or run ${ADD_SESSION_COMMAND}.`;
  if (!region)
    return `${where} has no sso_region: add the region of your IAM Identity Center, or run ${ADD_SESSION_COMMAND}.`;
  const urlProblem = startUrlProblem(startUrl);
  if (urlProblem) return `${where}: ${urlProblem} ${START_URL_HINT}`;
  if (!isRegionName(region)) return `${where}: sso_region "${region}" is not an AWS region name; use e.g. us-east-1.`;
  return {
    name,
    startUrl,
    region,
    registrationScopes: parseScopes(getEntry(section, 'sso_registration_scopes')?.value),
  };
}

function defaultProfileProblem(doc: IniDocument, file: string): string | undefined {
  const plain = findSections(doc, 'profile', 'default').filter((section) => section.header === 'default');
  const prefixed = findSections(doc, 'profile', 'default').filter((section) => section.header !== 'default');
  if (plain.length === 0 || prefixed.length === 0) return undefined;
  return `${file} has both [default] and [profile default]: botocore and the AWS CLI use whichever comes last, the AWS SDKs use [profile default]; keep only one.`;
}

/**
 * What makes botocore and the AWS CLI refuse the config file as a whole (each naming its
 * lines), and the text read: for `lanyard doctor`, which reports these apart from problems of
 * single sections.
 */
export async function botocoreRejections(paths: LanyardPaths): Promise<{ text: string; rejections: string[] }> {
  const file = paths.awsConfigFile;
  const { text, utf8 } = await readConfigText(file);
  const rejections = fileProblems(parseAwsIni(text), file);
  if (!utf8)
    rejections.unshift(`${file} is not valid UTF-8, so botocore and the AWS CLI cannot read it: save it as UTF-8.`);
  return { text, rejections };
}

/** Reads config text the way botocore does, collecting problems instead of throwing. */
export function interpretAwsConfig(text: string, file: string): AwsConfig {
  const doc = parseAwsIni(text);
  const ssoSessions = new Map<string, SsoSessionConfig>();
  const profiles = new Map<string, Record<string, string>>();
  const problems = fileProblems(doc, file);
  const defaultProblem = defaultProfileProblem(doc, file);
  if (defaultProblem) problems.push(defaultProblem);
  for (const section of doc.sections) {
    problems.push(...sectionProblems(section, file));
    const id = sectionId(section.header);
    if (id?.type === 'profile') profiles.set(id.name, sectionValues(section));
    if (id?.type !== 'sso-session') continue;
    const session = readSession(section, id.name, file);
    // Like botocore, a later section of the same name replaces an earlier one, even a broken one.
    ssoSessions.delete(id.name);
    if (typeof session === 'string') problems.push(session);
    else ssoSessions.set(id.name, session);
  }
  return { text, ssoSessions, profiles, problems };
}

/** The AWS config file (`AWS_CONFIG_FILE` or `~/.aws/config`); a missing file is an empty config. */
export async function readAwsConfig(paths: LanyardPaths): Promise<AwsConfig> {
  const { text, utf8 } = await readConfigText(paths.awsConfigFile);
  const config = interpretAwsConfig(text, paths.awsConfigFile);
  if (!utf8)
    config.problems.unshift(
      `${paths.awsConfigFile} is not valid UTF-8, so botocore and the AWS CLI cannot read it: save it as UTF-8.`,
    );
  return config;
}

// ---------------------------------------------------------------------------------------------
// Writing

function sessionPairs(session: SsoSessionConfig): IniPair[] {
  const scopes = session.registrationScopes.length > 0 ? session.registrationScopes : DEFAULT_REGISTRATION_SCOPES;
  return [
    ['sso_start_url', session.startUrl],
    ['sso_region', session.region],
    ['sso_registration_scopes', scopes.join(',')],
  ];
}

/** True when the section already lists exactly these scopes, however they are spaced. */
function sameScopes(section: IniSection, key: string, value: string): boolean {
  const entries = section.entries.filter((entry) => entry.key === key);
  return (
    key === 'sso_registration_scopes' && entries.length === 1 && parseScopes(entries[0]!.rawValue).join(',') === value
  );
}

/** Sets the session's keys in its section; `setValue` leaves a key that already has its value alone. */
function updateSession(doc: IniDocument, sectionIndex: number, pairs: readonly IniPair[]): IniDocument {
  return pairs.reduce((current, [key, value]) => {
    const section = current.sections[sectionIndex]!;
    return sameScopes(section, key, value) ? current : setValue(current, section, key, value);
  }, doc);
}

/**
 * Creates or updates `[sso-session NAME]` in the AWS config file. Only that section's
 * sso_start_url, sso_region and sso_registration_scopes lines change (or a new section is
 * appended); every other byte stays. Nothing is written when the file already says so.
 * Writes are atomic, keep the file's permissions (0600 for a new file) and leave the previous
 * version as `<file>.lanyard-backup`. It holds the config's cross-process lock (shared with the
 * profile sync) and reads the file under it, so concurrent writers never lose each other's edits.
 */
export async function upsertSsoSession(paths: LanyardPaths, session: SsoSessionConfig): Promise<{ changed: boolean }> {
  validateSession(session);
  return withAwsConfigLock(paths, (signal) => writeSsoSession(paths, session, signal));
}

async function writeSsoSession(
  paths: LanyardPaths,
  session: SsoSessionConfig,
  signal: AbortSignal,
): Promise<{ changed: boolean }> {
  const file = paths.awsConfigFile;
  return editAwsFile(file, async ({ text, write }) => {
    const next = sessionUpserted(file, text, session);
    await write(next, { backup: true, signal });
    return { changed: next !== text };
  });
}

/** The config's text with the session's section added or updated. */
function sessionUpserted(file: string, text: string, session: SsoSessionConfig): string {
  const doc = parseAwsIni(text);
  const matches = findSections(doc, 'sso-session', session.name);
  if (matches.length > 1) {
    throw new LanyardError(
      'CONFIG',
      `${file} has ${matches.length} [sso-session ${session.name}] sections.`,
      'Keep only one of them, then try again.',
    );
  }
  const pairs = sessionPairs(session);
  const updated = matches[0]
    ? updateSession(doc, doc.sections.indexOf(matches[0]), pairs)
    : addSection(doc, `sso-session ${session.name}`, pairs);
  return serializeAwsIni(updated);
}
