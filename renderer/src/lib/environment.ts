import type { RoleView } from '../../../electron/core/domain/views.js';

export type Environment = NonNullable<RoleView['environment']>;

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  prod: 'Prod',
  staging: 'Staging',
  dev: 'Dev',
  test: 'Test',
  sandbox: 'Sandbox',
  nonprod: 'Non-prod',
};

export const ENVIRONMENT_NAMES: Record<Environment, string> = {
  prod: 'production',
  staging: 'staging',
  dev: 'development',
  test: 'test',
  sandbox: 'sandbox',
  nonprod: 'non-production',
};
