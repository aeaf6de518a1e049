import {
  EXPORT_FORMATS,
  type ExportFormat,
  defaultExportFormat,
  exportCredentials,
  exportFormatNamed,
  unsetCredentials,
} from '../../core/credentials/credential-exports.js';
import { LanyardError } from '../../core/domain/errors.js';
import { regionFor } from '../../core/domain/settings.js';
import type { CliContext } from '../context.js';
import { type RoleOptions, chooseRole } from '../role-argument.js';

export interface EnvOptions extends RoleOptions {
  format?: string;
  region?: string;
  unset?: boolean;
}

/** The --format value, or the platform's shell. */
function exportFormatOption(value: string | undefined): ExportFormat {
  if (value === undefined) return defaultExportFormat(process.platform);
  const format = exportFormatNamed(value);
  if (format) return format;
  throw new LanyardError(
    'USAGE',
    `"${value}" is not a format Lanyard prints.`,
    `Use one of: ${EXPORT_FORMATS.join(', ')}.`,
  );
}

/**
 * `lanyard env ROLE`: the role's credentials as lines for `eval "$(lanyard env ROLE)"` (or
 * fish, PowerShell, cmd, a dotenv file, credential_process JSON), quoted so that no value can
 * run in the shell; `--unset` prints the lines that clear them. Warm calls are answered by
 * env-fast.ts without loading this.
 */
export async function env(ctx: CliContext, role: string | undefined, options: EnvOptions): Promise<number> {
  const format = exportFormatOption(options.format);
  if (options.unset) {
    ctx.out(unsetCredentials(format));
    return 0;
  }
  const chosen = await chooseRole(ctx, role, options);
  const credentials = await ctx.core.credentials.get(chosen.session, chosen.ref);
  const region = regionFor(ctx.core.settings(), chosen.session.region, options.region ?? chosen.region);
  ctx.out(exportCredentials(credentials, { format, region, role: chosen.label }));
  return 0;
}
