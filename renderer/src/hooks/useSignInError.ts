import { useCallback, useSyncExternalStore } from 'react';
import type { CommandError } from '../../../electron/core/domain/views.js';
import { signInError, subscribeToSignInErrors } from '../lib/sign-in-runs.js';

/** Why the last sign-in to `sessionName` failed, if it did. */
export function useSignInError(sessionName: string): CommandError | undefined {
  const snapshot = useCallback(() => signInError(sessionName), [sessionName]);
  return useSyncExternalStore(subscribeToSignInErrors, snapshot);
}
