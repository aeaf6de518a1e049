import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isSignedIn } from '../../../electron/core/domain/session-health.js';
import { regionFor } from '../../../electron/core/domain/settings.js';
import type {
  CommandResult,
  LanyardState,
  OpenConsoleOptions,
  RoleView,
  SearchHit,
  SessionView,
} from '../../../electron/core/domain/views.js';
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
import { ConsoleTargetPicker } from './ConsoleTargetPicker.js';
import { ErrorMessage, type ErrorAction } from './ErrorMessage.js';
import { Icon } from './Icon.js';
import { listingLabel } from './InventoryProgress.js';
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

/** Every key the palette answers to, for the `?` list (the footer shows the role actions). */
const ALL_KEYS: Array<[keys: string[], what: string]> = [
  [['↑', '↓'], 'Move through the results'],
  [['PgUp', 'PgDn'], 'Move a page at a time'],
  ...ROLE_ACTION_ORDER.map((action): [string[], string] => [ROLE_ACTIONS[action].keys, ROLE_ACTIONS[action].label]),
  [['Tab', '→'], 'Choose a service and region for the console, then Enter'],
  [['Esc'], 'Close the palette, or leave the service choice'],
  [['?'], 'Show or hide this list (while the search is empty)'],
];

/** The footer's keys (all of them fit at the palette's width); `?` lists the rest. */
const FOOTER_ACTIONS: RoleAction[] = ['open-console', 'copy-exports'];

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

/** Accounts listed so far of all found, over the sessions still listing, if any is. */
function listingProgress(sessions: readonly SessionView[]): { done: number; total: number } | undefined {
  const listing = sessions.filter((session) => session.inventory.state === 'listing');
  if (listing.length === 0) return undefined;
  return listing.reduce(
    (sum, session) => ({ done: sum.done + session.inventory.done, total: sum.total + session.inventory.total }),
    { done: 0, total: 0 },
  );
}

/** Why a session cannot open a console right now, in a few words, or undefined when it can. */
function signedOutWords(session: SessionView | undefined): string | undefined {
  if (!session || isSignedIn(session.health)) return undefined;
  return session.health === 'signed-out' ? `${session.name} is signed out` : `${session.name} needs a new sign-in`;
}

const sessionOf = (state: LanyardState | undefined, role: RoleView | undefined): SessionView | undefined =>
  role ? state?.sessions.find((session) => session.name === role.sessionName) : undefined;

/**
 * The hotkey palette: one input, results from the core's search (favourites and recents
 * while the input is empty), the role actions on Enter and its variants, and a service and
 * region to open the console at (Tab). A role whose session is signed out signs in first.
 */
