import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { NAVIGATION_SHORTCUTS } from '../lib/list-navigation.js';
import { ROLE_ACTION_ORDER, ROLE_ACTIONS, WINDOW_COMMANDS } from '../lib/role-actions.js';
import { Icon } from './Icon.js';
import { KeyHint } from './KeyHint.js';

interface Row {
  label: string;
  keys: string[][];
}

/** Every key of the main window, from the tables the key handlers read. */
const GROUPS: ReadonlyArray<{ title: string; rows: Row[] }> = [
  {
    title: 'The highlighted role',
    rows: [
      ...ROLE_ACTION_ORDER.map((action) => ({ label: ROLE_ACTIONS[action].label, keys: [ROLE_ACTIONS[action].keys] })),
      WINDOW_COMMANDS['toggle-favourite'],
      WINDOW_COMMANDS.rename,
    ],
  },
  { title: 'Moving around', rows: [...NAVIGATION_SHORTCUTS] },
  {
    title: 'Filter and help',
    rows: [WINDOW_COMMANDS['focus-filter'], WINDOW_COMMANDS['clear-filter'], WINDOW_COMMANDS['show-shortcuts']],
  },
];

/**
 * The keyboard shortcuts, as a modal dialog: Escape or Close shuts it and focus goes back to
 * where it was.
 */
export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Where focus was when the sheet opened, to put it back (taken once, before the dialog has it).
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // Unmounting removes the dialog from the page, and with it the modal state.
    return () => before?.focus();
  }, [before]);

  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (outside the sheet's box) closes it.
        if (event.target === dialog.current) dialog.current.close();
      }}
    >
      <div className="shortcuts__head">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => dialog.current?.close()}>
          <Icon name="close" />
        </button>
      </div>
      <div className="shortcuts__groups">
        {GROUPS.map((group) => (
          <section key={group.title} className="shortcuts__group" aria-label={group.title}>
            <h3 className="section-title">{group.title}</h3>
            <dl className="shortcuts__list">
              {group.rows.map((row) => (
                <div key={row.label} className="shortcuts__row">
                  <dt>
                    {row.keys.map((keys, index) => (
                      <Fragment key={keys.join('+')}>
                        {index > 0 && <span className="shortcuts__or"> or </span>}
                        <KeyHint keys={keys} />
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{row.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="shortcuts__note">Double-click a role to open its console.</p>
    </dialog>
  );
}
