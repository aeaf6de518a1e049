import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../../../electron/core/accounts/inventory.js';
import { InventoryStore, inventoryFile } from '../../../../electron/core/accounts/inventory-store.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

let temp: TempHome;
let warnings: string[];
let store: InventoryStore;

beforeEach(() => {
  temp = createTempHome();
  warnings = [];
  store = new InventoryStore({ paths: temp.paths, onWarning: (_session, message) => warnings.push(message) });
});
afterEach(() => temp.cleanup());

function snapshot(complete: boolean, listedAt: number, startUrl = 'https://acme.awsapps.com/start'): InventorySnapshot {
  return {
    sessionName: 'work',
    startUrl,
    listedAt,
    complete,
    accounts: [{ accountId: '111111111111', accountName: `listed at ${listedAt}`, roles: ['Admin'] }],
    ...(complete ? {} : { unlistedAccountIds: [], problem: { code: 'NETWORK' as const, message: 'offline' } }),
  };
}

describe('InventoryStore', () => {
  it('keeps the last complete listing beside a newer incomplete one, and returns it as the basis', async () => {
    const first = snapshot(true, 1);
    await store.save(first);
    const failed = await store.save(snapshot(false, 2));
    expect(failed.basis).toEqual(first);
    expect(failed.stored.lastComplete).toEqual(first);
    expect(failed.stored.latest.complete).toBe(false);

    const loaded = await store.load('work');
    expect(loaded?.lastComplete).toEqual(first);
    expect(loaded?.latest.listedAt).toBe(2);

    const next = await store.save(snapshot(true, 3));
    expect(next.basis).toEqual(first);
    expect((await store.load('work'))?.lastComplete?.listedAt).toBe(3);
    expect(statSync(inventoryFile(temp.paths, 'work')).mode & 0o777).toBe(0o600);
  });

  it('does not use a listing of another start URL as the basis', async () => {
    await store.save(snapshot(true, 1, 'https://old.awsapps.com/start'));
    const result = await store.save(snapshot(false, 2));
    expect(result.basis).toBeUndefined();
    expect(result.stored.lastComplete).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format": 1, "sessionName": "wo'],
    [
      'a bad account id',
      JSON.stringify({
        format: 1,
        sessionName: 'work',
        lastComplete: { ...snapshot(true, 1), accounts: [{ accountId: '12', accountName: 'x', roles: [] }] },
      }),
    ],
    ['another session', JSON.stringify({ format: 1, sessionName: 'other', lastComplete: snapshot(true, 1) })],
    [
      'a complete listing marked incomplete',
      JSON.stringify({ format: 1, sessionName: 'work', lastComplete: snapshot(false, 1) }),
    ],
  ])('treats a damaged file (%s) as absent, with a warning, and replaces it on the next save', async (_what, text) => {
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    expect(await store.load('work')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    await store.save(snapshot(true, 5));
    expect(JSON.parse(readFileSync(file, 'utf8')).lastComplete.listedAt).toBe(5);
  });

  it('ignores a file of another format without calling it damaged', async () => {
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ format: 99, anything: true }));
    expect(await store.load('work')).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
