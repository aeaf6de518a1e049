/**
 * The command lines that open a console page in an isolated browser identity, one per
 * isolation method. Pure: the executable, profile folder and page to open come in.
 */
import { plainLabel } from '../domain/display-text.js';
import type { Environment, EnvironmentColour, EnvironmentMark } from '../domain/environment.js';
import type { RoleRef } from '../domain/model.js';
import { sha1Hex } from '../support/digest.js';

export interface LaunchCommand {
  command: string;
  args: readonly string[];
}

/** Keep a fresh Chrome-family profile from greeting the user with first-run and default-browser prompts. */
export const CHROMIUM_QUIET_FLAGS: readonly string[] = ['--no-first-run', '--no-default-browser-check'];

/** A Chrome-family browser on its own `--user-data-dir`; a running one on that folder just opens a tab. */
export function chromiumProfileLaunch(executable: string, userDataDir: string, page: string): LaunchCommand {
  return { command: executable, args: [`--user-data-dir=${userDataDir}`, ...CHROMIUM_QUIET_FLAGS, page] };
}

/**
 * Firefox on its own profile folder. Without `-no-remote`: since Firefox 67 remoting is per
 * profile, so a second open of the same role reaches the Firefox already running on that
 * profile (a new tab) instead of failing with "Firefox is already running".
 */
export function firefoxProfileLaunch(executable: string, profileDir: string, page: string): LaunchCommand {
  return { command: executable, args: ['-profile', profileDir, page] };
}

/** Firefox handing an `ext+container:` URL to the "Open external links in a container" add-on. */
export function firefoxContainerLaunch(executable: string, containerUrl: string): LaunchCommand {
  return { command: executable, args: [containerUrl] };
}

/** Colours and icons the add-on accepts (it rejects anything else): the environment colours are exactly its colours. */
export type ContainerColor = EnvironmentColour;
export type ContainerIcon =
  | 'fingerprint'
  | 'briefcase'
  | 'dollar'
  | 'cart'
  | 'circle'
  | 'gift'
  | 'vacation'
  | 'food'
  | 'fruit'
  | 'pet'
  | 'tree'
  | 'chill';

export interface ContainerStyle {
  color: ContainerColor;
  icon: ContainerIcon;
}

/** Each environment's icon; the colour is the role's mark's, so it matches the badge in the app. */
export const CONTAINER_ICONS: Readonly<Record<Environment, ContainerIcon>> = {
  prod: 'briefcase',
  staging: 'circle',
  test: 'fruit',
  dev: 'tree',
  sandbox: 'chill',
  nonprod: 'circle',
};

/** A role with no environment: neutral, in a colour no environment takes by default. */
export const UNMARKED_CONTAINER: ContainerStyle = { color: 'purple', icon: 'fingerprint' };

export interface ContainerTarget {
  ref: Pick<RoleRef, 'accountId' | 'roleName'>;
  accountName?: string;
  /** The role's environment and colour (its RoleView's: the user's override, else its name's), if it has one. */
  mark?: EnvironmentMark;
}

/**
 * `acme-prod / ReadOnlyAccess`: the same name every time, so the add-on reuses the container.
 * A name that is not plain text (control or bidi characters, or too long to show) is shown
 * plain, with the account id and a hash of the real names: the add-on keys containers by name,
 * so two roles must never come out as one.
 */
export function containerName(target: ContainerTarget): string {
  const exact = `${target.accountName || target.ref.accountId} / ${target.ref.roleName}`;
  const plain = plainLabel(exact, 100);
  if (plain === exact) return exact;
  const digest = sha1Hex(`${target.ref.accountId}/${target.ref.roleName}`).slice(0, 8);
  return `${plainLabel(exact, 70)} (${target.ref.accountId} ${digest})`;
}

/** The container's colour and icon: the role's mark, never a reading of its name of its own. */
export function containerStyle(target: ContainerTarget): ContainerStyle {
  const { mark } = target;
  return mark ? { color: mark.colour, icon: CONTAINER_ICONS[mark.environment] } : UNMARKED_CONTAINER;
}

/**
 * `ext+container:name=...&url=...&color=...&icon=...`. Values are percent-encoded once: Firefox
 * encodes the whole URI for the add-on, which decodes it once and then reads it as a query string.
 * The URI ends up on Firefox's command line, so `url` is a one-time loopback page's, never the
 * sign-in URL itself.
 */
export function firefoxContainerUrl(target: ContainerTarget, url: string): string {
  const style = containerStyle(target);
  const fields: Array<[string, string]> = [
    ['name', containerName(target)],
    ['url', url],
    ['color', style.color],
    ['icon', style.icon],
  ];
  return `ext+container:${fields.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}
