import { memo } from 'react';
import type { RoleView } from '../../../electron/core/domain/views.js';
import { describeRole } from '../lib/role-description.js';
import type { MatchPositions } from '../lib/role-match.js';
import { AliasEditor } from './AliasEditor.js';
import { Countdown } from './Countdown.js';
import { EnvBadge } from './EnvBadge.js';
import { Icon } from './Icon.js';
import { MiddleTruncate } from './MiddleTruncate.js';
import { RoleLabel } from './RoleLabel.js';

export interface RoleRowProps {
  role: RoleView;
  index: number;
  setSize: number;
  /** Offset from the top of the list, in px. */
  top: number;
  optionId: string;
  active: boolean;
  favourite: boolean;
  isDefault: boolean;
  credentialsExpireAt: number | undefined;
  matches: MatchPositions | undefined;
  editingAlias: boolean;
  /** Same account as the row above: its name is drawn quieter, so accounts read as groups. */
  sameAccountAsAbove: boolean;
  showSession: boolean;
  /** Its session is not signed in: the row is drawn unavailable (it can still be picked). */
  unavailable: boolean;
  onPick(role: RoleView): void;
  onOpen(role: RoleView): void;
  onToggleFavourite(key: string): void;
  onAliasDone(role: RoleView, alias: string | undefined, byKeyboard: boolean): void;
}

/**
 * One role in the virtualised list. Memoised on plain props, so neither ticks (only its
 * Countdown subscribes) nor unrelated state changes re-render it.
 */
export const RoleRow = memo(function RoleRow(props: RoleRowProps) {
  const { role, active, favourite, isDefault, credentialsExpireAt } = props;
  const classes = [
    'role-row',
    role.environment && `role-row--${role.environment}`,
    role.environmentColour && `role-row--stripe-${role.environmentColour}`,
    active && 'role-row--active',
    props.sameAccountAsAbove && 'role-row--same-account',
    props.unavailable && 'role-row--unavailable',
  ]
    .filter(Boolean)
    .join(' ');
  const described = describeRole(role, { favourite, isDefault, credentialsActive: credentialsExpireAt !== undefined });
  const label = props.unavailable ? `${described}, ${role.sessionName} signed out` : described;
  return (
    <div
      role="option"
      id={props.optionId}
      className={classes}
      data-role-key={role.key}
      aria-selected={active}
      aria-disabled={props.unavailable || undefined}
      aria-posinset={props.index + 1}
      aria-setsize={props.setSize}
      aria-label={label}
      style={{ transform: `translateY(${props.top}px)` }}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => props.onPick(role)}
      onDoubleClick={() => props.onOpen(role)}
    >
      <span
        className={`role-row__star${favourite ? ' role-row__star--on' : ''}`}
        title={favourite ? 'Remove from favourites (Ctrl+D)' : 'Add to favourites (Ctrl+D)'}
        onClick={(event) => {
          event.stopPropagation();
          props.onToggleFavourite(role.key);
        }}
      >
        <Icon name="star" filled={favourite} />
      </span>
      {props.editingAlias ? (
        <>
          <span className="role-label__account">
            <AliasEditor role={role} onDone={(alias, byKeyboard) => props.onAliasDone(role, alias, byKeyboard)} />
          </span>
          <span className="role-label__id">{role.accountId}</span>
          <span className="role-label__role" title={role.roleName}>
            <MiddleTruncate text={role.roleName} />
          </span>
        </>
      ) : (
        <RoleLabel role={role} matches={props.matches} showSession={props.showSession} cutInTheMiddle />
      )}
      <span className="role-row__env">
        <EnvBadge environment={role.environment} colour={role.environmentColour} />
      </span>
      <span className="credentials-left">
        {credentialsExpireAt !== undefined && (
          <>
            <Icon name="key" />
            <Countdown until={credentialsExpireAt} />
          </>
        )}
      </span>
      <span className="role-row__default">{isDefault && <span className="tag">default</span>}</span>
    </div>
  );
});