export function Palette() {
  const state = useLanyardState();
  const inventory = useInventory();
  const [query, setQuery] = useState('');
  /** The latest search results and the query they are for (one more than shown: are there more?). */
  const [results, setResults] = useState<{ query: string; hits: SearchHit[] }>({ query: '', hits: [] });
  const [activeIndex, setActiveIndex] = useState(0);
  /** The role whose console destination is being chosen, if any. */
  const [picking, setPicking] = useState<string>();
  const [showKeys, setShowKeys] = useState(false);
  /** The session a command is waiting to sign in to, if any. */
  const [signingIn, setSigningIn] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  /** An action asked for while the results were still for an older query: it runs on the new top result. */
  const queued = useRef<RoleAction | undefined>(undefined);
  const { run, pending, error, clearError } = useCommand();
  const listId = useId();
  const keysId = useId();
  const optionId = (index: number): string => `${listId}-option-${index}`;

  const roles = useMemo(() => new Map((inventory?.roles ?? []).map((role) => [role.key, role])), [inventory]);

  /** The last command run for a role, for the buttons its error offers. */
  const [last, setLast] = useState<{ key: string; command: () => Promise<CommandResult> }>();

  /** Runs a command for a role, signing its session in first when it is not signed in (or `signInFirst`). */
  const perform = (key: string, command: () => Promise<CommandResult>, signInFirst = false): void => {
    setLast({ key, command });
    const session = sessionOf(state, roles.get(key));
    const hide = (): void => {
      setPicking(undefined);
      void window.lanyard.hidePalette();
    };
    if (!session || (isSignedIn(session.health) && !signInFirst)) {
      void run(command, hide);
      return;
    }
    const name = session.name;
    setSigningIn(name);
    void run(async () => {
      const signedIn = await window.lanyard.signIn(name);
      return signedIn.ok ? command() : signedIn;
    }, hide).finally(() => setSigningIn(undefined));
  };
  const act = (action: RoleAction, key: string): void => perform(key, () => runRoleAction(window.lanyard, action, key));
  const openAt = (key: string, options: OpenConsoleOptions): void =>
    perform(key, () => window.lanyard.openConsole(key, options));
  /** The latest `act`, for the search effect (which must not re-run when the state changes). */
  const actRef = useRef(act);
  useEffect(() => {
    actRef.current = act;
  });

  useEffect(
    () =>
      window.lanyard.onPaletteShown(() => {
        setQuery('');
        setResults({ query: '', hits: [] });
        setActiveIndex(0);
        setPicking(undefined);
        setShowKeys(false);
        queued.current = undefined;
        clearError();
        input.current?.focus();
      }),
    [clearError],
  );

  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    void window.lanyard.search(query, LIMIT + 1).then((found) => {
      if (!current) return;
      setResults({ query, hits: found });
      setActiveIndex(0);
      const action = queued.current;
      queued.current = undefined;
      if (action && found[0]) actRef.current(action, found[0].key);
    });
    return () => {
      current = false;
    };
  }, [query]);

  const favourites = state?.settings.favourites;
  const recents = state?.recents;
  const sections = useMemo((): Section[] => {
    if (query.trim())
      return [
        {
          items: results.hits
            .slice(0, LIMIT)
            .flatMap((hit) => pickRoles([hit.key], roles).map((item) => ({ ...item, matches: hit.matches }))),
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
  const more = query.trim() !== '' && results.hits.length > LIMIT;

  useEffect(() => {
    if (activePosition >= 0)
      document.getElementById(`${listId}-option-${activePosition}`)?.scrollIntoView({ block: 'nearest' });
  }, [activePosition, listId]);

  const searching = query.trim() !== '' && results.query !== query;
  const errorActions = ((): ErrorAction[] => {
    const failed = last;
    const session = failed ? roles.get(failed.key)?.sessionName : undefined;
    if (!error || !failed || !session) return [];
    if (error.code === 'SIGN_IN_REQUIRED' || error.code === 'CORRUPT_CACHE')
      return [
        { label: `Sign in to ${session}`, primary: true, onClick: () => perform(failed.key, failed.command, true) },
      ];
    if (error.code === 'NOT_FOUND')
      return [
        {
          label: 'Refresh list',
          primary: true,
          onClick: () => void run(() => window.lanyard.refreshInventory(session)),
        },
      ];
    if (['NETWORK', 'THROTTLED', 'SERVICE', 'TIMEOUT', 'INTERNAL'].includes(error.code))
      return [{ label: 'Try again', primary: true, onClick: () => perform(failed.key, failed.command) }];
    return [];
  })();
  const pickedRole = picking ? roles.get(picking) : undefined;
  const warnFor = pickedRole ?? active?.role;
  const warnSession = sessionOf(state, warnFor);
  const signedOut = signedOutWords(warnSession);

  const closePicker = (): void => {
    setPicking(undefined);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      queued.current = undefined;
      if (showKeys) setShowKeys(false);
      else void window.lanyard.hidePalette();
      return;
    }
    if (event.key === '?' && query === '') {
      event.preventDefault();
      setShowKeys((shown) => !shown);
      return;
    }
    const caretAtEnd = event.currentTarget.selectionStart === query.length;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (plain && (event.key === 'Tab' || (event.key === 'ArrowRight' && caretAtEnd)) && active && !searching) {
      event.preventDefault();
      setShowKeys(false);
      setPicking(active.role.key);
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
  const listing = listingProgress(state?.sessions ?? []);
  const roleCount = inventory?.roles.length ?? 0;
  const placeholder =
    listing && roleCount === 0
      ? listingLabel(listing)
      : `Search ${formatCount(roleCount)} roles by account, alias, id or role`;
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
          aria-expanded={items.length > 0 && !showKeys}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(activePosition) : undefined}
          aria-keyshortcuts="?"
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
            setPicking(undefined);
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
      {listing && roleCount > 0 && (
        <p className="palette__listing" role="status">
          {listingLabel(listing)} — results may be missing some roles until it finishes.
        </p>
      )}
      <div className="palette__body">
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
                ? searching
                  ? 'Searching…'
                  : `No accounts or roles match “${query.trim()}”.`
                : listing && roleCount === 0
                  ? `${listingLabel(listing)} Roles show up here as they are found.`
                  : 'Type to search. Favourites and recently used roles show up here.'}
            </p>
          )}
        </div>
        {showKeys && (
          <section className="palette__keys" id={keysId} aria-label="All palette keys">
            <h2 className="palette__section">Keys</h2>
            <dl>
              {ALL_KEYS.map(([keys, what]) => (
                <div key={what}>
                  <dt>
                    <KeyHint keys={keys} />
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
      </div>
      {more && (
        <p className="palette__more" role="status">
          Showing the first {LIMIT} matches — type more to narrow them down.
        </p>
      )}
      {signedOut && warnSession && (
        <div className="palette__warning" role="status">
          <Icon name="alert" />
          <span className="palette__warning-text">
            {signingIn === warnSession.name
              ? `Signing in to ${warnSession.name}: finish in your browser, then the console opens.`
              : `${signedOut} — Enter signs in first, then opens the console.`}
          </span>
          {signingIn !== warnSession.name && (
            <button
              type="button"
              className="button button--small"
              disabled={pending}
              onClick={() => {
                const name = warnSession.name;
                setSigningIn(name);
                void run(() => window.lanyard.signIn(name)).finally(() => setSigningIn(undefined));
              }}
            >
              Sign in to {warnSession.name}
            </button>
          )}
        </div>
      )}
      {pickedRole && (
        <div className="palette__picker">
          <p className="palette__picker-title">
            Open <strong>{pickedRole.alias ?? pickedRole.accountName}</strong> / {pickedRole.roleName} at
          </p>
          <ConsoleTargetPicker
            key={pickedRole.key}
            autoFocus
            disabled={pending}
            defaultRegion={regionFor(state?.settings ?? { defaultRegion: '' }, warnSession?.region ?? '') || undefined}
            onOpen={(options) => openAt(pickedRole.key, options)}
            onCancel={closePicker}
          />
        </div>
      )}
      <ErrorMessage error={error} onDismiss={clearError} actions={errorActions} />
      <footer className="palette__footer">
        <ul className="palette__hints" aria-label="Keyboard shortcuts">
          {FOOTER_ACTIONS.map((action) => (
            <li key={action}>
              <KeyHint keys={ROLE_ACTIONS[action].keys} /> {ROLE_ACTIONS[action].short}
            </li>
          ))}
          <li>
            <KeyHint keys={['Tab']} /> Service and region
          </li>
          <li>
            <KeyHint keys={['Esc']} /> {pickedRole || showKeys ? 'Back' : 'Close'}
          </li>
        </ul>
        <button
          type="button"
          className="palette__keys-button"
          aria-expanded={showKeys}
          aria-controls={showKeys ? keysId : undefined}
          aria-keyshortcuts="?"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setShowKeys((shown) => !shown)}
        >
          <KeyHint keys={['?']} decorative /> All keys
        </button>
      </footer>
    </div>
  );
}
