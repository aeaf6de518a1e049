import type { RoleView } from '../../../electron/core/domain/views.js';
import type { MatchPositions } from '../lib/role-match.js';
import { Highlight } from './Highlight.js';
import { MiddleTruncate } from './MiddleTruncate.js';

/** A role's account in full, for its title: alias first, the real name beside it, the session. */
export function accountTitle(role: RoleView, showSession: boolean): string {
  const name = role.alias ? `${role.alias} (${role.accountName})` : role.accountName;
  return showSession ? `${name} @${role.sessionName}` : name;
}

/** A name, cut in the middle when asked to (else left to the surrounding box's own ellipsis). */
function Name({
  text,
  positions,
  className,
  middle,
}: {
  text: string;
  positions: readonly number[] | undefined;
  className?: string;
  middle: boolean;
}) {
  if (middle) return <MiddleTruncate className={className} text={text} positions={positions} />;
  const highlighted = <Highlight text={text} positions={positions} />;
  return className ? <span className={className}>{highlighted}</span> : highlighted;
}

/**
 * A role's account (alias first, with the real name beside it, and its session when there are
 * several), account id and role name, with matched characters marked; the full names are in
 * the titles. With `cutInTheMiddle` (the main window's list), names too long for their column
 * are cut in the middle, so names that differ only at their end stay apart; `'accounts'` (the
 * palette, whose role column is narrow: "Admin…Access" reads worse than "AdministratorAc…")
 * cuts account names only. Three spans; the surrounding row lays them out.
 */
export function RoleLabel({
  role,
  matches,
  showSession = false,
  cutInTheMiddle = false,
}: {
  role: RoleView;
  matches: MatchPositions | undefined;
  showSession?: boolean;
  cutInTheMiddle?: boolean | 'accounts';
}) {
  const middle = cutInTheMiddle !== false;
  return (
    <>
      <span className="role-label__account" title={accountTitle(role, showSession)}>
        {role.alias ? (
          <>
            <Name className="role-label__name" text={role.alias} positions={matches?.alias} middle={middle} />
            <Name
              className="role-label__aka"
              text={role.accountName}
              positions={matches?.accountName}
              middle={middle}
            />
          </>
        ) : (
          <Name className="role-label__name" text={role.accountName} positions={matches?.accountName} middle={middle} />
        )}
        {showSession && <span className="role-label__session">{role.sessionName}</span>}
      </span>
      <span className="role-label__id">
        <Highlight text={role.accountId} positions={matches?.accountId} />
      </span>
      <span className="role-label__role" title={role.roleName}>
        <Name text={role.roleName} positions={matches?.roleName} middle={cutInTheMiddle === true} />
      </span>
    </>
  );
}
