/**
 * Desktop notifications for what the core reports (a session ending, sign-in needed,
 * assignments changed) and for what the tray cannot show (a failed command, a hotkey in use).
 * A click signs in again when the notification asks for it, and otherwise opens the window.
 * Titles and bodies hold names from the service: they are made plain everywhere (no bidi or
 * control characters, long text cut), and on Linux, where notification servers read the body
 * as markup (libnotify; some the summary too), `& < > " '` are escaped, so a name like
 * `<b>R&amp;D</b>` shows as written instead of being rendered or breaking the notification.
 */
import { Notification } from 'electron';
import { escapeMarkup, plainLabel, plainText } from '../core/domain/display-text.js';
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

/** The title and body as the platform's notification server must be given them. */
export function notificationText(
  request: Pick<NotificationRequest, 'title' | 'body'>,
  platform: NodeJS.Platform,
): { title: string; body: string } {
  const title = plainLabel(request.title);
  const body = plainText(request.body);
  return platform === 'linux' ? { title: escapeMarkup(title), body: escapeMarkup(body) } : { title, body };
}

export class Notifier {
  /** Shown notifications, held so their click handlers live as long as they do (oldest first). */
  private readonly open = new Set<Notification>();

  constructor(
    private readonly dispatch: (action: AppAction) => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Shows a notification; false where the system has none (some Linux desktops). */
  show(request: NotificationRequest): boolean {
    if (!Notification.isSupported()) return false;
    const notification = new Notification(notificationText(request, this.platform));
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
