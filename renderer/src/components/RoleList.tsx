import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type Ref } from 'react';
import type { RoleView } from '../../../electron/core/domain/views.js';
import type { RankedRole } from '../lib/role-match.js';
import { RoleRow } from './RoleRow.js';

export const ROLE_ROW_HEIGHT = 36;

export interface RoleListProps {
  id: string;
  label: string;
  items: readonly RankedRole[];
  activeIndex: number;
  /** Changes whenever the list should jump back to its top (a new filter). */
  scrollResetKey: string;
  favourites: ReadonlySet<string>;
  /** Role key of the default profile. */
  defaultProfile: string | undefined;
  /** Active role credentials' expiry by role key. */
  credentials: ReadonlyMap<string, number>;
  /** The role whose account is being renamed in place. */
  editingKey: string | undefined;
  /** Name each role's session (when there is more than one). */
  showSession: boolean;
  /** Sessions not signed in: their rows are drawn unavailable. */
  signedOutSessions: ReadonlySet<string>;
  listRef: Ref<HTMLDivElement>;
  optionId(index: number): string;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onPick(role: RoleView): void;
  onOpen(role: RoleView): void;
  onToggleFavourite(key: string): void;
  onAliasDone(role: RoleView, alias: string | undefined, byKeyboard: boolean): void;
  empty: string;
}

/** The row at the top of the view and how far it is scrolled past, to keep it there. */
interface Anchor {
  key: string;
  index: number;
  offset: number;
}

/**
 * The accounts-and-roles listbox, virtualised: only the rows in view (plus a few) are in the
 * DOM, so ten thousand roles scroll as smoothly as ten.
 *
 * Rows arrive while the first listing runs. When some land above the view, the rows in view
 * stay where they are (scroll anchoring, by key: rows have one fixed height, so the anchor
 * row's new offset is its new index times that height). At the very top nothing is anchored:
 * new rows there are in view anyway.
 */
export function RoleList(props: RoleListProps) {
  const { items, activeIndex, scrollResetKey } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
  const anchor = useRef<Anchor | undefined>(undefined);
  // The React Compiler is not used; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROLE_ROW_HEIGHT,
    getItemKey: (index) => items[index]?.role.key ?? index,
    overscan: 8,
  });

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [scrollResetKey, virtualizer]);

  // Before the new rows are painted: put the anchor row back where it was.
  useLayoutEffect(() => {
    const element = scroller.current;
    const held = anchor.current;
    if (!element || !held) return;
    if (items[held.index]?.role.key === held.key) return;
    const index = items.findIndex((item) => item.role.key === held.key);
    if (index < 0) return;
    element.scrollTop = index * ROLE_ROW_HEIGHT + held.offset;
    anchor.current = { ...held, index };
  }, [items]);

  const remember = (): void => {
    const element = scroller.current;
    if (!element) return;
    const index = Math.floor(element.scrollTop / ROLE_ROW_HEIGHT);
    const key = element.scrollTop > 0 ? items[index]?.role.key : undefined;
    anchor.current =
      key === undefined ? undefined : { key, index, offset: element.scrollTop - index * ROLE_ROW_HEIGHT };
  };

  // The highlight moved (arrows, Home, End...): bring its row into view. Not when the list
  // itself changed (rows arriving, a new filter, a star): that must not scroll under the user.
  const activeKey = items[activeIndex]?.role.key;
  const seen = useRef({ key: activeKey, items });
  useEffect(() => {
    const before = seen.current;
    seen.current = { key: activeKey, items };
    if (activeKey === undefined || activeKey === before.key || items !== before.items) return;
    virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeKey, activeIndex, items, virtualizer]);

  const setRefs = (node: HTMLDivElement | null): void => {
    scroller.current = node;
    if (typeof props.listRef === 'function') props.listRef(node);
    else if (props.listRef) props.listRef.current = node;
  };

  const active = items[activeIndex];
  return (
    <div
      ref={setRefs}
      id={props.id}
      className="role-list"
      role="listbox"
      tabIndex={0}
      aria-label={props.label}
      aria-activedescendant={active ? props.optionId(activeIndex) : undefined}
      onKeyDown={props.onKeyDown}
      onScroll={remember}
    >
      {items.length === 0 ? (
        <p className="role-list__empty" role="presentation">
          {props.empty}
        </p>
      ) : (
        <div className="role-list__sizer" role="presentation" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const { role } = item;
            const above = items[row.index - 1]?.role;
            return (
              <RoleRow
                key={row.key}
                role={role}
                index={row.index}
                setSize={items.length}
                top={row.start}
                optionId={props.optionId(row.index)}
                active={row.index === activeIndex}
                favourite={props.favourites.has(role.key)}
                isDefault={role.key === props.defaultProfile}
                credentialsExpireAt={props.credentials.get(role.key)}
                matches={item.matches}
                editingAlias={props.editingKey === role.key}
                sameAccountAsAbove={
                  above !== undefined && above.accountId === role.accountId && above.sessionName === role.sessionName
                }
                showSession={props.showSession}
                unavailable={props.signedOutSessions.has(role.sessionName)}
                onPick={props.onPick}
                onOpen={props.onOpen}
                onToggleFavourite={props.onToggleFavourite}
                onAliasDone={props.onAliasDone}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
