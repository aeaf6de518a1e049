import type { RoleCredentials } from '../domain/model.js';

export type ShellDialect = 'posix' | 'powershell';

/**
 * Lines that put role credentials into a shell's environment, for "copy export lines".
 * POSIX shells (bash, zsh, fish 3.1+) take `export`; PowerShell takes `$Env:`.
 */
export function exportLines(credentials: RoleCredentials, region: string, dialect: ShellDialect): string {
  const variables: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
  ];
  const line =
    dialect === 'powershell'
      ? ([name, value]: [string, string]) => `$Env:${name}="${value}"`
      : ([name, value]: [string, string]) => `export ${name}=${value}`;
  return `${variables.map(line).join('\n')}\n`;
}

export function shellDialectFor(platform: NodeJS.Platform): ShellDialect {
  return platform === 'win32' ? 'powershell' : 'posix';
}
