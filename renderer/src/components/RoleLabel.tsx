import type { RoleView } from '../../../electron/core/domain/views.js';
import type { MatchPositions } from '../lib/role-match.js';
import { Highlight } from './Highlight.js';

/**
 * A role's account (alias first, with the real name beside it, and its session when there are
 * several), account id and role name, with matched characters marked. Three spans; the
 * surrounding row lays them out.
 */
export function RoleLabel({
  role,
  matches,
  showSession = false,
}: {
  role: RoleView;
  matches: MatchPositions | undefined;
  showSession?: boolean;
}) {
  return (
    <>
      <span className="role-label__account">
        {role.alias ? (
          <>
            <span className="role-label__name">
              <Highlight text={role.alias} positions={matches?.alias} />
            </span>
            <span className="role-label__aka">
              <Highlight text={role.accountName} positions={matches?.accountName} />
            </span>
          </>
        ) : (
          <span className="role-label__name">
            <Highlight text={role.accountName} positions={matches?.accountName} />
          </span>
        )}
        {showSession && <span className="role-label__session">{role.sessionName}</span>}
      </span>
      <span className="role-label__id">
        <Highlight text={role.accountId} positions={matches?.accountId} />
      </span>
      <span className="role-label__role">
        <Highlight text={role.roleName} positions={matches?.roleName} />
      </span>
    </>
  );
}
