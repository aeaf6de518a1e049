/**
 * Credentials on the clipboard ("Copy exports") do not stay there: like a password manager,
 * Lanyard clears the clipboard a while after copying, and when it quits, if the clipboard
 * still holds what it put there (anything the user copied since is left alone). The host
 * marks the text as concealed where the OS has a convention for it (see the Electron side).
 */
import { type Clock, systemClock } from '../support/clock.js';

/** Long enough to paste into a terminal or two; short enough not to linger. */
export const SECRET_CLIPBOARD_CLEAR_MS = 45_000;

export interface ClipboardAccess {
  /** Writes the text, marked as a secret for clipboard managers and history where possible. */
  writeSecret(text: string): void | Promise<void>;
  read(): string | Promise<string>;
  clear(): void | Promise<void>;
}

export class SecretClipboard {
  private pending?: { text: string; timer: unknown };

  constructor(
    private readonly clipboard: ClipboardAccess,
    private readonly clock: Clock = systemClock,
    private readonly clearAfterMs: number = SECRET_CLIPBOARD_CLEAR_MS,
  ) {}

  /** Puts `text` on the clipboard and clears it after a while, if it is still there. */
  async copy(text: string): Promise<void> {
    this.cancel();
    await this.clipboard.writeSecret(text);
    const timer = this.clock.setTimeout(() => void this.clearIfStill(text), this.clearAfterMs);
    this.pending = { text, timer };
  }

  /** Clears now what is still pending (on quit). */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.cancel();
    if (pending) await this.clearIfStill(pending.text);
  }

  private cancel(): void {
    if (this.pending) this.clock.clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private async clearIfStill(text: string): Promise<void> {
    if (this.pending?.text === text) this.pending = undefined;
    try {
      if ((await this.clipboard.read()) === text) await this.clipboard.clear();
    } catch {
      // A clipboard that cannot be read now (another app holds it) is left as it is.
    }
  }
}
