import { describe, expect, it, vi } from 'vitest';
import { SECRET_CLIPBOARD_CLEAR_MS, SecretClipboard } from '../../../../electron/core/credentials/secret-clipboard.js';
import { concealedPayload, electronSecretClipboard } from '../../../../electron/main/secret-clipboard.js';
import { FakeClock } from '../../../support/fake-clock.js';

/** A system clipboard: one text, which other apps may replace. */
function systemClipboard() {
  const board = { text: '', clears: 0 };
  return {
    board,
    access: {
      writeSecret: (text: string) => void (board.text = text),
      read: () => board.text,
      clear: () => {
        board.text = '';
        board.clears += 1;
      },
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SecretClipboard', () => {
  it('clears copied credentials after a while, if they are still there', async () => {
    const clock = new FakeClock();
    const { board, access } = systemClipboard();
    const secrets = new SecretClipboard(access, clock);
    await secrets.copy('export AWS_SECRET_ACCESS_KEY=not-real');
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS - 1);
    await flush();
    expect(board.text).toContain('not-real');
    clock.advance(1);
    await flush();
    expect(board.text).toBe('');
  });

  it('leaves what the user copied since, and restarts the wait on a new copy', async () => {
    const clock = new FakeClock();
    const { board, access } = systemClipboard();
    const secrets = new SecretClipboard(access, clock);
    await secrets.copy('first secret');
    board.text = 'something the user copied';
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS);
    await flush();
    expect(board.text).toBe('something the user copied');
    expect(board.clears).toBe(0);

    await secrets.copy('second secret');
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS / 2);
    await secrets.copy('third secret');
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS / 2);
    await flush();
    expect(board.text).toBe('third secret');
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS / 2);
    await flush();
    expect(board.text).toBe('');
  });

  it('clears on quit what is still pending', async () => {
    const clock = new FakeClock();
    const { board, access } = systemClipboard();
    const secrets = new SecretClipboard(access, clock);
    await secrets.copy('secret');
    await secrets.flush();
    expect(board.text).toBe('');
    clock.advance(SECRET_CLIPBOARD_CLEAR_MS);
    await flush();
    expect(board.clears).toBe(1);
  });
});

describe('the Electron secret clipboard', () => {
  it('marks the text concealed in the way each OS honours', () => {
    const raw = (name: string) => `electron application/osclipboard;format="${name}"`;
    expect(Object.keys(concealedPayload('s', 'darwin'))).toEqual(['text/plain', raw('org.nspasteboard.ConcealedType')]);
    expect(Object.keys(concealedPayload('s', 'win32'))).toEqual([
      'text/plain',
      raw('ExcludeClipboardContentFromMonitorProcessing'),
      raw('CanIncludeInClipboardHistory'),
      raw('CanUploadToCloudClipboard'),
    ]);
    expect(concealedPayload('s', 'linux')).toEqual({ 'text/plain': 's', [raw('x-kde-passwordManagerHint')]: 'secret' });
  });

  it('writes text and markers in one write, and the text alone when the platform refuses the markers', async () => {
    class Item {
      constructor(readonly items: Record<string, unknown>) {}
    }
    const clipboard = {
      write: vi.fn(async () => {}),
      writeText: vi.fn(async () => {}),
      readText: vi.fn(),
      clear: vi.fn(),
    };
    const access = electronSecretClipboard(clipboard, Item as never, 'linux');
    await access.writeSecret('secret');
    expect(clipboard.write).toHaveBeenCalledWith([
      expect.objectContaining({ items: concealedPayload('secret', 'linux') }),
    ]);
    expect(clipboard.writeText).not.toHaveBeenCalled();

    clipboard.write.mockRejectedValueOnce(new Error('unsupported format'));
    await access.writeSecret('secret');
    expect(clipboard.writeText).toHaveBeenCalledWith('secret');
  });
});
