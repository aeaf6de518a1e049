/**
 * Environments: what an account's name says about it (prod, staging, ...), or what the user
 * said it is, with the colour that marks it. One answer, used everywhere an account is shown:
 * the list, the palette, the tray, console windows' title and frame, Firefox containers.
 * Pure (the renderer imports it).
 */

export const ENVIRONMENTS = ['prod', 'staging', 'test', 'dev', 'sandbox', 'nonprod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** The colours Firefox containers take; every environment colour is one of them. */
export const ENVIRONMENT_COLOURS = ['blue', 'turquoise', 'green', 'yellow', 'orange', 'red', 'pink', 'purple'] as const;
export type EnvironmentColour = (typeof ENVIRONMENT_COLOURS)[number];

export const DEFAULT_ENVIRONMENT_COLOURS: Readonly<Record<Environment, EnvironmentColour>> = {
  prod: 'red',
  staging: 'orange',
  test: 'yellow',
  dev: 'blue',
  sandbox: 'green',
  nonprod: 'turquoise',
};

/** What an account is, and the colour that marks it. */
export interface EnvironmentMark {
  environment: Environment;
  colour: EnvironmentColour;
}

const ENVIRONMENT_PATTERNS: Array<[Environment, RegExp]> = [
  ['prod', /(^|[^a-z])(prod|production|prd|live)([^a-z]|$)/i],
  ['staging', /(^|[^a-z])(staging|stage|stg|preprod|uat)([^a-z]|$)/i],
  ['test', /(^|[^a-z])(test|qa|testing)([^a-z]|$)/i],
  ['dev', /(^|[^a-z])(dev|development|develop)([^a-z]|$)/i],
  ['sandbox', /(^|[^a-z])(sandbox|sbx|playground|lab)([^a-z]|$)/i],
];

/** The environment an account name (or alias) suggests, for at-a-glance hints. */
export function environmentOf(name: string): Environment | undefined {
  for (const [environment, pattern] of ENVIRONMENT_PATTERNS) {
    if (pattern.test(name)) return environment;
  }
  return undefined;
}

/** An account's environment and colour: from its alias or name. */
export function environmentMark(account: { accountName: string; alias?: string }): EnvironmentMark | undefined {
  const environment = (account.alias ? environmentOf(account.alias) : undefined) ?? environmentOf(account.accountName);
  return environment ? { environment, colour: DEFAULT_ENVIRONMENT_COLOURS[environment] } : undefined;
}
