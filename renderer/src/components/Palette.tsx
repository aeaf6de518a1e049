import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { RoleView, SearchHit } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { useInventory, useLanyardState } from '../hooks/useLanyard.js';
import { navigate } from '../lib/list-navigation.js';
import {
  ROLE_ACTION_ORDER,
  ROLE_ACTIONS,
  roleActionForKey,
  runRoleAction,
  type RoleAction,
} from '../lib/role-actions.js';
import type { MatchPositions } from '../lib/role-match.js';
import { formatCount } from '../lib/time-format.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Icon } from './Icon.js';
import { KeyHint } from './KeyHint.js';
import { PaletteResult } from './PaletteResult.js';

const LIMIT = 50;

export interface PaletteItem {
  role: RoleView;
  matches?: MatchPositions;
}

interface Section {
  title?: string;
  items: PaletteItem[];
}

function pickRoles(
  keys: readonly string[],
  roles: ReadonlyMap<string, RoleView>,
  skip: ReadonlySet<string> = new Set(),
): PaletteItem[] {
  return keys.flatMap((key) => {
    const role = roles.get(key);
    return role && !skip.has(key) ? [{ role }] : [];
  });
}

/**
 * The hotkey palette: one input, results from the core's search (favourites and recents
 * while the input is empty), and the role actions on Enter and its variants.
 */
export function Palette() {
  const state = useLanyardState();
  const inventory = useInventory();
  const [query, setQuery] = useState('');
  /** The latest search results and the query they are for. */
  const [results, setResults] = useState<{ query: string; hits: SearchHit[] }>({ query: '', hits: [] });
  const [activeIndex, setActiveIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  /** An action asked for while the results were still for an older query: it runs on the new top result. */
  const queued = useRef<RoleAction | undefined>(undefined);
  const { run, pending, error, clearError } = useCommand();
  const listId = useId();
  const optionId = (index: number): string => `${listId}-option-${index}`;

  const act = useCallback(
    (action: RoleAction, key: string): void =>
      void run(
        () => runRoleAction(window.lanyard, action, key),
        () => void window.lanyard.hidePalette(),
      ),
    [run],
  );

  useEffect(
    () =>
      window.lanyard.onPaletteShown(() => {
        setQuery('');
        setResults({ query: '', hits: [] });
        setActiveIndex(0);
        queued.current = undefined;
        clearError();
        input.current?.focus();
      }),
    [clearError],
  );

  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    void window.lanyard.search(query, LIMIT).then((found) => {
      if (!current) return;
      setResults({ query, hits: found });
      setActiveIndex(0);
      const action = queued.current;
      queued.current = undefined;
      if (action && found[0]) act(action, found[0].key);
    });
    return () => {
      current = false;
    };
  }, [query, act]);

  const roles = useMemo(() => new Map((inventory?.roles ?? []).map((role) => [role.key, role])), [inventory]);
  const favourites = state?.settings.favourites;
  const recents = state?.recents;
  const sections = useMemo((): Section[] => {
    if (query.trim())
      return [
        {
          items: results.hits.flatMap((hit) =>
            pickRoles([hit.key], roles).map((item) => ({ ...item, matches: hit.matches })),
          ),
        },
      ];
    const pinned = pickRoles(favourites ?? [], roles).slice(0, LIMIT);
    const recent = pickRoles(recents ?? [], roles, new Set(favourites)).slice(0, LIMIT - pinned.length);
    return [
      { title: 'Favourites', items: pinned },
      { title: 'Recent', items: recent },
    ].filter((section) => section.items.length > 0);
  }, [query, results, roles, favourites, recents]);
  const items = sections.flatMap((section) => section.items);
  const active = items[Math.min(activeIndex, items.length - 1)];
  const activePosition = active ? items.indexOf(active) : -1;

  useEffect(() => {
    if (activePosition >= 0)
      document.getElementById(`${listId}-option-${activePosition}`)?.scrollIntoView({ block: 'nearest' });
  }, [activePosition, listId]);

  const searching = query.trim() !== '' && results.query !== query;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      queued.current = undefined;
      void window.lanyard.hidePalette();
      return;
    }
    const next = navigate(event.key, Math.max(0, activePosition), items.length, { pageSize: 8, homeEnd: false });
    if (next !== undefined) {
      event.preventDefault();
      setActiveIndex(next);
      return;
    }
    const action = roleActionForKey(event);
    if (!action) return;
    event.preventDefault();
    if (searching) queued.current = action;
    else if (active) act(action, active.role.key);
  };

  const credentials = new Map((state?.activeCredentials ?? []).map((entry) => [entry.key, entry.expiresAt]));
  const favouriteSet = new Set(favourites);
  let position = 0;

  return (
    <div className="palette">
      <div className="palette__search">
        <Icon name="search" />
        <input
          ref={input}
          className="palette__input"
          role="combobox"
          aria-label="Search accounts and roles"
          aria-controls={listId}
          aria-expanded={items.length > 0}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(activePosition) : undefined}
          placeholder={`Search ${formatCount(inventory?.roles.length ?? 0)} roles by account, alias, id or role`}
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={pending}
          onClick={() => void window.lanyard.showMainWindow()}
        >
          Open Lanyard
        </button>
      </div>
      <div className="palette__results" id={listId} role="listbox" aria-label="Results">
        {sections.map((section, sectionIndex) => {
          const titleId = `${listId}-section-${sectionIndex}`;
          return (
            <div
              key={section.title ?? 'results'}
              role="group"
              aria-labelledby={section.title ? titleId : undefined}
              aria-label={section.title ? undefined : 'Search results'}
            >
              {section.title && (
                <p className="palette__section" id={titleId} role="presentation">
                  {section.title}
                </p>
              )}
              {section.items.map((item) => {
                const index = position++;
                return (
                  <PaletteResult
                    key={item.role.key}
                    id={optionId(index)}
                    item={item}
                    active={index === activePosition}
                    favourite={favouriteSet.has(item.role.key)}
                    credentialsExpireAt={credentials.get(item.role.key)}
                    showSession={(state?.sessions.length ?? 0) > 1}
                    onPick={() => act('open-console', item.role.key)}
                    onHover={() => setActiveIndex(index)}
                  />
                );
              })}
            </div>
          );
        })}
        {items.length === 0 && (
          <p className="palette__empty" role="presentation">
            {query.trim()
              ? `No accounts or roles match “${query.trim()}”.`
              : 'Type to search. Favourites and recently used roles show up here.'}
          </p>
        )}
      </div>
      <ErrorMessage error={error} onDismiss={clearError} />
      <footer className="palette__footer">
        <ul className="palette__hints" aria-label="Keyboard shortcuts">
          {ROLE_ACTION_ORDER.map((action) => (
            <li key={action}>
              <KeyHint keys={ROLE_ACTIONS[action].keys} /> {ROLE_ACTIONS[action].short}
            </li>
          ))}
          <li>
            <KeyHint keys={['Esc']} /> Close
          </li>
        </ul>
      </footer>
    </div>
  );
}
