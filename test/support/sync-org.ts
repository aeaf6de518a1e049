import { readFileSync } from 'node:fs';
import { parseAwsIni } from '../../electron/core/aws-files/aws-ini.js';
import type { AccountSpec } from '../fake-idc/index.js';
import type { SsoFixture } from './sso-fixture.js';

/** A small organisation for config sync tests: two accounts, three roles. */
export const DEV = '111111111111';
export const PROD = '222222222222';
export const SMALL_ORG: AccountSpec[] = [
  { accountId: DEV, accountName: 'acme-dev', roles: ['Admin', 'ReadOnly'] },
  { accountId: PROD, accountName: 'acme-prod', roles: ['ReadOnly'] },
];

export const configText = (fixture: SsoFixture): string => readFileSync(fixture.temp.paths.awsConfigFile, 'utf8');

/** The profile names in a config text, in file order. */
export const profileNames = (text: string): string[] =>
  parseAwsIni(text)
    .sections.map((section) => section.header)
    .filter((header) => header.startsWith('profile '))
    .map((header) => header.slice('profile '.length));
