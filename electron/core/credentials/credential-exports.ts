/**
 * Role credentials as lines for a shell ("Copy exports", `lanyard env`), a dotenv file or a
 * credential_process. Every value is quoted for its shell so that nothing in it (quotes, `$()`,
 * backticks, line breaks, `%`, `!`, `^`, `&|<>`, any Unicode) can run code; what a shell cannot
 * hold safely is refused with a LanyardError that never quotes the value.
 *
 * On the CLI's fast path: Node built-ins only, no SDK.
 */
import { LanyardError } from '../domain/errors.js';
import type { RoleCredentials } from '../domain/model.js';
import { formatAwsTimestamp } from '../support/timestamps.js';
import { credentialProcessOutput } from './role-credentials-cache.js';

export type ExportFormat = 'sh' | 'fish' | 'powershell' | 'cmd' | 'dotenv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'];

export interface ExportOptions {
  format: ExportFormat;
  /** Sets AWS_REGION and AWS_DEFAULT_REGION. */
  region?: string;
  /** A label for the role, set as LANYARD_ROLE (e.g. for a shell prompt). */
  role?: string;
}

/** Everything exportCredentials may set, which unsetCredentials clears. */
const EXPORTED = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'LANYARD_ROLE',
];
/** Outrank the exported keys in some credential chains (the JS SDK skips env keys while AWS_PROFILE is set). */
const OUTRANKING = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];

interface Dialect {
  set(name: string, value: string): string;
  /** Absent for file formats, which cannot unset anything. */
  unset?(name: string): string;
}

const refuse = (name: string, format: ExportFormat, what: string): never => {
  throw new LanyardError(
    'USAGE',
    `The ${format} format cannot safely hold the value of ${name}: it contains ${what}.`,
    format === 'cmd' ? 'Use the PowerShell format instead.' : undefined,
  );
};

/**
 * cmd.exe, for pasting at an interactive prompt (what "Copy exports" is for). In `set "X=value"`
 * the operators & | < > ^ ( ) are literal, but %NAME% is expanded before the line is parsed, so a
 * value holding %VAR% would splice VAR's text (operators and all) into the command, and at a
 * prompt nothing escapes % inside quotes (%% works only in batch files). A value with a % is
 * therefore written unquoted with a caret before every other character: the caret after each %
 * makes the would-be variable name start with ^ (no such variable exists, and a prompt keeps an
 * unknown %NAME% as typed), then the parser drops the carets. Line breaks and " cannot be
 * written at all. Delayed expansion is assumed off, cmd's default; with /V:ON a ! may change a
 * value but never runs anything. `for /f "delims=" %L in ('lanyard env --format cmd') do %L`
 * reads the quoted lines exactly too; a caret-escaped line keeps its carets there (still inert).
 */
function cmdSet(name: string, value: string): string {
  if (/[\r\n]/.test(value)) refuse(name, 'cmd', 'a line break');
  if (value.includes('"')) refuse(name, 'cmd', 'a double quote');
  return value.includes('%') ? `set ${name}=${value.replace(/[^%]/gu, '^$&')}` : `set "${name}=${value}"`;
}

const DOTENV_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', $: '\\$', '\n': '\\n', '\r': '\\r' };

const DIALECTS: Record<Exclude<ExportFormat, 'json'>, Dialect> = {
  // POSIX single quotes take everything literally; a ' is closed, escaped and reopened.
  sh: {
    set: (name, value) => `export ${name}='${value.replaceAll("'", `'\\''`)}'`,
    unset: (name) => `unset ${name}`,
  },
  // fish single quotes: only \\ and \' are escapes.
  fish: {
    set: (name, value) => `set -gx ${name} '${value.replace(/[\\']/g, '\\$&')}'`,
    unset: (name) => `set -e ${name}`,
  },
  // PowerShell single quotes expand nothing; a quote is doubled, and PowerShell also takes the
  // typographic single quotes U+2018..U+201B for ', so those are doubled too.
  powershell: {
    set: (name, value) => `$Env:${name} = '${value.replace(/['\u2018-\u201b]/g, '$&$&')}'`,
    unset: (name) => `Remove-Item Env:${name} -ErrorAction SilentlyContinue`,
  },
  cmd: {
    set: cmdSet,
    // Quoted, so trailing blanks of a paste cannot become the value.
    unset: (name) => `set "${name}="`,
  },
  // Docker Compose's .env syntax: in double quotes \\ \" \$ \n \r are escapes and $ would
  // interpolate. python-dotenv reads the same but for $ (it keeps \$ as is, and expands ${..}
  // even in single quotes) and a \ just before the closing quote; AWS credentials have neither.
  dotenv: {
    set: (name, value) => `${name}="${value.replace(/[\\"$\n\r]/g, (char) => DOTENV_ESCAPES[char] ?? char)}"`,
  },
};

/**
 * The lines (newline-terminated) that give a shell these credentials: AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION (ISO 8601, UTC), the region
 * and role label when given, after unsetting AWS_PROFILE and AWS_DEFAULT_PROFILE. `dotenv` sets
 * only; `json` is a credential_process's output (no region or label). Throws a LanyardError for a
 * value the format cannot hold (NUL anywhere; line breaks or " in cmd).
 */
export function exportCredentials(credentials: RoleCredentials, options: ExportOptions): string {
  const { format, region, role } = options;
  if (format === 'json') return `${credentialProcessOutput(credentials)}\n`;
  const dialect = DIALECTS[format];
  const values: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', formatAwsTimestamp(credentials.expiration)],
    ...(region
      ? ([
          ['AWS_REGION', region],
          ['AWS_DEFAULT_REGION', region],
        ] as Array<[string, string]>)
      : []),
    ...(role ? ([['LANYARD_ROLE', role]] as Array<[string, string]>) : []),
  ];
  const lines = [
    ...(dialect.unset ? OUTRANKING.map(dialect.unset) : []),
    ...values.map(([name, value]) => {
      // No environment can hold a NUL.
      if (value.includes('\0')) refuse(name, format, 'a NUL character');
      return dialect.set(name, value);
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The lines that clear every variable exportCredentials sets (`lanyard env --unset`). Throws a
 * USAGE LanyardError for dotenv and json: a file cannot unset anything.
 */
export function unsetCredentials(format: ExportFormat): string {
  const unset = format === 'json' ? undefined : DIALECTS[format].unset;
  if (!unset)
    throw new LanyardError(
      'USAGE',
      `The ${format} format cannot unset variables.`,
      'Use the sh, fish, powershell or cmd format.',
    );
  return `${EXPORTED.map(unset).join('\n')}\n`;
}

/** The format for the platform's usual shell: PowerShell on Windows, else sh (bash, zsh, dash…). */
export function defaultExportFormat(platform: NodeJS.Platform): ExportFormat {
  return platform === 'win32' ? 'powershell' : 'sh';
}

/** The `--format` names `lanyard env` takes (bash and zsh read sh; pwsh is PowerShell). */
export function exportFormatNamed(value: string): ExportFormat | undefined {
  const format = value === 'bash' || value === 'zsh' ? 'sh' : value === 'pwsh' ? 'powershell' : value;
  return (EXPORT_FORMATS as readonly string[]).includes(format) ? (format as ExportFormat) : undefined;
}
