import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type Ref } from 'react';
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
  listRef: Ref<HTMLDivElement>;
  optionId(index: number): string;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onPick(role: RoleView): void;
  onOpen(role: RoleView): void;
  onToggleFavourite(key: string): void;
  onAliasDone(role: RoleView, alias: string | undefined, byKeyboard: boolean): void;
  empty: string;
}

/**
 * The accounts-and-roles listbox, virtualised: only the rows in view (plus a few) are in the
 * DOM, so ten thousand roles scroll as smoothly as ten.
 */
export function RoleList(props: RoleListProps) {
  const { items, activeIndex, scrollResetKey } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
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

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < items.length) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, items.length, virtualizer]);

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
