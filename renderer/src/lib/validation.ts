/**
 * Checks on what people type, reusing the core's own settings validation so the renderer
 * and the core never disagree about what a region or a profile template is.
 */
import { SSO_SESSION_NAME_HINT, isSsoSessionName } from '../../../electron/core/domain/model.js';
import { normalizeSettings, type Settings } from '../../../electron/core/domain/settings.js';
import { deepEqual } from './structural-sharing.js';

/** Whether the core would keep `value` for a settings field (rather than fall back to the default). */
export function isValidSetting<K extends keyof Settings>(field: K, value: Settings[K]): boolean {
  return deepEqual(normalizeSettings({ [field]: value })[field], value);
}

export const isRegion = (value: string): boolean => value !== '' && isValidSetting('defaultRegion', value);

export interface NewSessionErrors {
  name?: string;
  startUrl?: string;
  region?: string;
}

export function validateNewSession(
  input: { name: string; startUrl: string; region: string },
  existing: readonly string[],
): NewSessionErrors {
  const errors: NewSessionErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = 'Give the session a name, e.g. "work".';
  else if (!isSsoSessionName(name)) errors.name = SSO_SESSION_NAME_HINT;
  else if (existing.includes(name)) errors.name = `A session named "${name}" already exists.`;

  const startUrl = input.startUrl.trim();
  if (!startUrl) errors.startUrl = 'Paste your AWS access portal URL.';
  else if (!isHttpsUrl(startUrl)) errors.startUrl = 'The start URL must be an https:// address.';

  const region = input.region.trim();
  if (!region) errors.region = 'Enter the region of your Identity Center.';
  else if (!isRegion(region)) errors.region = 'That is not a region name, e.g. eu-west-1.';
  return errors;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}
