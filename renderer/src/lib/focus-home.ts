/** The attribute (`data-focus-home`) that marks where focus goes when what had it goes away: the roles filter. */
const FOCUS_HOME_ATTRIBUTE = 'data-focus-home';

/** Moves focus to the window's focus home, if the view shows one; whether it did. */
export function focusHome(document: Document): boolean {
  const home = document.querySelector<HTMLElement>(`[${FOCUS_HOME_ATTRIBUTE}]`);
  home?.focus();
  return home !== null && document.activeElement === home;
}
