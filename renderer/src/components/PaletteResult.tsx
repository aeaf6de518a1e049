import { describeRole } from '../lib/role-description.js';
import { Countdown } from './Countdown.js';
import { EnvBadge } from './EnvBadge.js';
import { Icon } from './Icon.js';
import type { PaletteItem } from './Palette.js';
import { RoleLabel } from './RoleLabel.js';

/** One palette result: environment, account (alias first), role, account id; a click opens the console. */
export function PaletteResult(props: {
  id: string;
  item: PaletteItem;
  active: boolean;
  favourite: boolean;
  credentialsExpireAt: number | undefined;
  showSession: boolean;
  onPick(): void;
  onHover(): void;
}) {
  const { role, matches } = props.item;
  return (
    <div
      role="option"
      id={props.id}
      className={`palette-result${props.active ? ' palette-result--active' : ''}${role.environment ? ` palette-result--${role.environment}` : ''}`}
      aria-selected={props.active}
      aria-label={describeRole(role, {
        favourite: props.favourite,
        credentialsActive: props.credentialsExpireAt !== undefined,
      })}
      data-role-key={role.key}
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={props.active ? undefined : props.onHover}
      onClick={props.onPick}
    >
      <span className="palette-result__env">
        <EnvBadge environment={role.environment} colour={role.environmentColour} />
      </span>
      <RoleLabel role={role} matches={matches} showSession={props.showSession} cutInTheMiddle="accounts" />
      <span className="palette-result__meta">
        {props.credentialsExpireAt !== undefined && (
          <span className="credentials-left">
            <Icon name="key" />
            <Countdown until={props.credentialsExpireAt} />
          </span>
        )}
        {props.favourite && (
          <span className="palette-result__star">
            <Icon name="star" filled />
          </span>
        )}
      </span>
    </div>
  );
}
