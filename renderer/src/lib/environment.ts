/** Environments and their colours in words, for badges, their titles and the badge settings. */
import {
  DEFAULT_ENVIRONMENT_COLOURS,
  type Environment,
  type EnvironmentColour,
} from '../../../electron/core/domain/environment.js';

export type { Environment, EnvironmentColour };
export { DEFAULT_ENVIRONMENT_COLOURS };

/** What a badge says (shown upper-case). */
export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  prod: 'Prod',
  staging: 'Staging',
  dev: 'Dev',
  test: 'Test',
  sandbox: 'Sandbox',
  nonprod: 'Non-prod',
};

/** The environment in a sentence: "a production account". */
export const ENVIRONMENT_NAMES: Record<Environment, string> = {
  prod: 'production',
  staging: 'staging',
  dev: 'development',
  test: 'test',
  sandbox: 'sandbox',
  nonprod: 'non-production',
};

/** The colours by name, as the colour menu lists them. */
export const COLOUR_NAMES: Record<EnvironmentColour, string> = {
  blue: 'Blue',
  turquoise: 'Turquoise',
  green: 'Green',
  yellow: 'Yellow',
  orange: 'Orange',
  red: 'Red',
  pink: 'Pink',
  purple: 'Purple',
};
