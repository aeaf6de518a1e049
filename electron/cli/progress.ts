import type { InventoryProgress } from '../core/accounts/inventory.js';
import type { CliContext } from './context.js';
import { terminalSafe } from './format.js';

/** At most one progress line per session this often while listing live. */
const PROGRESS_INTERVAL_MS = 1_000;

/** Prints a live listing's progress on stderr (so stdout stays clean for pipes), one line a second per session. */
export function printListingProgress(ctx: CliContext): () => void {
  const printedAt = new Map<string, number>();
  const onProgress = (progress: InventoryProgress): void => {
    const finished = progress.allAccountsFound && progress.done === progress.total;
    const now = ctx.clock.now();
    if (!finished && now - (printedAt.get(progress.sessionName) ?? 0) < PROGRESS_INTERVAL_MS) return;
    printedAt.set(progress.sessionName, now);
    const total = `${progress.total}${progress.allAccountsFound ? '' : '+'}`;
    ctx.err(`${terminalSafe(progress.sessionName)}: listed the roles of ${progress.done} of ${total} accounts`);
  };
  // Warnings carry what the service answered: terminal-safe, like every name.
  const onWarning = ({ message }: { message: string }): void => ctx.err(`warning: ${terminalSafe(message)}`);
  ctx.core.inventory.on('progress', onProgress);
  ctx.core.inventory.on('warning', onWarning);
  return () => {
    ctx.core.inventory.off('progress', onProgress);
    ctx.core.inventory.off('warning', onWarning);
  };
}
