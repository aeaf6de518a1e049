/**
 * Checks of the AWS config file: does botocore read it at all, is each sso-session complete,
 * do profile names collide, does every credential_process point at a program that exists.
 * Pure: the text, the file's name and a way to look for executables come in.
 */
import { type IniDocument, type IniSection, getEntry, parseAwsIni, sectionId } from '../aws-files/aws-ini.js';
import { type BrowserHost, findOnPath } from '../console/browser-detection.js';
import { ADD_SESSION_COMMAND } from '../domain/errors.js';
import { isRegionName } from '../domain/model.js';
import type { DiagnosticCheck } from '../domain/diagnostics.js';
import { check } from './check.js';

/** Whether botocore reads the file: `rejections` are botocoreRejections()'s sentences, each naming its lines. */
export function configParseCheck(file: string, exists: boolean, rejections: readonly string[]): DiagnosticCheck {
  if (rejections.length > 0) {
    return check(
      'config',
      'fail',
      rejections.join(' '),
      'Edit the file at the lines named; until then the AWS CLI and SDKs refuse every profile in it.',
    );
  }
  if (!exists) return check('config', 'warn', `${file} does not exist yet.`, `Add a session: ${ADD_SESSION_COMMAND}.`);
  return check('config', 'ok', `${file} reads cleanly for botocore and the AWS CLI.`);
}

const line = (section: IniSection): string => `line ${section.line + 1}`;

/** One check per `[sso-session NAME]`, and one for profiles naming a session that is not there. */
export function ssoSessionChecks(doc: IniDocument, file: string): DiagnosticCheck[] {
  const checks: DiagnosticCheck[] = [];
  const sessions = new Set<string>();
  for (const section of doc.sections) {
    const id = sectionId(section.header);
    if (id?.type !== 'sso-session') continue;
    sessions.add(id.name);
    const where = `[sso-session ${id.name}] (${file} ${line(section)})`;
    const startUrl = getEntry(section, 'sso_start_url')?.value ?? '';
    const region = getEntry(section, 'sso_region')?.value ?? '';
    const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean);
    const checkId = `sso-session:${id.name}`;
    if (missing.length > 0) {
      checks.push(
        check(
          checkId,
          'fail',
          `${where} has no ${missing.join(' and no ')}.`,
          `Add ${missing.join(' and ')} to the section, or run ${ADD_SESSION_COMMAND}.`,
        ),
      );
    } else if (!/^https:\/\/[^\s/]+/.test(startUrl)) {
      checks.push(
        check(
          checkId,
          'fail',
          `${where}: sso_start_url "${startUrl}" is not an https:// URL.`,
          'Use the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start.',
        ),
      );
    } else if (!isRegionName(region)) {
      checks.push(
        check(
          checkId,
          'fail',
          `${where}: sso_region "${region}" is not an AWS region name.`,
          'Use the region of your IAM Identity Center, e.g. us-east-1.',
        ),
      );
    } else if (!getEntry(section, 'sso_registration_scopes')?.value) {
      checks.push(
        check(
          checkId,
          'warn',
          `${where} has no sso_registration_scopes, so the AWS CLI signs in without a refresh token and the session cannot be kept alive.`,
          'Add: sso_registration_scopes = sso:account:access',
        ),
      );
    } else {
      checks.push(check(checkId, 'ok', `${where} has a start URL, a region and registration scopes.`));
    }
  }
  const dangling = doc.sections.flatMap((section) => {
    const id = sectionId(section.header);
    const wanted = id?.type === 'profile' ? getEntry(section, 'sso_session')?.value : undefined;
    return wanted && !sessions.has(wanted) ? [`[${section.header}] (${line(section)}) uses sso_session ${wanted}`] : [];
  });
  if (dangling.length > 0) {
    checks.push(
      check(
        'sso-session-references',
        'fail',
        `Profiles name an sso-session ${file} does not have: ${dangling.join('; ')}.`,
        'Add the [sso-session NAME] section, or point the profiles at one that exists.',
      ),
    );
  }
  return checks;
}

