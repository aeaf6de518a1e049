import { type SsoSessionConfig, upsertSsoSession } from '../../core/aws-files/aws-config.js';
import { LanyardError } from '../../core/domain/errors.js';
import { DEFAULT_REGISTRATION_SCOPES } from '../../core/domain/model.js';
import type { SignInPrompt } from '../../core/sessions/sign-in.js';
import type { CliContext } from '../context.js';
import { formatDuration, terminalSafe, withTerminalSafeErrors } from '../format.js';

export interface LoginOptions {
  ssoSession?: string;
  startUrl?: string;
  region?: string;
  useDeviceCode?: boolean;
  /** commander's `--no-browser` sets browser: false. */
  browser?: boolean;
}

/** The session to sign in to: from the flags (creating or updating its section) or the config. */
async function resolveSession(ctx: CliContext, options: LoginOptions): Promise<SsoSessionConfig> {
  if (!options.startUrl && !options.region) return ctx.core.sessions.selectOne(options.ssoSession);
  if (!options.ssoSession) {
    throw new LanyardError('USAGE', '--start-url and --region need --sso-session NAME to save them under.');
  }
  const configured = await ctx.core.sessions.current();
  const existing = configured.find((session) => session.name === options.ssoSession);
  const startUrl = options.startUrl ?? existing?.startUrl;
  const region = options.region ?? existing?.region;
  if (!startUrl || !region) {
    throw new LanyardError(
      'USAGE',
      `Session "${options.ssoSession}" needs both --start-url and --region.`,
      'Example: lanyard login --sso-session work --start-url https://d-1234567890.awsapps.com/start --region eu-west-1',
    );
  }
  const session: SsoSessionConfig = {
    name: options.ssoSession,
    startUrl,
    region,
    registrationScopes: existing?.registrationScopes.length
      ? existing.registrationScopes
      : [...DEFAULT_REGISTRATION_SCOPES],
  };
  const { changed } = await upsertSsoSession(ctx.paths, session);
  if (changed)
    ctx.err(`Saved [sso-session ${terminalSafe(session.name)}] in ${terminalSafe(ctx.paths.awsConfigFile)}.`);
  return session;
}

/**
 * Signs in to one session. The device code, its URLs and the reason a sign-in failed (the
 * service's answer, or the browser's redirect back) are the service's text: every line of it
 * is terminal-safe (format.ts), the error line included.
 */
export function login(ctx: CliContext, options: LoginOptions): Promise<number> {
  return withTerminalSafeErrors(() => signIn(ctx, options));
}

async function signIn(ctx: CliContext, options: LoginOptions): Promise<number> {
  const session = await resolveSession(ctx, options);
  const openBrowser = options.browser !== false;
  const onPrompt = async (prompt: SignInPrompt): Promise<void> => {
    const url = prompt.kind === 'browser' ? prompt.url : prompt.verificationUriComplete;
    const shownUrl = terminalSafe(url);
    if (prompt.kind === 'device') {
      ctx.out(
        `To sign in, open ${terminalSafe(prompt.verificationUri)} and enter the code: ${terminalSafe(prompt.userCode)}`,
      );
      ctx.out(`(or open ${terminalSafe(prompt.verificationUriComplete)})`);
    }
    if (openBrowser) {
      try {
        await ctx.openUrl(url);
        ctx.out('Your browser is open to finish signing in. If it did not open, use this URL:');
        ctx.out(shownUrl);
        return;
      } catch {
        ctx.err('Could not open a browser.');
      }
    }
    if (prompt.kind === 'browser') {
      ctx.out('Open this URL in a browser on this machine to sign in:');
      ctx.out(shownUrl);
    }
  };
  const token = await ctx.core.tokens.signIn(session, {
    flow: options.useDeviceCode ? 'device-code' : 'auth-code',
    onPrompt,
  });
  ctx.out(
    `Signed in to ${terminalSafe(session.startUrl)} (sso-session ${terminalSafe(session.name)}). Token valid for ${formatDuration(token.expiresAt - ctx.clock.now())}.`,
  );
  return 0;
}
