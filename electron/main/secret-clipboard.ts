/**
 * The clipboard for copied credentials: the text plus the markers clipboard managers and the
 * OS clipboard history honour for passwords, written in one atomic `clipboard.write`:
 * - macOS: `org.nspasteboard.ConcealedType` (the nspasteboard.org convention);
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing`, and `CanIncludeInClipboardHistory`
 *   / `CanUploadToCloudClipboard` set to a DWORD 0 (Win+V history and cloud sync);
 * - Linux: `x-kde-passwordManagerHint: secret` (Klipper and the clipboard managers that follow it).
 * Electron passes a platform format through as `electron application/osclipboard;format="NAME"`.
 * If the platform refuses the markers, the text is written alone (it is still cleared later).
 */
import type { Clipboard, ClipboardItem as ElectronClipboardItem } from 'electron';
import type { ClipboardAccess } from '../core/credentials/secret-clipboard.js';

type ItemPayload = Record<string, string | Blob>;

const raw = (format: string): string => `electron application/osclipboard;format="${format}"`;
const DWORD_ZERO = new Blob([new Uint8Array(4)]);

/** What one copy of `text` puts on the clipboard on `platform`. */
export function concealedPayload(text: string, platform: NodeJS.Platform): ItemPayload {
  const payload: ItemPayload = { 'text/plain': text };
  if (platform === 'darwin') payload[raw('org.nspasteboard.ConcealedType')] = '';
  if (platform === 'win32') {
    payload[raw('ExcludeClipboardContentFromMonitorProcessing')] = '';
    payload[raw('CanIncludeInClipboardHistory')] = DWORD_ZERO;
    payload[raw('CanUploadToCloudClipboard')] = DWORD_ZERO;
  }
  if (platform === 'linux') payload[raw('x-kde-passwordManagerHint')] = 'secret';
  return payload;
}

export function electronSecretClipboard(
  clipboard: Pick<Clipboard, 'write' | 'writeText' | 'readText' | 'clear'>,
  Item: new (items: ItemPayload) => ElectronClipboardItem,
  platform: NodeJS.Platform,
): ClipboardAccess {
  return {
    async writeSecret(text) {
      try {
        await clipboard.write([new Item(concealedPayload(text, platform))]);
      } catch {
        await clipboard.writeText(text);
      }
    },
    read: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  };
}
