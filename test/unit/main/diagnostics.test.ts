// Help → Diagnostics in the main process: the core's report as plain data, or a plain
// "unavailable" when the core has no diagnostics; no secret gets through either way.
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS_UNAVAILABLE, diagnosticsFrom } from '../../../electron/main/diagnostics.js';

describe('diagnosticsFrom', () => {
  it('answers one warning, no invented checks, when the core has no diagnostics', async () => {
    expect(await diagnosticsFrom({})()).toEqual(DIAGNOSTICS_UNAVAILABLE);
    expect(DIAGNOSTICS_UNAVAILABLE.checks).toEqual([expect.objectContaining({ id: 'diagnostics', status: 'warn' })]);
  });

  it("passes the core's checks on with only the contract's fields and statuses", async () => {
    const core = {
      diagnostics: async () => ({
        checks: [
          { id: 'config', status: 'ok', message: 'Fine.', fix: '', extra: { accessToken: 'x' } },
          { id: 'token:work', status: 'fail', message: 'Ended.', fix: 'Sign in again.' },
          { id: 'odd', status: 'broken', message: 42, fix: undefined },
        ],
      }),
    };
    expect(await diagnosticsFrom(core)()).toEqual({
      checks: [
        { id: 'config', status: 'ok', message: 'Fine.', fix: '' },
        { id: 'token:work', status: 'fail', message: 'Ended.', fix: 'Sign in again.' },
        { id: 'odd', status: 'warn', message: '', fix: '' },
      ],
    });
  });

  it('redacts anything that looks like a secret, should one slip into a message', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const core = {
      diagnostics: async () => ({
        checks: [{ id: 'env', status: 'warn', message: `AWS_SECRET_ACCESS_KEY=${secret} is set`, fix: '' }],
      }),
    };
    expect(JSON.stringify(await diagnosticsFrom(core)())).not.toContain(secret);
  });
});
