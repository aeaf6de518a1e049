import { describe, expect, it } from 'vitest';
import type { LanyardNotification } from '../../../../electron/core/notices/session-notices.js';
import { MAX_SHOWN_IDS, NoticeBoard } from '../../../../electron/core/notices/notice-board.js';

const notification = (id: string): LanyardNotification => ({ id, title: id, body: id });

describe('notice board', () => {
  it('shows each notification once, and remembers a bounded number of them over weeks', () => {
    const board = new NoticeBoard(() => 0);
    const shown: string[] = [];
    board.onNotification((shownNotification) => shown.push(shownNotification.id));
    board.notify(notification('sign-in-needed:work:1'));
    board.notify(notification('sign-in-needed:work:1'));
    expect(shown).toEqual(['sign-in-needed:work:1']);

    // A session ending every day for a year: the memory of what was shown stays bounded.
    for (let day = 2; day <= 365; day += 1) board.notify(notification(`sign-in-needed:work:${day}`));
    expect(shown).toHaveLength(365);
    const remembered = (board as unknown as { shown: Set<string> }).shown;
    expect(remembered.size).toBe(MAX_SHOWN_IDS);
    // The recent ones are still known: shown again, they are not shown twice.
    board.notify(notification('sign-in-needed:work:365'));
    expect(shown).toHaveLength(365);
  });
});
