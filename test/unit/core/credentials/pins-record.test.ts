import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PinnedProfiles } from '../../../../electron/core/credentials/pins.js';
import { recordFileFor } from '../../../../electron/core/aws-files/editing.js';
import { type DamageReport, onDamagedFile } from '../../../../electron/core/support/damaged-files.js';
import { DAMAGES, expectSetAside, plantDamage } from '../../../support/damaged-files.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const PINNED_SECTION =
  '[acme-dev.Admin]\n# Pinned by Lanyard: temporary keys\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\naws_session_token = token\n';

let temp: TempHome;
let reports: DamageReport[];
let stopReports: () => void;
let pins: PinnedProfiles;
beforeEach(() => {
  temp = createTempHome();
  reports = [];
  stopReports = onDamagedFile(temp.paths.dataDir, (report) => reports.push(report));
  pins = new PinnedProfiles({
    paths: temp.paths,
    credentials: { get: () => Promise.reject(new Error('no credentials in this test')) },
    sessions: async () => [],
  });
});
afterEach(() => {
  stopReports();
  temp.cleanup();
});

const pinsRecord = (): string => recordFileFor(temp.paths, 'pins', temp.paths.awsCredentialsFile);

describe.each(DAMAGES)('a pins record damaged by $name', (damage) => {
  it('is set aside with a warning; nothing is pinned and the credentials file is left alone', async () => {
    mkdirSync(path.dirname(temp.paths.awsCredentialsFile), { recursive: true });
    writeFileSync(temp.paths.awsCredentialsFile, PINNED_SECTION);
    plantDamage(pinsRecord(), damage);

    expect(await pins.list()).toEqual([]);
    const aside = expectSetAside(pinsRecord(), damage);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toContain(
      `Lanyard's record of the profiles pinned in ${temp.paths.awsCredentialsFile} (${pinsRecord()}) was damaged (`,
    );
    expect(reports[0]!.message).toMatch(damage.problem);
    expect(reports[0]!.message).toContain(`it was moved to ${aside}. No profile is pinned now`);
    // A refresh has nothing to renew, and touches no section it cannot tell is Lanyard's.
    expect(await pins.refresh({ force: true })).toEqual({ written: [], cleared: [], released: [], failed: [] });
    expect(readFileSync(temp.paths.awsCredentialsFile, 'utf8')).toBe(PINNED_SECTION);

    expect(await pins.list()).toEqual([]);
    expect(reports).toHaveLength(1);
  });
});
