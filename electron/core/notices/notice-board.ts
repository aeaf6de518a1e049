/**
 * The notices the app's window lists (newest first, a bounded few) and the system
 * notifications it shows, each notification at most once.
 */
import type { Notice } from '../domain/views.js';
import type { LanyardNotification } from './session-notices.js';

/** Notices kept for the window, newest first. */
export const MAX_NOTICES = 20;
/**
 * Ids of notifications already shown that are remembered, oldest forgotten first. Each id
 * names one occasion (a session's end, an access change at a time), so the app running for
 * weeks would otherwise keep every one it ever showed; one this old will not come again.
 */
export const MAX_SHOWN_IDS = 200;

export type NewNotice = Omit<Notice, 'id' | 'at'> & { id?: string; at?: number };

export class NoticeBoard {
  private notices: Notice[] = [];
  private readonly shown = new Set<string>();
  private readonly listeners = new Set<(notification: LanyardNotification) => void>();

  constructor(private readonly now: () => number) {}

  get list(): Notice[] {
    return this.notices;
  }

  /** Adds a notice (replacing one with the same id). */
  add(notice: NewNotice): void {
    const at = notice.at ?? this.now();
    const full: Notice = { ...notice, id: notice.id ?? `${notice.kind}:${notice.sessionName ?? ''}:${at}`, at };
    this.notices = [full, ...this.notices.filter((existing) => existing.id !== full.id)].slice(0, MAX_NOTICES);
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
  }

  onNotification(listener: (notification: LanyardNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows a system notification unless one with the same id was shown already. */
  notify(notification: LanyardNotification): void {
    if (this.shown.has(notification.id)) return;
    this.shown.add(notification.id);
    // A Set iterates in insertion order: the first is the oldest.
    if (this.shown.size > MAX_SHOWN_IDS) this.shown.delete(this.shown.values().next().value as string);
    for (const listener of this.listeners) listener(notification);
  }
}
