import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventorySnapshot } from '../../../../electron/core/accounts/inventory.js';
import { InventoryStore, inventoryFile } from '../../../../electron/core/accounts/inventory-store.js';
import { type DamageReport, onDamagedFile } from '../../../../electron/core/support/damaged-files.js';
import { DAMAGES, expectSetAside, plantDamage, setAsideCopies } from '../../../support/damaged-files.js';
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
  ])('sets a damaged file (%s) aside, with a warning, and writes a new one on the next save', async (what, text) => {
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    expect(await store.load('work')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`The stored account list ${file} of work was damaged`);
    expectSetAside(file, { name: what, bytes: Buffer.from(text), problem: /./ });
    await store.save(snapshot(true, 5));
    expect(JSON.parse(readFileSync(file, 'utf8')).lastComplete.listedAt).toBe(5);
  });

  describe.each(DAMAGES)('with a file damaged by $name', (damage) => {
    it('does not throw, sets it aside once, and lists afresh', async () => {
      const file = inventoryFile(temp.paths, 'work');
      plantDamage(file, damage);
      expect(await store.load('work')).toBeUndefined();
      const aside = expectSetAside(file, damage);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(damage.problem);
      expect(warnings[0]).toContain(`it was moved to ${aside}; it is rebuilt on the next listing.`);

      // The next start: nothing there, nothing to warn about; a listing writes a good file.
      expect(
        await new InventoryStore({ paths: temp.paths, onWarning: (_s, m) => warnings.push(m) }).load('work'),
      ).toBeUndefined();
      expect(warnings).toHaveLength(1);
      await store.save(snapshot(true, 7));
      expect((await store.load('work'))?.latest.listedAt).toBe(7);
      expect(warnings).toHaveLength(1);
    });
  });

  it('keeps only the newest few damaged copies', async () => {
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    for (let round = 0; round < 5; round++) {
      writeFileSync(file, `{ broken ${round}`);
      await store.load('work');
    }
    expect(setAsideCopies(file).map((copy) => readFileSync(copy, 'utf8'))).toEqual([
      '{ broken 2',
      '{ broken 3',
      '{ broken 4',
    ]);
  });

  it('a reader that only looks counts a damaged file as none and leaves it in place, unreported', async () => {
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'nope');
    const lookOnly = new InventoryStore({ paths: temp.paths, onWarning: (_s, m) => warnings.push(m), setAside: false });
    expect(await lookOnly.load('work')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('nope');
    expect(warnings).toEqual([]);
  });

  it('without a warning hook, reports through the damaged-files channel', async () => {
    const reports: DamageReport[] = [];
    const stop = onDamagedFile(temp.paths.dataDir, (report) => reports.push(report));
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'nope');
    expect(await new InventoryStore({ paths: temp.paths }).load('work')).toBeUndefined();
    stop();
    expect(reports.map((report) => report.title)).toEqual(['Damaged account list of work set aside']);
  });

  it('ignores a file of another format without calling it damaged', async () => {
    const file = inventoryFile(temp.paths, 'work');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ format: 99, anything: true }));
    expect(await store.load('work')).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
