import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { accountKey } from '../../../electron/core/domain/model.js';
import { isSignedIn } from '../../../electron/core/domain/session-health.js';
import { regionFor } from '../../../electron/core/domain/settings.js';
import type { InventoryView, LanyardState, RoleView } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { remedyFor } from '../lib/error-actions.js';
import { navigate } from '../lib/list-navigation.js';
import {
  ROLE_ACTIONS,
  roleActionForKey,
  runRoleAction,
  WINDOW_COMMANDS,
  windowCommandForKey,
  type RoleAction,
} from '../lib/role-actions.js';
import { filterRoles } from '../lib/role-match.js';
import { favouritesFirst, sortRoles } from '../lib/role-order.js';
import { startSignIn } from '../lib/sign-in-runs.js';
import { formatCount } from '../lib/time-format.js';
import type { ErrorAction } from './ErrorMessage.js';
import { Icon } from './Icon.js';
import { listingLabel } from './InventoryProgress.js';
import type { ConsoleTarget } from './ConsoleTargetPicker.js';
import { RoleActionBar } from './RoleActionBar.js';
import { RoleList } from './RoleList.js';
import { ShortcutsSheet } from './ShortcutsSheet.js';
import { SignedOutPane } from './SignedOutPane.js';

const PAGE = 10;
/** How long a status line ("Copied …") stays. */
export const STATUS_MS = 4000;

/** Whether typing into `target` is text entry (where `/` and `?` are characters, not commands). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type)
  );
}

/**
 * Every role the sessions reach, filtered instantly on the client, favourites first. Focus
 * starts in the filter (and `/` or Ctrl/⌘+F bring it back): arrows move the highlight, Enter
 * and its variants act on it, `?` lists every key.
 */
