import type { SyncView } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Icon } from './Icon.js';
import { TimeAgo } from './TimeAgo.js';

function describeChanges(sync: SyncView): string {
  const changes = [
    sync.added > 0 && `${sync.added} added`,
    sync.updated > 0 && `${sync.updated} updated`,
    sync.removed > 0 && `${sync.removed} removed`,
  ].filter(Boolean);
  return changes.length > 0 ? changes.join(', ') : 'no changes';
}

/** How ~/.aws/config stands: the last sync, what it changed, the default profile, Sync now. */
export function SyncSummary({
  sync,
  defaultProfile,
}: {
  sync: SyncView | undefined;
  defaultProfile: string | undefined;
}) {
  const command = useCommand();
  return (
    <section className="sync" aria-labelledby="sync-title">
      <div className="sync__head">
        <h2 id="sync-title" className="section-title">
          AWS config
        </h2>
        <button
          type="button"
          className="button button--small"
          disabled={command.pending}
          onClick={() => void command.run(() => window.lanyard.syncNow())}
        >
          <Icon name="sync" />
          Sync now
        </button>
      </div>
      <p className="sync__line">
        {sync?.lastSyncAt !== undefined ? (
          <>
            Synced <TimeAgo at={sync.lastSyncAt} />
            {' · '}
            {describeChanges(sync)}
          </>
        ) : (
          'Not synced yet'
        )}
      </p>
      {sync && sync.skipped.length > 0 && (
        <p className="sync__line" title={sync.skipped.join('\n')}>
          {sync.skipped.length} of your own profiles left alone
        </p>
      )}
      {sync?.error && <p className="sync__line sync__line--error">{sync.error}</p>}
      <p className="sync__line sync__default" title={defaultProfile}>
        Default profile <span className="mono">{defaultProfile ?? 'none'}</span>
      </p>
      <ErrorMessage error={command.error} onDismiss={command.clearError} />
    </section>
  );
}
