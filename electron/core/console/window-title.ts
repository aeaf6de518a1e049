/**
 * The title of an in-app console window: whose console it is and how long its credentials last.
 * The names come from the service, so they are made plain (no bidi overrides or control
 * characters, long names cut) before they reach the window manager.
 */
import { plainName } from '../domain/display-text.js';
import { type Environment, ENVIRONMENT_TITLES } from '../domain/environment.js';
import type { RoleRef } from '../domain/model.js';

/** How often the remaining time in the title is brought up to date. */
export const TITLE_REFRESH_MS = 60_000;
const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const TITLE_SEPARATOR = ' — ';
const ENVIRONMENT_SEPARATOR = ' · ';

export interface ConsoleTitleInput {
  ref: Pick<RoleRef, 'accountId' | 'roleName'>;
  /** The account's name (or the user's alias for it), when known. */
  accountName?: string;
  /** When the role credentials behind the console session run out, epoch ms. */
  expiresAt: number;
  /** The role's environment (its mark), shown first so a production window says so before anything else. */
  environment?: Environment;
}

/** `PROD · acme-prod (123456789012) — ReadOnlyAccess — 52 min left` (no environment: no prefix). */
export function consoleWindowTitle(input: ConsoleTitleInput, now: number): string {
  const accountId = plainName(input.ref.accountId);
  const accountName = plainName(input.accountName ?? '');
  const account = accountName ? `${accountName} (${accountId})` : accountId;
  const title = [account, plainName(input.ref.roleName), remainingText(input.expiresAt - now)].join(TITLE_SEPARATOR);
  return input.environment ? `${ENVIRONMENT_TITLES[input.environment]}${ENVIRONMENT_SEPARATOR}${title}` : title;
}

function remainingText(ms: number): string {
  if (ms <= 0) return 'credentials expired';
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 1) return 'less than a minute left';
  if (minutes < MINUTES_PER_HOUR) return `${minutes} min left`;
  const hours = Math.floor(minutes / MINUTES_PER_HOUR);
  const rest = minutes % MINUTES_PER_HOUR;
  return rest === 0 ? `${hours} h left` : `${hours} h ${rest} min left`;
}
