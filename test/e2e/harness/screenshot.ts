/**
 * Screenshots for people to look at, saved to test/artifacts/ as `<name>.png`: each must hold
 * a picture (not a blank page) and come from a page that threw nothing.
 */
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ARTIFACTS_DIR, type LanyardPage } from './index.js';

export async function saveScreenshot(
  app: LanyardPage,
  name: string,
  options: { clip?: { x: number; y: number; width: number; height: number }; minBytes?: number } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await app.page.screenshot({ path: file, ...(options.clip ? { clip: options.clip } : {}) });
  expect(statSync(file).size).toBeGreaterThan(options.minBytes ?? 10_000);
  expect(app.pageErrors).toEqual([]);
  return file;
}
