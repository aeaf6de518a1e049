/**
 * One Lanyard per user: a second launch (from the Dock, a launcher, the login item) hands
 * over to the running one, which shows its window, and quits.
 */
import type { App } from 'electron';

/** Takes the lock; false (and quitting) when another instance holds it. */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondLaunch: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => onSecondLaunch());
  return true;
}
