/**
 * What a failed role command offers to put it right, by the error's code (LanyardErrorCode,
 * electron/core/domain/errors.ts): sign in again, try again, or list the accounts again. A
 * hint that tells people to type a command is dropped where a button does the same.
 */

export type ErrorRemedy = 'sign-in' | 'retry' | 'refresh-list';

const REMEDIES: ReadonlyMap<string, ErrorRemedy> = new Map<string, ErrorRemedy>([
  ['SIGN_IN_REQUIRED', 'sign-in'],
  ['CORRUPT_CACHE', 'sign-in'],
  ['NETWORK', 'retry'],
  ['THROTTLED', 'retry'],
  ['SERVICE', 'retry'],
  ['TIMEOUT', 'retry'],
  // useCommand's own error when the bridge itself failed.
  ['INTERNAL', 'retry'],
  ['NOT_FOUND', 'refresh-list'],
]);

export function remedyFor(code: string): ErrorRemedy | undefined {
  return REMEDIES.get(code);
}

/**
 * `hint` without its sentences that name a command to type (in backticks), e.g. "Sign in
 * again with `lanyard login --sso-session acme` (or from the Lanyard window)."; undefined
 * when nothing is left.
 */
export function hintWithoutCommands(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const sentences = hint.match(/[^.!?]*(?:`[^`]*`[^.!?]*)*[.!?]*/g) ?? [];
  const kept = sentences
    .filter((sentence) => !sentence.includes('`'))
    .join('')
    .trim();
  return kept || undefined;
}
