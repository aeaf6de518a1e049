/**
 * The `app://` scheme Lanyard's own pages load from (app://lanyard/index.html and
 * app://lanyard/palette.html) instead of file://, so the pages get a real origin of their own
 * and no file: privileges (the grantFileProtocolExtraPrivileges fuse is off, electron-builder.yml).
 * The handler serves files from the renderer's build folder only: a request whose path leaves
 * it (dot segments, encoded ones, backslashes, absolute or drive paths, NUL, a symlink that
 * points out) or whose host is not ours gets a 404, and so does a file type we do not ship.
 * Every response carries the Content-Security-Policy and the other security headers.
 *
 * Everything but registerAppScheme/registerAppProtocol is pure (or plain fs) and runs without
 * Electron.
 */
import { readFile, realpath, stat } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CustomScheme, Protocol } from 'electron';
import { APP_CONTENT_SECURITY_POLICY } from './web-security.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lanyard';
/** The pages' origin (a standard scheme has one, which CSP 'self' and the IPC sender check rely on). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The URL of a file at the top of the renderer's build folder, e.g. `index.html`. */
export function appUrlOf(file: string): string {
  return `${APP_ORIGIN}/${file}`;
}

/**
 * Standard (real origin, relative URLs resolve), secure (a secure context, like https),
 * fetch for the ES module scripts, and V8's code cache. No CORS, no service workers, no bypass
 * of CSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** The file types the renderer build has; anything else is not served. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** The Content-Type for a file, by its extension (case-insensitive); undefined for a type we do not serve. */
export function mimeTypeOf(file: string): string | undefined {
  const extension = path.extname(file).toLowerCase();
  return Object.hasOwn(MIME_TYPES, extension) ? MIME_TYPES[extension] : undefined;
}

/**
 * The headers every app:// response carries: the pages' CSP (the same as their <meta> tag,
 * plus frame-ancestors, which only a header can set), no MIME sniffing, no framing, no
 * referrer, and an origin of their own.
 */
export function appResponseHeaders(contentType?: string): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    'Content-Security-Policy': `${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/** A segment that could mean something other than a plain file or folder name, on any OS. */
const UNSAFE_SEGMENT = /[\\:\0]|^\.{1,2}$|^$/;

/**
 * Where an app:// URL points in `rendererDir`, by its text alone: undefined unless the URL is
 * ours (scheme, host, no user, port, or query trickery in the path) and every path segment,
 * decoded, is a plain name. Symlinks are resolveAppFile's business.
 */
export function appRequestPath(url: string, rendererDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return undefined;
  if (parsed.port || parsed.username || parsed.password) return undefined;
  // The raw path: a backslash or an encoded slash or backslash never names a file of ours.
  const raw = parsed.pathname;
  if (!raw.startsWith('/') || /\\|%2f|%5c|%00/i.test(raw)) return undefined;
  let segments: string[];
  try {
    segments = raw.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (segments.some((segment) => UNSAFE_SEGMENT.test(segment))) return undefined;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  return isInside(file, root) ? file : undefined;
}

/** Whether `file` is strictly inside `dir` (both absolute and normalised). */
function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

// The callback forms: Electron's asar support wraps these, so they read inside app.asar too.
const realpathOf = promisify(realpath);
const statOf = promisify(stat);
const readFileOf = promisify(readFile);

/**
 * The real path of the file an app:// URL names, or undefined when there is none or it is not
 * inside the renderer's build folder once symlinks are resolved (of the folder too).
 */
export async function resolveAppFile(url: string, rendererDir: string): Promise<string | undefined> {
  const candidate = appRequestPath(url, rendererDir);
  if (!candidate || !mimeTypeOf(candidate)) return undefined;
  try {
    const [realDir, realFile] = await Promise.all([realpathOf(path.resolve(rendererDir)), realpathOf(candidate)]);
    if (!isInside(realFile, realDir) || !mimeTypeOf(realFile)) return undefined;
    return (await statOf(realFile)).isFile() ? realFile : undefined;
  } catch {
    return undefined;
  }
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/** The response to one app:// request: the file with its type and the security headers, or a 404. */
export async function appResponse(request: Pick<Request, 'url' | 'method'>, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
  const file = await resolveAppFile(request.url, rendererDir);
  if (!file) return plainResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFileOf(file);
  } catch {
    return plainResponse(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: appResponseHeaders(mimeTypeOf(file)),
  });
}

/** Makes app:// a privileged standard scheme. Electron allows this only before `ready`. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves app:// from `rendererDir` on a session's protocol (the default session's, for our pages). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rendererDir));
}
