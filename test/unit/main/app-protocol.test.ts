// The app:// handler's pure parts, on a real renderer folder in a temp dir (with a symlink that
// points out of it), and its registration on a stand-in protocol.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  appRequestPath,
  appResponse,
  appResponseHeaders,
  appUrlOf,
  mimeTypeOf,
  registerAppProtocol,
  registerAppScheme,
  resolveAppFile,
} from '../../../electron/main/app-protocol.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../../electron/main/web-security.js';

const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'lanyard-app-protocol-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const rendererDir = path.join(base, 'dist', 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lanyard</title>');
writeFileSync(path.join(rendererDir, 'palette.html'), '<!doctype html><title>Palette</title>');
writeFileSync(path.join(rendererDir, 'assets', 'main-abc.js'), 'export {};');
writeFileSync(path.join(rendererDir, 'assets', 'main-abc.css'), 'body{}');
writeFileSync(path.join(rendererDir, 'assets', 'notes.txt'), 'not served');
// Outside the renderer folder: what traversal would be after.
writeFileSync(path.join(base, 'secret.html'), 'secret');
writeFileSync(path.join(base, 'dist', 'secret.js'), 'secret');
// Symlinks out of the folder (a file and a folder), and one that stays inside.
symlinkSync(path.join(base, 'secret.html'), path.join(rendererDir, 'escape.html'));
symlinkSync(base, path.join(rendererDir, 'out'));
symlinkSync(path.join(rendererDir, 'index.html'), path.join(rendererDir, 'alias.html'));

const TRAVERSALS = [
  'app://lanyard/../../etc/passwd',
  'app://lanyard/../secret.html',
  'app://lanyard/%2e%2e/secret.html',
  'app://lanyard/%2e%2e%2fsecret.html',
  'app://lanyard/%2E%2E%2F%2E%2E%2Fsecret.html',
  'app://lanyard/assets/%2e%2e%2f%2e%2e%2fsecret.js',
  'app://lanyard/..%2fsecret.html',
  'app://lanyard/..%5csecret.html',
  'app://lanyard/..\\secret.html',
  'app://lanyard/assets\\..\\..\\secret.js',
  'app://lanyard/%252e%252e/secret.html',
  'app://lanyard//etc/passwd',
  'app://lanyard/%2fetc%2fpasswd',
  'app://lanyard/C:/Windows/win.ini',
  'app://lanyard/C%3A%5CWindows%5Cwin.ini',
  `app://lanyard/${encodeURIComponent(path.join(base, 'secret.html'))}`,
  'app://lanyard/index.html%00.png',
  // (A trailing NUL is stripped by the URL parser itself, like other trailing control characters.)
  'app://lanyard/index\0.html',
  'app://lanyard/%E0%A4%A',
  'app://lanyard/escape.html',
  'app://lanyard/out/secret.html',
];

describe('app:// URL to file', () => {
  it('maps our pages and assets to files in the renderer folder', async () => {
    expect(appUrlOf('index.html')).toBe('app://lanyard/index.html');
    expect(appRequestPath('app://lanyard/index.html', rendererDir)).toBe(path.join(rendererDir, 'index.html'));
    expect(appRequestPath('app://lanyard/assets/main-abc.js?v=1#x', rendererDir)).toBe(
      path.join(rendererDir, 'assets', 'main-abc.js'),
    );
    expect(await resolveAppFile('app://lanyard/palette.html', rendererDir)).toBe(
      path.join(rendererDir, 'palette.html'),
    );
    // A symlink that stays inside is followed.
    expect(await resolveAppFile('app://lanyard/alias.html', rendererDir)).toBe(path.join(rendererDir, 'index.html'));
  });

  it.each(TRAVERSALS)('refuses %s', async (url) => {
    expect(await resolveAppFile(url, rendererDir)).toBeUndefined();
    expect((await appResponse({ url, method: 'GET' }, rendererDir)).status).toBe(404);
  });

  it.each([
    'app://evil/index.html',
    'app://lanyard.evil/index.html',
    'app://lanyard:8080/index.html',
    'app://user:pass@lanyard/index.html',
    'file:///etc/passwd',
    'https://lanyard/index.html',
    'app://lanyard/',
    'app://lanyard',
    'app://lanyard/assets',
    'app://lanyard/missing.html',
    'app://lanyard/assets/notes.txt',
    'not a url',
  ])('answers 404 for %s', async (url) => {
    const response = await appResponse({ url, method: 'GET' }, rendererDir);
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toContain(APP_CONTENT_SECURITY_POLICY);
  });

  it('resolves nothing outside the folder for any of the traversals, even by text alone', () => {
    for (const url of TRAVERSALS) {
      const file = appRequestPath(url, rendererDir);
      if (file !== undefined) expect(file.startsWith(rendererDir + path.sep), url).toBe(true);
    }
  });
});

describe('app:// responses', () => {
  it('serves a page with its type, the CSP and the other security headers', async () => {
    const response = await appResponse({ url: 'app://lanyard/index.html', method: 'GET' }, rendererDir);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Lanyard</title>');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(
      `${APP_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
    );
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');

    const script = await appResponse({ url: 'app://lanyard/assets/main-abc.js', method: 'GET' }, rendererDir);
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('export {};');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await appResponse({ url: 'app://lanyard/index.html', method: 'HEAD' }, rendererDir);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await appResponse({ url: 'app://lanyard/index.html', method: 'POST' }, rendererDir)).status).toBe(405);
  });

  it('knows the types the renderer build has, and no others', () => {
    expect(mimeTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('a/main.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('a/main.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('icon.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('icon.PNG')).toBe('image/png');
    expect(mimeTypeOf('font.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('data.json')).toBe('application/json; charset=utf-8');
    for (const file of ['notes.txt', 'main.js.map', 'Makefile', '.html.exe', 'x.constructor', 'x.__proto__'])
      expect(mimeTypeOf(file), file).toBeUndefined();
  });

  it('puts the CSP on every response, with or without a type', () => {
    expect(appResponseHeaders()).not.toHaveProperty('Content-Type');
    expect(appResponseHeaders('image/png')['Content-Security-Policy']).toContain(APP_CONTENT_SECURITY_POLICY);
  });
});

describe('registration', () => {
  it('registers app:// as a privileged standard, secure scheme, and serves it from the renderer folder', async () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol as never);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');

    registerAppProtocol(protocol as never, rendererDir);
    const [scheme, handler] = protocol.handle.mock.calls[0]! as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    expect((await handler(new Request('app://lanyard/index.html'))).status).toBe(200);
    expect((await handler(new Request('app://lanyard/escape.html'))).status).toBe(404);
  });
});
