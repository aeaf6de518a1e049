/**
 * Renders Lanyard's icons from their SVG sources (assets/src) with the machine's Chromium,
 * through Playwright: the tray icons (macOS template images, colour PNGs and .ico files for
 * Linux and Windows, each at 16 and 32 px) and the app icon (icon.png at 1024 px, Linux sizes,
 * icon.ico, icon.icns). The PNGs are committed; run this after changing an SVG:
 *
 *   npx tsx scripts/render-icons.ts        (LANYARD_CHROMIUM=/path/to/chrome to pick a browser)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { TRAY_ICON_STATES, type TrayIconState } from '../electron/main/tray-menu.js';
import { ICNS_TYPES, encodeIcns, encodeIco, pngSize } from './render-icons-containers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assets = path.join(root, 'assets');

/** Badge colours of the colour tray icons; the strap's grey reads on dark and light panels. */
const STATE_COLOURS: Record<TrayIconState, string> = {
  'signed-in': '#2e9e5b',
  expiring: '#e0a100',
  'sign-in-needed': '#d64545',
};
const STRAP_GREY = '#8a93a3';
const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

async function launchChromium(): Promise<Browser> {
  const candidates = [
    process.env.LANYARD_CHROMIUM,
    undefined,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const failures: string[] = [];
  for (const executablePath of candidates) {
    if (executablePath === '') continue;
    try {
      return await chromium.launch(executablePath ? { executablePath } : {});
    } catch (error) {
      failures.push(`${executablePath ?? "Playwright's Chromium"}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`No Chromium to render with (set LANYARD_CHROMIUM):\n  ${failures.join('\n  ')}`);
}

/** One SVG (inline, so `css` can set its variables and pick a state) as a square transparent PNG. */
async function render(page: Page, svg: string, size: number, css = ''): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}${css}</style></head><body>${svg}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  const actual = pngSize(png);
  if (actual.width !== size || actual.height !== size)
    throw new Error(`rendered ${actual.width}x${actual.height}, wanted ${size}`);
  return png;
}

function write(file: string, data: Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`  ${path.relative(root, file)} (${data.length} bytes)`);
}

async function renderTray(page: Page): Promise<void> {
  const svg = readFileSync(path.join(assets, 'src', 'tray.svg'), 'utf8');
  for (const state of TRAY_ICON_STATES) {
    const only = `.state{display:none}#${state}{display:inline}`;
    const template = `${only}.colour-only{display:none}`;
    const colour = `${only}.template-only{display:none}svg{--strap:${STRAP_GREY};--badge:${STATE_COLOURS[state]};--detail:#fff}`;
    const images: Array<{ size: number; png: Buffer }> = [];
    for (const [size, suffix] of [
      [16, ''],
      [32, '@2x'],
    ] as const) {
      // Template images: black and alpha only; macOS tints them for the menu bar.
      write(path.join(assets, 'tray', `tray-${state}Template${suffix}.png`), await render(page, svg, size, template));
      const png = await render(page, svg, size, colour);
      write(path.join(assets, 'tray', `tray-${state}${suffix}.png`), png);
      images.push({ size, png });
    }
    write(path.join(assets, 'tray', `tray-${state}.ico`), encodeIco(images));
  }
}

async function renderAppIcon(page: Page): Promise<void> {
  const svg = readFileSync(path.join(assets, 'src', 'icon.svg'), 'utf8');
  const sizes = [...new Set([...LINUX_ICON_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map((entry) => entry.size), 1024])];
  const pngs = new Map<number, Buffer>();
  for (const size of sizes) pngs.set(size, await render(page, svg, size));
  const png = (size: number): Buffer => pngs.get(size) as Buffer;
  write(path.join(assets, 'icon.png'), png(1024));
  for (const size of LINUX_ICON_SIZES) write(path.join(assets, 'icons', `${size}x${size}.png`), png(size));
  write(path.join(assets, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  write(path.join(assets, 'icon.icns'), encodeIcns(ICNS_TYPES.map(({ type, size }) => ({ type, png: png(size) }))));
}

const browser = await launchChromium();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  console.log('Tray icons:');
  await renderTray(page);
  console.log('App icon:');
  await renderAppIcon(page);
} finally {
  await browser.close();
}
