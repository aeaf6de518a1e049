import { useCallback, useDeferredValue, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { accountKey } from '../../../electron/core/domain/model.js';
import type { InventoryView, LanyardState, RoleView } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { navigate } from '../lib/list-navigation.js';
import { ROLE_ACTIONS, roleActionForKey, runRoleAction, type RoleAction } from '../lib/role-actions.js';
import { filterRoles } from '../lib/role-match.js';
import { displayName, favouritesFirst, sortRoles } from '../lib/role-order.js';
import { formatCount } from '../lib/time-format.js';
import { Icon } from './Icon.js';
import { RoleActionBar } from './RoleActionBar.js';
import { RoleList } from './RoleList.js';

const PAGE = 10;

/**
 * Every role the sessions reach, filtered instantly on the client, favourites first. Focus
 * can stay in the filter: arrows move the highlight, Enter and its variants act on it.
 */
export function RolesView({ state, inventory }: { state: LanyardState; inventory: InventoryView | undefined }) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [activeKey, setActiveKey] = useState<string>();
  const [editingKey, setEditingKey] = useState<string>();
  const [status, setStatus] = useState('');
  const { run, pending, error, clearError } = useCommand();
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
  const sorted = useMemo(() => sortRoles(inventory?.roles ?? []), [inventory]);
  const items = useMemo(
    () => favouritesFirst(filterRoles(sorted, deferredQuery), favourites),
    [sorted, deferredQuery, favourites],
  );

  const found = activeKey === undefined ? -1 : items.findIndex((item) => item.role.key === activeKey);
  const activeIndex = found >= 0 ? found : items.length > 0 ? 0 : -1;
  const activeRole = items[activeIndex]?.role;

  const runAction = useCallback(
    (action: RoleAction, role: RoleView) => {
      setStatus('');
      void run(
        () => runRoleAction(window.lanyard, action, role.key),
        () => setStatus(`${ROLE_ACTIONS[action].done}: ${displayName(role)} / ${role.roleName}`),
      );
    },
    [run],
  );
  const toggleFavourite = useCallback((key: string) => void run(() => window.lanyard.toggleFavourite(key)), [run]);
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
      if (alias !== undefined && alias !== (role.alias ?? ''))
        void run(() => window.lanyard.setAlias(accountKey(role.sessionName, role.accountId), alias));
    },
    [run],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const inList = event.currentTarget === list.current;
    const next = navigate(event.key, activeIndex, items.length, { pageSize: PAGE, homeEnd: inList });
    if (next !== undefined) {
      event.preventDefault();
      setActiveKey(items[next]?.role.key);
      return;
    }
    if (event.key === 'Escape' && query) {
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
    } else if (event.key === 'F2') {
      event.preventDefault();
      startRename();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      toggleFavourite(activeRole.key);
    }
  };

  const total = inventory?.roles.length ?? 0;
  const empty =
    inventory === undefined
      ? 'Loading accounts…'
      : query
        ? `No roles match “${query}”.`
        : 'No accounts yet. Sign in to a session to list the accounts and roles you can reach.';

  return (
    <section className="roles" aria-label="Accounts and roles">
      <div className="roles__toolbar">
        <label className="search-field">
          <Icon name="search" />
          <input
            ref={filter}
            type="search"
            role="combobox"
            aria-label="Filter accounts and roles"
            aria-controls={listId}
            aria-expanded="true"
            aria-autocomplete="list"
            aria-activedescendant={activeRole ? optionId(activeIndex) : undefined}
            placeholder="Filter by account, alias, id or role"
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
          {query ? `${formatCount(items.length)} of ${formatCount(total)} roles` : `${formatCount(total)} roles`}
        </p>
      </div>
      <div className="roles__header role-columns" aria-hidden="true">
        <span />
        <span>Account</span>
        <span>Account ID</span>
        <span>Role</span>
        <span>Env</span>
        <span>Credentials</span>
        <span />
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
        status={status}
        error={error}
        onAction={runAction}
        onToggleFavourite={toggleFavourite}
        onRename={startRename}
        onDismissError={clearError}
      />
    </section>
  );
}
