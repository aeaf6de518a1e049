import type { InventoryStatus } from '../../../electron/core/domain/views.js';
import { formatCount } from '../lib/time-format.js';
import { TimeAgo } from './TimeAgo.js';

/** "Listing accounts… 379 of 2,000", or just "Listing accounts…" before the total is known. */
export function listingLabel(inventory: Pick<InventoryStatus, 'done' | 'total'>): string {
  return inventory.total > 0
    ? `Listing accounts… ${formatCount(inventory.done)} of ${formatCount(inventory.total)}`
    : 'Listing accounts…';
}

/**
 * Where a session's account listing stands: progress while listing, totals after, and a
 * "Refresh list" button when it failed (`onRefresh`).
 */
export function InventoryProgress({
  inventory,
  onRefresh,
  refreshLabel,
}: {
  inventory: InventoryStatus;
  onRefresh?: () => void;
  /** The button's fuller name for screen readers, e.g. "Refresh the account list of acme". */
  refreshLabel?: string;
}) {
  if (inventory.state === 'listing') {
    const label = listingLabel(inventory);
    return (
      <div className="inventory inventory--listing">
        <span>{label}</span>
        <progress max={Math.max(1, inventory.total)} value={inventory.done} aria-label={label} />
      </div>
    );
  }
  if (inventory.state === 'failed') {
    return (
      <div className="inventory inventory--failed">
        <p>Listing failed{inventory.error ? `: ${inventory.error}` : ''}</p>
        {onRefresh && (
          <button type="button" className="button button--small" aria-label={refreshLabel} onClick={onRefresh}>
            Refresh list
          </button>
        )}
      </div>
    );
  }
  if (inventory.accounts === 0 && !inventory.updatedAt) return null;
  return (
    <p className="inventory">
      {formatCount(inventory.accounts)} accounts · {formatCount(inventory.roles)} roles
      {!inventory.complete && <span className="inventory__incomplete"> (incomplete)</span>}
      {inventory.updatedAt !== undefined && (
        <>
          {' · '}
          <TimeAgo at={inventory.updatedAt} />
        </>
      )}
    </p>
  );
}
