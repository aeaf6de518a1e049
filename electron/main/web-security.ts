/**
 * Deny-by-default rules for Lanyard's own pages (the main window and the palette), which
 * run in the default session: no navigation, no new windows, no webviews, no permissions
 * but writing the clipboard. The pages come from app:// (app-protocol.ts), whose responses
 * carry a Content-Security-Policy header on top of the pages' own <meta> policy. Console
 * windows live in their own partitions (console-window.ts), whose sessions get
 * hardenConsoleSession: the clipboard and full screen for AWS's own pages only, no devices at all.
 */
import type { Session, WebContents } from 'electron';
import { isSafeExternalUrl } from '../core/console/external-url.js';
import { isConsolePermission, type NavigationPolicy } from '../core/console/navigation.js';

/** The same policy as the <meta> tag in renderer/index.html and palette.html (a test keeps them equal). */
export const APP_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** Permissions an app page may have: copying a device code it shows. Everything else is refused. */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Where a link clicked in an app page may go: the user's browser for web pages, nowhere otherwise. */
export function externalLinkVerdict(url: string): 'open-external' | 'deny' {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'deny';
  }
  if (parsed.username || parsed.password) return 'deny';
  // https: pages, and http: only on loopback, such as a local Identity Center's device page (the demo).
  return isSafeExternalUrl(parsed.href) ? 'open-external' : 'deny';
}

/**
 * Whether `url` is exactly one of our pages' app:// URLs (a fragment aside, which stays on the
 * page): not a file: URL, not another host or port, no user info, no query, no other path.
 */
export function isAppPageUrl(url: string | undefined, pageUrls: readonly string[]): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'app:' || parsed.username || parsed.password || parsed.search) return false;
    parsed.hash = '';
    return pageUrls.includes(parsed.href) && pageUrls.includes(url.split('#', 1)[0]!);
  } catch {
    return false;
  }
}

export function isAppPermission(
  permission: string,
  requestingUrl: string | undefined,
  pageUrls: readonly string[],
): boolean {
  return APP_PERMISSIONS.has(permission) && isAppPageUrl(requestingUrl, pageUrls);
}

/** Navigation and window rules for one of our windows' contents. */
export function hardenAppContents(contents: WebContents, openExternal: (url: string) => void): void {
  const leave = (url: string): void => {
    if (externalLinkVerdict(url) === 'open-external') openExternal(url);
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    leave(url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permissions for the session our pages run in (their CSP header comes with them: app-protocol.ts). */
export function hardenAppSession(session: Session, pageUrls: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isAppPermission(permission, details.requestingUrl, pageUrls));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isAppPermission(permission, details.requestingUrl, pageUrls),
  );
  session.setDevicePermissionHandler(() => false);
}

/**
 * Permissions for a console window's session: CONSOLE_PERMISSIONS for the pages the window may
 * show (isConsolePermission), nothing for anyone else; no device (HID, serial, USB) is ever
 * permitted, and a page asking to pick one gets the chooser cancelled. (Bluetooth needs nothing:
 * with no `select-bluetooth-device` listener, Electron cancels every request.)
 */
export function hardenConsoleSession(session: Session, policy: NavigationPolicy): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isConsolePermission(permission, { requestingUrl: details.requestingUrl }, policy));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isConsolePermission(
      permission,
      {
        requestingOrigin,
        ...(details.requestingUrl !== undefined ? { requestingUrl: details.requestingUrl } : {}),
        ...(details.embeddingOrigin !== undefined ? { embeddingOrigin: details.embeddingOrigin } : {}),
      },
      policy,
    ),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