export function RolesView({ state, inventory }: { state: LanyardState; inventory: InventoryView | undefined }) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [activeKey, setActiveKey] = useState<string>();
  const [editingKey, setEditingKey] = useState<string>();
  const [status, setStatus] = useState<{ text: string }>();
  const [showShortcuts, setShowShortcuts] = useState(false);
  const { run, pending, error, clearError } = useCommand();
  // The last role command, for the error's "Try again" (and whose session to sign in to).
  const [lastAction, setLastAction] = useState<{ action: RoleAction; role: RoleView }>();
  const filter = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const focusAfterRename = useRef<HTMLElement | null>(null);
  const listId = useId();
  const optionId = useCallback((index: number) => `${listId}-option-${index}`, [listId]);

  const favourites = useMemo(() => new Set(state.settings.favourites), [state.settings.favourites]);
  const credentials = useMemo(
    () => new Map(state.activeCredentials.map((entry) => [entry.key, entry.expiresAt])),
    [state.activeCredentials],
  );
  const signedOut = useMemo(
    () => new Set(state.sessions.filter((session) => !isSignedIn(session.health)).map((session) => session.name)),
    [state.sessions],
  );
  const noneSignedIn = state.sessions.length > 0 && signedOut.size === state.sessions.length;
  const listing = state.sessions
    .filter((session) => session.inventory.state === 'listing')
    .reduce(
      (sum, session) => ({
        count: sum.count + 1,
        done: sum.done + session.inventory.done,
        total: sum.total + session.inventory.total,
      }),
      { count: 0, done: 0, total: 0 },
    );

  const sorted = useMemo(() => sortRoles(inventory?.roles ?? []), [inventory]);
  const items = useMemo(
    () => favouritesFirst(filterRoles(sorted, deferredQuery), favourites),
    [sorted, deferredQuery, favourites],
  );

  const found = activeKey === undefined ? -1 : items.findIndex((item) => item.role.key === activeKey);
  const activeIndex = found >= 0 ? found : items.length > 0 ? 0 : -1;
  const activeRole = items[activeIndex]?.role;

  useEffect(() => {
    filter.current?.focus();
  }, []);
  useEffect(() => {
    if (!status) return undefined;
    const timer = setTimeout(() => setStatus(undefined), STATUS_MS);
    return () => clearTimeout(timer);
  }, [status]);

  /** Why `action` cannot run for `role` now, if it cannot. */
  const blockedReason = useCallback(
    (action: RoleAction, role: RoleView): string | undefined =>
      ROLE_ACTIONS[action].needsCredentials && signedOut.has(role.sessionName)
        ? `Sign in to ${role.sessionName} first`
        : undefined,
    [signedOut],
  );
  const runAction = useCallback(
    (action: RoleAction, role: RoleView) => {
      const blocked = blockedReason(action, role);
      if (blocked) {
        setStatus({ text: `${blocked}.` });
        return;
      }
      setStatus(undefined);
      setLastAction({ action, role });
      void run(
        () => runRoleAction(window.lanyard, action, role.key),
        () => setStatus({ text: ROLE_ACTIONS[action].done(role) }),
      );
    },
    [run, blockedReason],
  );
  // Other commands' errors offer no button: "Try again" re-runs role actions only.
  const openConsoleAt = useCallback(
    (role: RoleView, target: ConsoleTarget) => {
      const blocked = blockedReason('open-console', role);
      if (blocked) {
        setStatus({ text: `${blocked}.` });
        return;
      }
      setStatus(undefined);
      void run(
        () => window.lanyard.openConsole(role.key, target),
        () => setStatus({ text: ROLE_ACTIONS['open-console'].done(role) }),
      );
    },
    [run, blockedReason],
  );
  const sessionRegions = useMemo(
    () => new Map(state.sessions.map((session) => [session.name, session.region])),
    [state.sessions],
  );
  const defaultRegion = useCallback(
    (role: RoleView) => regionFor(state.settings, sessionRegions.get(role.sessionName) ?? '') || undefined,
    [state.settings, sessionRegions],
  );
  const toggleFavourite = useCallback(
    (key: string) => {
      setLastAction(undefined);
      void run(() => window.lanyard.toggleFavourite(key));
    },
    [run],
  );
  const pick = useCallback((role: RoleView) => {
    setActiveKey(role.key);
    if (document.activeElement !== filter.current) list.current?.focus();
  }, []);
  const open = useCallback((role: RoleView) => runAction('open-console', role), [runAction]);
  const startRename = (): void => {
    if (!activeRole) return;
    focusAfterRename.current = document.activeElement instanceof HTMLElement ? document.activeElement : list.current;
    setEditingKey(activeRole.key);
  };
  const finishRename = useCallback(
    (role: RoleView, alias: string | undefined, byKeyboard: boolean) => {
      setEditingKey(undefined);
      if (byKeyboard) (focusAfterRename.current ?? list.current)?.focus();
      if (alias !== undefined && alias !== (role.alias ?? '')) {
        setLastAction(undefined);
        void run(() => window.lanyard.setAlias(accountKey(role.sessionName, role.accountId), alias));
      }
    },
    [run],
  );

  // `/` and Ctrl/⌘+F focus the filter from anywhere in the window, `?` opens the shortcuts;
  // neither while typing in another field (in the filter, `?` only when it is empty).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.defaultPrevented || showShortcuts) return;
      const command = windowCommandForKey(event);
      const field = filter.current;
      if (!field || (command !== 'focus-filter' && command !== 'show-shortcuts')) return;
      const inFilter = event.target === field;
      const typing = isTextEntry(event.target);
      if (command === 'focus-filter') {
        if ((typing && !inFilter) || (inFilter && event.key === '/')) return;
        event.preventDefault();
        field.focus();
        field.select();
      } else {
        if (typing && !(inFilter && field.value === '')) return;
        event.preventDefault();
        setShowShortcuts(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [showShortcuts]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const inList = event.currentTarget === list.current;
    const next = navigate(event.key, activeIndex, items.length, { pageSize: PAGE, homeEnd: inList });
    if (next !== undefined) {
      event.preventDefault();
      setActiveKey(items[next]?.role.key);
      return;
    }
    if (WINDOW_COMMANDS['clear-filter'].matches(event) && query) {
      event.preventDefault();
      setQuery('');
      setActiveKey(undefined);
      return;
    }
    if (!activeRole) return;
    const action = roleActionForKey(event);
    if (action) {
      event.preventDefault();
      runAction(action, activeRole);
    } else if (WINDOW_COMMANDS.rename.matches(event)) {
      event.preventDefault();
      startRename();
    } else if (WINDOW_COMMANDS['toggle-favourite'].matches(event)) {
      event.preventDefault();
      toggleFavourite(activeRole.key);
    }
  };

  // What the failed command's error offers: sign in, try again, or list the accounts again.
  const failed = lastAction;
  const remedy = error ? remedyFor(error.code) : undefined;
  const errorActions: ErrorAction[] = [];
  if (failed && remedy === 'sign-in') {
    const session = failed.role.sessionName;
    errorActions.push({
      label: 'Sign in',
      ariaLabel: `Sign in to ${session} again`,
      primary: true,
      disabled: state.signIn !== undefined,
      onClick: () => {
        clearError();
        startSignIn(session);
      },
    });
  } else if (failed && remedy === 'retry') {
    errorActions.push({ label: 'Try again', primary: true, onClick: () => runAction(failed.action, failed.role) });
  } else if (failed && remedy === 'refresh-list') {
    errorActions.push({
      label: 'Refresh list',
      ariaLabel: `Refresh the account list of ${failed.role.sessionName}`,
      primary: true,
      onClick: () => {
        setLastAction(undefined);
        void run(() => window.lanyard.refreshInventory(failed.role.sessionName));
      },
    });
  }

  const total = inventory?.roles.length ?? 0;
  const listingNote =
    listing.count > 0
      ? listing.total > 0
        ? `Listing… ${formatCount(listing.done)} of ${formatCount(listing.total)} accounts`
        : 'Listing…'
      : undefined;
  const count = query ? `${formatCount(items.length)} of ${formatCount(total)} roles` : `${formatCount(total)} roles`;
  const empty =
    inventory === undefined
      ? 'Loading accounts…'
      : query
        ? `No roles match “${query}”.`
        : listing.count > 0
          ? listingLabel(listing)
          : noneSignedIn
            ? 'Sign in to list the accounts and roles you can reach.'
            : 'No accounts yet. Sign in to a session to list the accounts and roles you can reach.';

  return (
    <section className="roles" aria-label="Accounts and roles">
      {noneSignedIn && (
        <SignedOutPane
          sessions={state.sessions.filter((session) => signedOut.has(session.name))}
          busy={state.signIn !== undefined}
        />
      )}
      <div className="roles__toolbar">
        <label className="search-field">
          <Icon name="search" />
          <input
            ref={filter}
            type="search"
            role="combobox"
            aria-label="Filter accounts and roles"
            data-focus-home=""
            aria-controls={listId}
            aria-expanded="true"
            aria-autocomplete="list"
            aria-activedescendant={activeRole ? optionId(activeIndex) : undefined}
            aria-keyshortcuts={WINDOW_COMMANDS['focus-filter'].ariaKeys}
            placeholder="Filter by account, id or role"
            spellCheck={false}
            autoComplete="off"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActiveKey(undefined);
            }}
            onKeyDown={onKeyDown}
          />
        </label>
        <p className="roles__count" role="status">
          {count}
          {listingNote && (
            <>
              <span className="roles__listing-sep"> · </span>
              <span className="roles__listing">{listingNote}</span>
            </>
          )}
        </p>
        <button
          type="button"
          className="icon-button icon-button--framed roles__shortcuts"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          aria-keyshortcuts="?"
          aria-haspopup="dialog"
          onClick={() => setShowShortcuts(true)}
        >
          <span aria-hidden="true">?</span>
        </button>
      </div>
      <div className="roles__header role-columns" aria-hidden="true">
        <span className="role-columns__star" />
        <span className="role-columns__account">Account</span>
        <span className="role-columns__id">Account ID</span>
        <span className="role-columns__role">Role</span>
        <span className="role-columns__env">Env</span>
        <span className="role-columns__credentials" title="Role credentials">
          Creds
        </span>
        <span className="role-columns__default" />
      </div>
      <RoleList
        id={listId}
        label="Accounts and roles"
        items={items}
        activeIndex={activeIndex}
        scrollResetKey={deferredQuery}
        favourites={favourites}
        defaultProfile={state.defaultProfile?.roleKey}
        credentials={credentials}
        editingKey={editingKey}
        showSession={state.sessions.length > 1}
        signedOutSessions={signedOut}
        listRef={list}
        optionId={optionId}
        onKeyDown={onKeyDown}
        onPick={pick}
        onOpen={open}
        onToggleFavourite={toggleFavourite}
        onAliasDone={finishRename}
        empty={empty}
      />
      <RoleActionBar
        role={activeRole}
        favourite={activeRole ? favourites.has(activeRole.key) : false}
        pending={pending}
        status={status?.text ?? ''}
        error={error}
        errorActions={errorActions}
        blockedReason={blockedReason}
        onAction={runAction}
        onOpenConsoleAt={openConsoleAt}
        defaultRegion={defaultRegion}
        onToggleFavourite={toggleFavourite}
        onRename={startRename}
        onDismissError={clearError}
      />
      {showShortcuts && <ShortcutsSheet onClose={() => setShowShortcuts(false)} />}
    </section>
  );
}
