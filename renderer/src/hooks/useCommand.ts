import { useCallback, useState } from 'react';
import type { CommandError, CommandResult } from '../../../electron/core/domain/views.js';

export interface CommandRunner {
  /** Runs a command; resolves to whether it succeeded. Its error stays shown until the next run. */
  run<T>(command: () => Promise<CommandResult<T>>, onSuccess?: (value: T) => void): Promise<boolean>;
  pending: boolean;
  error: CommandError | undefined;
  clearError(): void;
}

const UNEXPECTED: CommandError = {
  code: 'INTERNAL',
  message: 'Lanyard could not run that command.',
  hint: 'Try again; if it keeps failing, restart Lanyard.',
};

/** Tracks one command at a time for a control, so its error can be shown next to it. */
export function useCommand(): CommandRunner {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CommandError>();
  const run = useCallback(
    async <T>(command: () => Promise<CommandResult<T>>, onSuccess?: (value: T) => void): Promise<boolean> => {
      setPending(true);
      setError(undefined);
      try {
        const result = await command();
        if (!result.ok) {
          setError(result.error);
          return false;
        }
        onSuccess?.(result.value);
        return true;
      } catch {
        setError(UNEXPECTED);
        return false;
      } finally {
        setPending(false);
      }
    },
    [],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { run, pending, error, clearError };
}
