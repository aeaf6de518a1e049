/**
 * Desktop notifications for what the core reports (a session ending, sign-in needed,
 * assignments changed) and for what the tray cannot show (a failed command, a hotkey in use).
 * A click signs in again when the notification asks for it, and otherwise opens the window.
 */
import { Notification } from 'electron';
import type { LanyardNotification } from '../core/notices/session-notices.js';
import type { AppAction } from './actions.js';

export interface NotificationRequest {
  title: string;
  body: string;
  /** What a click does; the main window by default. */
  action?: AppAction;
}

/** A notification the core emits (`Lanyard.onNotification`), as a request. */
export function fromCoreNotification(notification: LanyardNotification): NotificationRequest {
  const { title, body, action } = notification;
  return action ? { title, body, action: { kind: 'sign-in', sessionName: action.sessionName } } : { title, body };
}

const MAX_HELD = 20;

export class Notifier {
  /** Shown notifications, held so their click handlers live as long as they do (oldest first). */
  private readonly open = new Set<Notification>();

  constructor(private readonly dispatch: (action: AppAction) => void) {}

  /** Shows a notification; false where the system has none (some Linux desktops). */
  show(request: NotificationRequest): boolean {
    if (!Notification.isSupported()) return false;
    const notification = new Notification({ title: request.title, body: request.body });
    const forget = (): void => {
      this.open.delete(notification);
    };
    notification.on('click', () => {
      forget();
      this.dispatch(request.action ?? { kind: 'show-window' });
    });
    notification.on('close', forget);
    // Some desktops never report a close: hold only the latest few.
    if (this.open.size >= MAX_HELD) this.open.delete(this.open.values().next().value as Notification);
    this.open.add(notification);
    notification.show();
    return true;
  }
}
