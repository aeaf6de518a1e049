/**
 * Sign-ins the user starts from any part of the window. `signIn` resolves only when the
 * sign-in ends (minutes later, or never if cancelled), so its outcome is kept here rather
 * than in whichever component started it: the session's card shows the error, the
 * component that started it may be long gone. A sign-in the user cancelled or replaced
 * ends with an error nobody needs to see, so only the latest attempt's error is kept.
 */
import type { CommandError, CommandResult } from '../../../electron/core/domain/views.js';

type Flow = 'auth-code' | 'device-code';

const errors = new Map<string, CommandError>();
const listeners = new Set<() => void>();
let attempt = 0;
/** Set while a sign-in is being replaced by another (the panel goes and comes back). */
let switching = false;

function setError(sessionName: string, error: CommandError | undefined): void {
  if (error) errors.set(sessionName, error);
  else if (!errors.delete(sessionName)) return;
  for (const listener of listeners) listener();
}

export function startSignIn(sessionName: string, flow?: Flow): void {
  const mine = ++attempt;
  setError(sessionName, undefined);
  const request = flow ? window.lanyard.signIn(sessionName, flow) : window.lanyard.signIn(sessionName);
  void request.then(
    (result) => {
      if (!result.ok && mine === attempt) setError(sessionName, result.error);
    },
    () => {
      if (mine === attempt)
        setError(sessionName, {
          code: 'INTERNAL',
          message: 'Lanyard could not start the sign-in.',
          hint: 'Try again.',
        });
    },
  );
}

export function cancelSignIn(): Promise<CommandResult> {
  attempt += 1;
  return window.lanyard.cancelSignIn();
}

/** Cancels the browser sign-in under way and starts the device-code flow instead. */
export async function switchToDeviceCode(sessionName: string): Promise<CommandResult> {
  switching = true;
  const cancelled = await cancelSignIn().catch((error: unknown) => {
    switching = false;
    throw error;
  });
  if (cancelled.ok) startSignIn(sessionName, 'device-code');
  else switching = false;
  return cancelled;
}

/**
 * Whether the sign-in panel that just went is about to come back for the next flow, so focus
 * should wait for it rather than move on. The next panel calls `signInShown` when it appears.
 */
export const isSwitchingFlow = (): boolean => switching;

export function signInShown(): void {
  switching = false;
}

export function subscribeToSignInErrors(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const signInError = (sessionName: string): CommandError | undefined => errors.get(sessionName);

export const clearSignInError = (sessionName: string): void => setError(sessionName, undefined);
