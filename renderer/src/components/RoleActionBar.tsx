import { Fragment, useId, useRef, useState } from 'react';
import type { CommandError, RoleView } from '../../../electron/core/domain/views.js';
import { hintWithoutCommands } from '../lib/error-actions.js';
import { ROLE_ACTION_ORDER, ROLE_ACTIONS, WINDOW_COMMANDS, type RoleAction } from '../lib/role-actions.js';
import { displayName } from '../lib/role-order.js';
import { ConsoleTargetPicker, type ConsoleTarget } from './ConsoleTargetPicker.js';
import { ErrorMessage, type ErrorAction } from './ErrorMessage.js';
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
  /** What the error offers to put it right (buttons, instead of commands to type). */
  errorActions: readonly ErrorAction[];
  /** Why an action cannot run for the role now ("Sign in to acme first"), if it cannot. */
  blockedReason(action: RoleAction, role: RoleView): string | undefined;
  onAction(action: RoleAction, role: RoleView): void;
  /** Opens the console at a service and region picked in the bar. */
  onOpenConsoleAt(role: RoleView, target: ConsoleTarget): void;
  /** The region a console opens in unless another is picked. */
  defaultRegion(role: RoleView): string | undefined;
  onToggleFavourite(key: string): void;
  onRename(): void;
  onDismissError(): void;
}

/**
 * What can be done with the highlighted role, as buttons with their keyboard shortcuts, under
 * its full name (the list may cut it). One row of buttons at the window's default size, two
 * at its smallest: narrower, the buttons drop their key hints (the titles and the shortcuts
 * sheet keep them).
 */
export function RoleActionBar({ role, favourite, pending, status, error, ...props }: RoleActionBarProps) {
  const reasonId = useId();
  const pickerId = useId();
  const [picking, setPicking] = useState(false);
  const pickerToggle = useRef<HTMLButtonElement>(null);
  const closePicker = (): void => {
    setPicking(false);
    pickerToggle.current?.focus();
  };
  const blocked = role ? ROLE_ACTION_ORDER.map((action) => props.blockedReason(action, role)) : [];
  const reason = blocked.find((text) => text !== undefined);
  const favouriteKeys = WINDOW_COMMANDS['toggle-favourite'].keys[0]?.join('+') ?? '';
  const shown = error && props.errorActions.length > 0 ? { ...error, hint: hintWithoutCommands(error.hint) } : error;
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
            {ROLE_ACTION_ORDER.map((action, index) => {
              const why = blocked[index];
              const info = ROLE_ACTIONS[action];
              return (
                <Fragment key={action}>
                  <button
                    type="button"
                    className={`button${action === 'open-console' ? ' button--primary' : ''}`}
                    disabled={pending || why !== undefined}
                    title={why ?? `${info.label} (${info.keys.join('+')})`}
                    aria-keyshortcuts={info.ariaKeys}
                    aria-describedby={why ? reasonId : undefined}
                    onClick={() => props.onAction(action, role)}
                  >
                    <Icon name={ACTION_ICONS[action]} />
                    {info.short}
                    <KeyHint keys={info.keys} decorative />
                  </button>
                  {action === 'open-console' && (
                    <button
                      ref={pickerToggle}
                      type="button"
                      className="icon-button icon-button--framed"
                      aria-label="Open the console at a service or region"
                      title={why ?? 'Open the console at a service or region'}
                      aria-expanded={picking}
                      aria-controls={picking ? pickerId : undefined}
                      disabled={pending || why !== undefined}
                      onClick={() => setPicking((open) => !open)}
                    >
                      <Icon name="chevron" />
                    </button>
                  )}
                </Fragment>
              );
            })}
            <span className="action-bar__divider" />
            <button
              type="button"
              className="icon-button icon-button--framed"
              aria-label="Favourite"
              aria-pressed={favourite}
              title={`${favourite ? 'Remove from' : 'Add to'} favourites (${favouriteKeys})`}
              aria-keyshortcuts={WINDOW_COMMANDS['toggle-favourite'].ariaKeys}
              onClick={() => props.onToggleFavourite(role.key)}
            >
              <Icon name="star" filled={favourite} />
            </button>
            <button
              type="button"
              className="icon-button icon-button--framed"
              aria-label="Rename account"
              title="Rename account (F2)"
              aria-keyshortcuts={WINDOW_COMMANDS.rename.ariaKeys}
              onClick={props.onRename}
            >
              <Icon name="edit" />
            </button>
          </div>
          {picking && (
            <div className="action-bar__picker" id={pickerId}>
              <ConsoleTargetPicker
                key={role.key}
                autoFocus
                disabled={pending}
                {...(props.defaultRegion(role) ? { defaultRegion: props.defaultRegion(role) } : {})}
                onCancel={closePicker}
                onOpen={(target) => {
                  setPicking(false);
                  props.onOpenConsoleAt(role, target);
                }}
              />
            </div>
          )}
          {reason && (
            <p className="action-bar__reason" id={reasonId}>
              {reason}
            </p>
          )}
        </>
      ) : (
        <p className="action-bar__subject action-bar__hint">Select a role to see what you can do with it.</p>
      )}
      <p className="action-bar__status" role="status">
        {status}
      </p>
      <ErrorMessage error={shown} onDismiss={props.onDismissError} actions={props.errorActions} />
    </div>
  );
}
