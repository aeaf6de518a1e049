import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENVIRONMENT_COLOURS,
  ENVIRONMENT_CAUTION,
  ENVIRONMENTS,
  type EnvironmentOverride,
  environmentMark,
  environmentOf,
  markOf,
  matchingOverride,
  MAX_ENVIRONMENT_OVERRIDES,
  MAX_OVERRIDE_MATCH_LENGTH,
  nameWords,
  normalizeEnvironmentOverrides,
  overrideMatchProblem,
} from '../../../../electron/core/domain/environment.js';
import { environmentOf as environmentOfFromModel } from '../../../../electron/core/domain/model.js';

describe('environmentOf: what a name says, by whole words', () => {
  it.each([
    // Production, and words that only contain its letters.
    ['acme-prod-payments', 'prod'],
    ['Payments Production', 'prod'],
    ['prod-eu-02', 'prod'],
    ['prod01', 'prod'],
    ['AcmeProd', 'prod'],
    ['ACMEProd', 'prod'],
    ['acme_PRD', 'prod'],
    ['mgmt-live', 'prod'],
    ['payments.prod', 'prod'],
    ['team/prod', 'prod'],
    ['ＰＲＯＤ-acme', 'prod'], // full-width letters fold to prod
    ['product-catalog', undefined],
    ['production-line-tools', 'prod'], // "production" is a word of its own
    ['reproduce-bugs', undefined],
    ['liveness-probe', undefined],
    ['delivery-dev', 'dev'],
    ['prodigy', undefined],
    // Non-production: never prod.
    ['acme-data-non-prod', 'nonprod'],
    ['acme-data-nonprod', 'nonprod'],
    ['nonprod', 'nonprod'],
    ['NonProd', 'nonprod'],
    ['NONPROD', 'nonprod'],
    ['mobile_non_prod', 'nonprod'],
    ['nonproduction-shared', 'nonprod'],
    ['non production', 'nonprod'],
    ['non-live-tools', 'nonprod'],
    ['acme-np', undefined], // "np" is too ambiguous to call safe
    // Staging and pre-production.
    ['acme-staging', 'staging'],
    ['acme-stage-1', 'staging'],
    ['stg-eu', 'staging'],
    ['acme-uat', 'staging'],
    ['preprod-eu', 'staging'],
    ['pre-prod', 'staging'],
    ['PreProd', 'staging'],
    ['pre-production', 'staging'],
    ['pre_live', 'staging'],
    ['pre-staging', 'staging'],
    // Test.
    ['qa-tools', 'test'],
    ['acme-test', 'test'],
    ['integration-testing', 'test'],
    ['tst01', 'test'],
    ['latest-builds', undefined],
    ['contest-entries', undefined],
    ['attestation', undefined],
    // Development.
    ['team-dev', 'dev'],
    ['dev1', 'dev'],
    ['AcmeDev', 'dev'],
    ['development', 'dev'],
    ['develop-branch', 'dev'],
    ['devops-shared', undefined],
    ['AcmeDevOps', undefined],
    ['DevSecOps-tools', undefined],
    ['device-farm', undefined],
    ['non-dev', undefined], // says what it is not
    // Sandboxes.
    ['sandbox-alice', 'sandbox'],
    ['sbx-bob', 'sandbox'],
    ['ml-playground', 'sandbox'],
    ['security-lab', 'sandbox'],
    ['acme-labs', 'sandbox'],
    ['label-printing', undefined],
    // Several environments: the most cautious wins.
    ['prod-to-dev-migration', 'prod'],
    ['dev-copy-of-prod', 'prod'],
    ['live-test', 'prod'],
    ['staging-or-dev', 'staging'],
    ['nonprod-dev', 'nonprod'],
    ['dev-sandbox', 'dev'],
    ['acme-non-prod-staging', 'staging'],
    // Odd and hostile names.
    ['', undefined],
    ['   ', undefined],
    ['---', undefined],
    ['acme-management', undefined],
    ['log-archive', undefined],
    ['😀-prod-😀', 'prod'],
    ['продакшн', undefined],
    ['рrod', undefined], // a Cyrillic р: not the word prod
    ['über-dev', 'dev'],
    ['prod\u202e', 'prod'],
    ['a\nprod', 'prod'],
    ['acme-payments-settlement-reconciliation-prod-eu-02', 'prod'],
    ['acme-customer-identity-federation-gateway-dev-eu', 'dev'],
    [`${'x'.repeat(60)}-staging`, 'staging'],
  ])('%j -> %s', (name, expected) => {
    expect(environmentOf(name)).toBe(expected);
  });

  it('reads a very long name without trouble, up to its first kilobyte', () => {
    expect(environmentOf(`${'a-'.repeat(200)}prod`)).toBe('prod');
    const started = performance.now();
    expect(environmentOf('x'.repeat(1_000_000))).toBeUndefined();
    expect(environmentOf(`${'a'.repeat(2_000)}-prod`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('is what model.ts re-exports', () => {
    expect(environmentOfFromModel).toBe(environmentOf);
  });

  it('ranks every environment by caution, prod first', () => {
    expect([...ENVIRONMENT_CAUTION].sort()).toEqual([...ENVIRONMENTS].sort());
    expect(ENVIRONMENT_CAUTION[0]).toBe('prod');
  });
});

describe('nameWords', () => {
  it.each([
    ['acme-data-non-prod', ['acme', 'data', 'non', 'prod']],
    ['AcmeProd01', ['acme', 'prod', '01']],
    ['ACMEProdEU', ['acme', 'prod', 'eu']],
    ['team_dev.eu west/1', ['team', 'dev', 'eu', 'west', '1']],
    ['AcmeDevOps', ['acme', 'devops']],
    ['', []],
  ])('%j -> %j', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});

const PAYMENTS = { accountId: '111111111111', accountName: 'payments-prod' };
const DATA = { accountId: '222222222222', accountName: 'acme-data-non-prod' };

describe('environmentMark', () => {
  it('takes the name’s environment and its colour when no override matches', () => {
    expect(environmentMark(PAYMENTS, [])).toEqual({ environment: 'prod', colour: 'red' });
    expect(environmentMark(DATA, [])).toEqual({ environment: 'nonprod', colour: DEFAULT_ENVIRONMENT_COLOURS.nonprod });
    expect(environmentMark({ accountId: '333333333333', accountName: 'shared-services' }, [])).toBeUndefined();
  });

  it('reads the alias too, and an alias never talks a production name out of PROD', () => {
    expect(environmentMark({ ...PAYMENTS, accountName: 'acme-1234', alias: 'payments dev' }, [])).toMatchObject({
      environment: 'dev',
    });
    expect(environmentMark({ ...PAYMENTS, alias: 'payments sandbox' }, [])).toMatchObject({ environment: 'prod' });
  });

  it('follows the first matching override: ids before patterns, patterns in order', () => {
    const overrides: EnvironmentOverride[] = [
      { match: 'payments-*', environment: 'staging' },
      { match: '*-prod', environment: 'test', colour: 'pink' },
      { match: '111111111111', environment: 'sandbox', colour: 'purple' },
    ];
    expect(environmentMark(PAYMENTS, overrides)).toEqual({ environment: 'sandbox', colour: 'purple' });
    expect(environmentMark({ ...PAYMENTS, accountId: '999999999999' }, overrides)).toEqual({
      environment: 'staging',
      colour: DEFAULT_ENVIRONMENT_COLOURS.staging,
    });
    expect(environmentMark({ accountId: '999999999999', accountName: 'search-prod' }, overrides)).toEqual({
      environment: 'test',
      colour: 'pink',
    });
  });

  it('takes no badge for none, whatever the name says', () => {
    expect(environmentMark(PAYMENTS, [{ match: 'PAYMENTS-PROD', environment: 'none' }])).toBeUndefined();
  });

  it('matches patterns on the name or the alias, whole and case-insensitively', () => {
    const overrides: EnvironmentOverride[] = [{ match: 'Team-*-Live', environment: 'prod', colour: 'orange' }];
    expect(matchingOverride({ accountId: '1', accountName: 'team-eu-live' }, overrides)).toBe(overrides[0]);
    expect(matchingOverride({ accountId: '1', accountName: 'x', alias: 'TEAM-us-LIVE' }, overrides)).toBe(overrides[0]);
    expect(matchingOverride({ accountId: '1', accountName: 'team-eu-live-2' }, overrides)).toBeUndefined();
    expect(matchingOverride({ accountId: '1', accountName: 'my-team-eu-live' }, overrides)).toBeUndefined();
    expect(matchingOverride({ accountId: '1', accountName: 'anything' }, [{ match: '*', environment: 'dev' }])).toEqual(
      { match: '*', environment: 'dev' },
    );
    expect(
      matchingOverride({ accountId: '1', accountName: 'a.b+c(d)' }, [{ match: 'a.b+c(d)', environment: 'dev' }]),
    ).toBeDefined();
    expect(matchingOverride({ accountId: '1', accountName: 'axb' }, [{ match: 'a.b', environment: 'dev' }])).toBe(
      undefined,
    );
  });

  it('matches a hostile pattern in linear time', () => {
    const pattern = `${'*a'.repeat(40)}*b`;
    const started = performance.now();
    const overrides: EnvironmentOverride[] = [{ match: pattern, environment: 'dev' }];
    expect(matchingOverride({ accountId: '1', accountName: 'a'.repeat(80) }, overrides)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reads a role view’s mark back', () => {
    expect(markOf({ environment: 'test', environmentColour: 'pink' })).toEqual({ environment: 'test', colour: 'pink' });
    expect(markOf({ environment: 'test' })).toEqual({ environment: 'test', colour: 'yellow' });
    expect(markOf({})).toBeUndefined();
  });
});

describe('normalizeEnvironmentOverrides', () => {
  it('keeps valid rules, trimmed, and drops invalid ones one by one', () => {
    expect(
      normalizeEnvironmentOverrides([
        { match: ' acme-data-* ', environment: 'nonprod' },
        { match: '123456789012', environment: 'prod', colour: 'purple' },
        { match: 'x', environment: 'dev', colour: 'mauve' }, // unknown colour: the environment's own
        { match: 'y', environment: 'none', colour: 'red' }, // no badge has no colour
        { match: '', environment: 'dev' },
        { match: '12345', environment: 'dev' }, // digits only, but not an account id
        { match: 'a\u0000b', environment: 'dev' },
        { match: 'x'.repeat(MAX_OVERRIDE_MATCH_LENGTH + 1), environment: 'dev' },
        { match: 'z', environment: 'production' },
        { match: 7, environment: 'dev' },
        'acme-*',
        null,
        [],
      ]),
    ).toEqual([
      { match: 'acme-data-*', environment: 'nonprod' },
      { match: '123456789012', environment: 'prod', colour: 'purple' },
      { match: 'x', environment: 'dev' },
      { match: 'y', environment: 'none' },
    ]);
  });

  it('is empty for anything but a list, and stops at the cap', () => {
    for (const value of [undefined, null, 'x', 3, { match: 'a', environment: 'dev' }]) {
      expect(normalizeEnvironmentOverrides(value)).toEqual([]);
    }
    const many = Array.from({ length: 500 }, (_, i) => ({ match: `acme-${i}`, environment: 'dev' }));
    expect(normalizeEnvironmentOverrides(many)).toHaveLength(MAX_ENVIRONMENT_OVERRIDES);
  });

  it('explains a bad match in words', () => {
    expect(overrideMatchProblem('acme-*')).toBeUndefined();
    expect(overrideMatchProblem('123456789012')).toBeUndefined();
    expect(overrideMatchProblem('  ')).toMatch(/account id or a name pattern/);
    expect(overrideMatchProblem('1234')).toMatch(/12 digits/);
    expect(overrideMatchProblem('a\tb')).toMatch(/printable/);
  });
});
