import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAwsIni, renderSection } from '../../../../electron/core/aws-files/aws-ini.js';
import {
  pinnedSection,
  pinnedSectionFingerprint,
  pinnedSectionState,
  writeCredentialsFile,
} from '../../../../electron/core/aws-files/credentials-file.js';
import { BACKUP_SUFFIX } from '../../../../electron/core/support/atomic-file.js';
import type { RoleCredentials } from '../../../../electron/core/domain/model.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const USER = '# mine\r\n[default]\r\naws_access_key_id = AKIAUSER\r\naws_secret_access_key = user/secret\r\n';

function keys(tag: string): RoleCredentials {
  return {
    accessKeyId: `ASIA${tag}`,
    secretAccessKey: `secret-${tag}`,
    sessionToken: `token-${tag}`,
    expiration: Date.UTC(2030, 0, 1),
  };
}

describe('writeCredentialsFile', () => {
  let temp: TempHome;
  let file: string;
  beforeEach(() => {
    temp = createTempHome();
    file = temp.paths.awsCredentialsFile;
    mkdirSync(path.dirname(file), { recursive: true });
  });
  afterEach(() => temp.cleanup());

  const read = (name: string): string => readFileSync(name, 'utf8');
  const modeOf = (name: string): number => statSync(name).mode & 0o777;

  it('keeps only the user’s part in the backup, 0600, so removed and replaced keys are gone from it', async () => {
    const a = pinnedSection('pin-a', keys('A'));
    const b = pinnedSection('pin-b', keys('B'));
    const text = `${USER}\r\n${renderSection(a).join('\r\n')}\r\n\r\n${renderSection(b).join('\r\n')}\r\n`;
    writeFileSync(file, text);
    chmodSync(file, 0o644);
    writeFileSync(file + BACKUP_SUFFIX, 'an old backup with token-OLD\n', { mode: 0o644 });
    chmodSync(file + BACKUP_SUFFIX, 0o644);
    const recorded = [
      ['pin-a', pinnedSectionFingerprint(a)],
      ['pin-b', pinnedSectionFingerprint(b)],
    ] as const;
    const doc = parseAwsIni(text);
    const stateA = pinnedSectionState(doc, 'pin-a', recorded[0][1]);
    if (stateA.kind !== 'lanyard') throw new Error(`pin-a is ${stateA.kind}`);

    // Unpin A: B stays in the file, but neither is in the backup.
    const wrote = await writeCredentialsFile(
      temp.paths,
      doc,
      { replace: [], append: [], remove: [stateA.section] },
      recorded,
    );
    expect(wrote).toBe(true);
    expect(read(file)).not.toContain('token-A');
    expect(read(file)).toContain('token-B');
    expect(modeOf(file)).toBe(0o600);
    expect(read(file + BACKUP_SUFFIX)).toBe(USER);
    expect(modeOf(file + BACKUP_SUFFIX)).toBe(0o600);
  });

  it('keeps a section the user edited (theirs now) in the backup, and writes no backup of a new file', async () => {
    const a = pinnedSection('pin-a', keys('A'));
    const edited = `${USER}\r\n${renderSection(a).join('\r\n').replace('secret-A', 'my-own-secret')}\r\n`;
    await writeCredentialsFile(
      temp.paths,
      parseAwsIni(''),
      { replace: [], append: [pinnedSection('pin-c', keys('C'))], remove: [] },
      [],
    );
    expect(() => read(file + BACKUP_SUFFIX)).toThrow(/ENOENT/);

    writeFileSync(file, edited);
    await writeCredentialsFile(
      temp.paths,
      parseAwsIni(edited),
      { replace: [], append: [pinnedSection('pin-c', keys('C'))], remove: [] },
      [['pin-a', pinnedSectionFingerprint(a)]],
    );
    expect(read(file + BACKUP_SUFFIX)).toBe(edited);
  });

  it('writes nothing when nothing changes', async () => {
    writeFileSync(file, USER);
    expect(await writeCredentialsFile(temp.paths, parseAwsIni(USER), { replace: [], append: [], remove: [] }, [])).toBe(
      false,
    );
    expect(() => read(file + BACKUP_SUFFIX)).toThrow(/ENOENT/);
  });
});
