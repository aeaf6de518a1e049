import type { CommandError, RoleView } from '../../../electron/core/domain/views.js';
import { ROLE_ACTION_ORDER, ROLE_ACTIONS, type RoleAction } from '../lib/role-actions.js';
import { displayName } from '../lib/role-order.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Icon, type IconName } from './Icon.js';
import { KeyHint } from './KeyHint.js';

const ACTION_ICONS: Record<RoleAction, IconName> = {
  'open-console': 'console',
  'copy-exports': 'terminal',
  'copy-profile-name': 'copy',
  'set-default-profile': 'pin',
};

export interface RoleActionBarProps {
  role: RoleView | undefined;
  favourite: boolean;
  pending: boolean;
  status: string;
  error: CommandError | undefined;
  onAction(action: RoleAction, role: RoleView): void;
  onToggleFavourite(key: string): void;
  onRename(): void;
  onDismissError(): void;
}

/** What can be done with the highlighted role, as buttons with their keyboard shortcuts. */
export function RoleActionBar({ role, favourite, pending, status, error, ...handlers }: RoleActionBarProps) {
  return (
    <div className="action-bar" role="region" aria-label="Selected role">
      {role ? (
        <>
          <div className="action-bar__subject">
            <span className="action-bar__name">
              {displayName(role)} <span className="action-bar__sep">/</span> {role.roleName}
            </span>
            <span className="action-bar__profile">
              {role.profileName ? `profile ${role.profileName}` : 'no profile synced yet'}
            </span>
          </div>
          <div className="action-bar__buttons" role="toolbar" aria-label="Role actions">
            {ROLE_ACTION_ORDER.map((action) => (
              <button
                key={action}
                type="button"
                className={`button${action === 'open-console' ? ' button--primary' : ''}`}
                disabled={pending}
                title={ROLE_ACTIONS[action].label}
                aria-keyshortcuts={ROLE_ACTIONS[action].ariaKeys}
                onClick={() => handlers.onAction(action, role)}
              >
                <Icon name={ACTION_ICONS[action]} />
                {ROLE_ACTIONS[action].short}
                <KeyHint keys={ROLE_ACTIONS[action].keys} decorative />
              </button>
            ))}
            <span className="action-bar__divider" />
            <button
              type="button"
              className="icon-button icon-button--framed"
              aria-label="Favourite"
              aria-pressed={favourite}
              title={`${favourite ? 'Remove from' : 'Add to'} favourites (Ctrl+D)`}
              aria-keyshortcuts="Control+D Meta+D"
              onClick={() => handlers.onToggleFavourite(role.key)}
            >
              <Icon name="star" filled={favourite} />
            </button>
            <button
              type="button"
              className="icon-button icon-button--framed"
              aria-label="Rename account"
              title="Rename account (F2)"
              aria-keyshortcuts="F2"
              onClick={handlers.onRename}
            >
              <Icon name="edit" />
            </button>
          </div>
        </>
      ) : (
        <p className="action-bar__subject action-bar__hint">Select a role to see what you can do with it.</p>
      )}
      <p className="action-bar__status" role="status">
        {status}
      </p>
      <ErrorMessage error={error} onDismiss={handlers.onDismissError} />
    </div>
  );
}
