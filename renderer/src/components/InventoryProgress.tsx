import type { InventoryStatus } from '../../../electron/core/domain/views.js';
import { formatCount } from '../lib/time-format.js';
import { TimeAgo } from './TimeAgo.js';

/** Where a session's account listing stands: progress while listing, totals after. */
export function InventoryProgress({ inventory }: { inventory: InventoryStatus }) {
  if (inventory.state === 'listing') {
    const label =
      inventory.total > 0
        ? `Listing accounts ${formatCount(inventory.done)}/${formatCount(inventory.total)}`
        : 'Listing accounts…';
    return (
      <div className="inventory inventory--listing">
        <span>{label}</span>
        <progress max={Math.max(1, inventory.total)} value={inventory.done} aria-label={label} />
      </div>
    );
  }
  if (inventory.state === 'failed') {
    return <p className="inventory inventory--failed">Listing failed{inventory.error ? `: ${inventory.error}` : ''}</p>;
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