/**
 * Profile names that collide: two sections botocore reads as one profile (`[default]` and
 * `[profile default]`, `[profile x]` and `[profile "x"]`), and names that differ only in case,
 * which case-insensitive places (Windows environment variables, some tools' pickers) mix up.
 */
export function profileNameCheck(doc: IniDocument, file: string): DiagnosticCheck {
  const byName = new Map<string, IniSection[]>();
  for (const section of doc.sections) {
    const id = sectionId(section.header);
    if (id?.type !== 'profile') continue;
    byName.set(id.name, [...(byName.get(id.name) ?? []), section]);
  }
  const clashes: string[] = [];
  for (const [name, sections] of byName) {
    const headers = new Set(sections.map((section) => section.header));
    // The same header twice is a duplicate section: the config check reports it.
    if (headers.size > 1)
      clashes.push(`${sections.map((s) => `[${s.header}] (${line(s)})`).join(' and ')} are all profile "${name}"`);
  }
  const byLowerCase = new Map<string, string[]>();
  for (const name of byName.keys())
    byLowerCase.set(name.toLowerCase(), [...(byLowerCase.get(name.toLowerCase()) ?? []), name]);
  for (const names of byLowerCase.values()) {
    if (names.length > 1) clashes.push(`${names.map((name) => `"${name}"`).join(' and ')} differ only in case`);
  }
  if (clashes.length === 0) return check('profile-names', 'ok', `No two profiles in ${file} clash.`);
  return check(
    'profile-names',
    'warn',
    `Profile names in ${file} clash: ${clashes.join('; ')}.`,
    'Keep one section per profile and give profiles names that differ in more than case.',
  );
}

/** The program a credential_process line runs: its first word, quotes honoured as botocore splits it. */
export function credentialProcessProgram(command: string): string {
  const trimmed = command.trim();
  const quoted = /^(["'])(.*?)\1/.exec(trimmed);
  if (quoted) return quoted[2]!;
  return trimmed.split(/\s+/)[0] ?? '';
}

/** Every credential_process names a program that exists and may run (only the program is shown: arguments may hold secrets). */
export function credentialProcessCheck(doc: IniDocument, file: string, host: BrowserHost): DiagnosticCheck {
  const broken: string[] = [];
  let count = 0;
  for (const section of doc.sections) {
    if (sectionId(section.header)?.type !== 'profile') continue;
    const entry = getEntry(section, 'credential_process');
    if (!entry) continue;
    count += 1;
    const program = credentialProcessProgram(entry.value);
    const found = /[\\/]/.test(program) ? host.isExecutable(program) : findOnPath(program, host) !== undefined;
    if (!found) broken.push(`[${section.header}] (line ${entry.line + 1}) runs ${program || '(nothing)'}`);
  }
  if (broken.length > 0) {
    return check(
      'credential-process',
      'fail',
      `credential_process in ${file} points to no executable: ${broken.join('; ')}.`,
      'Fix the path (Lanyard writes the absolute path of its own command: run `lanyard sync` again after moving or reinstalling it).',
    );
  }
  return check(
    'credential-process',
    'ok',
    count === 0 ? 'No profile uses credential_process.' : `All ${count} credential_process commands exist.`,
  );
}

/** All the config checks, from the file's text. */
export function configChecks(input: {
  file: string;
  text: string | undefined;
  rejections: readonly string[];
  host: BrowserHost;
}): DiagnosticCheck[] {
  const doc = parseAwsIni(input.text ?? '');
  return [
    configParseCheck(input.file, input.text !== undefined, input.rejections),
    ...ssoSessionChecks(doc, input.file),
    profileNameCheck(doc, input.file),
    credentialProcessCheck(doc, input.file, input.host),
  ];
}
