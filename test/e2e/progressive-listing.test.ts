// Issue 11 §2: a first listing of a large organisation shows rows while it runs. The renderer on
// the real core against the fake Identity Center (a few hundred accounts, slow answers): rows
// are listed while the session card still says it is listing, and the final count is right.
// The role list reaches the page as incremental updates (the bridge sends what the main process
// would), so one full load and no refetch is the incremental path working.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, startRealCore, type Harness, type RealCore } from './harness/index.js';

const ACCOUNTS = 300;
const ROLES_PER_ACCOUNT = 2;

let harness: Harness;
let core: RealCore | undefined;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});
afterEach(async () => {
  await core?.stop();
  core = undefined;
});

interface Sample {
  /** The role count the list shows ("120 roles"). */
  roles: number;
  /** Rows rendered in the list. */
  rows: number;
  listing: boolean;
}

describe('a first listing', () => {
  it('shows rows before the listing has finished, and every role once it has', async () => {
    core = await startRealCore({
      accounts: ACCOUNTS,
      rolesPerAccount: ROLES_PER_ACCOUNT,
      latencyMs: 80,
      signedIn: true,
    });
    const app = await harness.open({ commands: core.lanyard });
    // One look at the page at a time: the count, the rows and the card's progress read together.
    const sample = (): Promise<Sample> =>
      app.page.locator('body').evaluate((body) => {
        const count = body.querySelector('.roles__count')?.textContent ?? '';
        return {
          roles: Number(/([\d,]+) roles/.exec(count)?.[1]?.replace(/,/g, '') ?? 0),
          rows: body.querySelectorAll('[data-role-key]').length,
          listing: (body.textContent ?? '').includes('Listing accounts'),
        };
      });
    const samples: Sample[] = [];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const seen = await sample();
      samples.push(seen);
      if ((seen.roles === ACCOUNTS * ROLES_PER_ACCOUNT && !seen.listing) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const early = samples.filter((seen) => seen.listing && seen.rows > 0 && seen.roles > 0);
    expect(early.length, JSON.stringify(samples.slice(0, 40))).toBeGreaterThan(0);
    expect(early[0]!.roles).toBeLessThan(ACCOUNTS * ROLES_PER_ACCOUNT);
    // The rows grow in steps while listing, never shrink.
    const counts = samples.map((seen) => seen.roles);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(early.map((seen) => seen.roles)).size).toBeGreaterThan(1);

    expect(samples.at(-1)).toMatchObject({ roles: ACCOUNTS * ROLES_PER_ACCOUNT, listing: false });
    const card = app.page
      .getByRole('listitem')
      .filter({ has: app.page.getByRole('heading', { name: 'work', exact: true }) });
    await expect
      .poll(() => card.textContent())
      .toContain(`${ACCOUNTS} accounts · ${ACCOUNTS * ROLES_PER_ACCOUNT} roles`);
    // The page followed the updates: the list loaded once and was never fetched again for a gap.
    expect(app.callsTo('getInventory')).toHaveLength(1);
    expect(app.pageErrors).toEqual([]);
    await app.close();
  });
});
