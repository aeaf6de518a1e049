import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { interpretAwsConfig } from '../../../../electron/core/aws-files/aws-config.js';
import { quickProfileLookup } from '../../../../electron/core/aws-files/quick-profile.js';
import { sha1Hex, sha256Base64 } from '../../../../electron/core/support/digest.js';
import { hostileFixtures, seededRandom } from './fixtures/hostile-configs/index.js';

/** Holds the quick reading to the full parser: it agrees, or it gives up. */
function agreesWithFullParser(text: string, name: string): 'agrees' | 'gave up' {
  const quick = quickProfileLookup(text, name);
  if (quick === undefined) return 'gave up';
  const full = interpretAwsConfig(text, '/config');
  expect(quick.profile).toEqual(full.profiles.get(name));
  for (const [session, config] of full.ssoSessions) {
    expect(quick.sessions.get(session)?.sso_start_url).toBe(config.startUrl);
    expect(quick.sessions.get(session)?.sso_region).toBe(config.region);
  }
  return 'agrees';
}

const PLAIN = [
  '# written by hand',
  '[sso-session work]',
  'sso_start_url = https://acme.awsapps.com/start',
  'sso_region=eu-west-1',
  '',
  '[profile team-dev.ReadOnly]',
  'sso_session = work',
  'sso_account_id = 111111111111',
  'sso_role_name = ReadOnly',
  'region = eu-west-1',
  '; a comment',
  '[profile other]',
  'region = us-east-1',
  'region = us-west-2',
  '',
].join('\n');

describe('quickProfileLookup', () => {
  it('reads a plain profile and the sessions exactly as the full parser does', () => {
    expect(agreesWithFullParser(PLAIN, 'team-dev.ReadOnly')).toBe('agrees');
    expect(agreesWithFullParser(PLAIN, 'other')).toBe('agrees');
    expect(quickProfileLookup(PLAIN, 'other')?.profile).toEqual({ region: 'us-west-2' });
    expect(agreesWithFullParser(PLAIN.replaceAll('\n', '\r\n'), 'team-dev.ReadOnly')).toBe('agrees');
    expect(quickProfileLookup(PLAIN, 'missing')).toEqual({ sessions: expect.any(Map) });
  });

  it('gives up on what only the full parser reads right', () => {
    const giveUp = (text: string, name = 'p') => expect(quickProfileLookup(text, name)).toBeUndefined();
    giveUp('[profile p]\nregion = a\n  continued\n');
    giveUp('[profile p]\nregion = a ; comment\n');
    giveUp('[profile p]\nregion: a\n');
    giveUp('[profile p]\nregion = a\n[profile p]\nregion = b\n');
    giveUp('[profile "p q"]\nregion = a\n', 'p q');
    giveUp('\ufeff[profile p]\nregion = a\n');
    giveUp('[profile p]\rregion = a\r');
    giveUp('region = a\n[profile p]\n');
    giveUp('[default]\nregion = a\n', 'default');
  });

  it('agrees with the full parser or gives up on every hostile fixture and on random edits of them', () => {
    const random = seededRandom(9);
    let agreed = 0;
    for (const fixture of hostileFixtures().filter((candidate) => candidate.kind === 'config')) {
      const names = [...interpretAwsConfig(fixture.text, fixture.file).profiles.keys(), 'no-such-profile'];
      for (const name of names) if (agreesWithFullParser(fixture.text, name) === 'agrees') agreed += 1;
      // Bounded: 20 random cuts and splices per fixture.
      for (let round = 0; round < 20; round += 1) {
        const at = Math.floor(random() * fixture.text.length);
        const edited = fixture.text.slice(0, at) + ['\n', ' ', '[', '=', ':', '#'][round % 6] + fixture.text.slice(at);
        for (const name of names) agreesWithFullParser(edited, name);
      }
    }
    // The quick path must be useful too, not only safe.
    expect(agreed).toBeGreaterThan(5);
  });
});

describe('digest', () => {
  it('gives the same hashes as node:crypto', () => {
    for (const text of ['', 'work', '{"accountId": "1", "roleName": "R", "sessionName": "ünïcode ☃"}']) {
      expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
      expect(sha256Base64(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
    }
  });
});
