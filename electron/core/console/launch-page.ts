/**
 * Keeps the sign-in URL off browser command lines. Any local user can read a process's
 * arguments (`ps`, /proc/PID/cmdline), and a browser started for a new profile keeps its
 * arguments for as long as it runs. So the browser gets the path of a small page instead,
 * readable only by the user, that sends it on to the sign-in URL; the page is removed soon
 * after, and stale ones are swept on the next launch. Where a file: page cannot be used (the
 * Firefox container add-on, the default browser), a one-time loopback page does the same job
 * (loopback-page.ts).
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Folder under Lanyard's data folder for launch pages. */
export const LAUNCH_PAGES_FOLDER = 'console-launch';
/** How long a launch page stays: long enough for a browser to start cold and read it. */
export const LAUNCH_PAGE_LIFETIME_MS = 10_000;
const PAGE_SUFFIX = '.html';
const PRIVATE_FOLDER_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

export interface LaunchPage {
  file: string;
  /** The `file://` URL to give the browser. */
  url: string;
}

export function launchPagesDir(dataDir: string): string {
  return path.join(dataDir, LAUNCH_PAGES_FOLDER);
}

/** A page that replaces itself with `target` (no history entry, no referrer). */
export function launchPageHtml(target: string): string {
  // JSON keeps the URL a string literal; escaping `<` keeps it from closing the script element.
  const literal = JSON.stringify(target).replaceAll('<', '\\u003c');
  const attribute = target.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">',
    '<title>Opening the AWS console…</title>',
    `<noscript><meta http-equiv="refresh" content="0;url=${attribute}"></noscript>`,
    `<script>location.replace(${literal});</script>`,
    '</head><body><p>Opening the AWS console…</p></body></html>',
    '',
  ].join('\n');
}

/** Writes a private launch page for `target` under `dir` (created 0700). */
export async function writeLaunchPage(dir: string, target: string): Promise<LaunchPage> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const file = path.join(dir, `${randomUUID()}${PAGE_SUFFIX}`);
  await fs.writeFile(file, launchPageHtml(target), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return { file, url: pathToFileURL(file).href };
}

export async function removeLaunchPage(page: LaunchPage): Promise<void> {
  await fs.rm(page.file, { force: true }).catch(() => undefined);
}

/** Removes launch pages older than their lifetime (left behind when a process ended early). */
export async function sweepLaunchPages(
  dir: string,
  now: number,
  maxAgeMs: number = LAUNCH_PAGE_LIFETIME_MS,
): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.endsWith(PAGE_SUFFIX))
      .map(async (name) => {
        const file = path.join(dir, name);
        const stat = await fs.stat(file).catch(() => undefined);
        if (stat && now - stat.mtimeMs >= maxAgeMs) await fs.rm(file, { force: true }).catch(() => undefined);
      }),
  );
}
