/**
 * Environments: what an account's name says about it (prod, staging, ...), or what the user
 * said it is, with the colour that marks it. One answer, used everywhere an account is shown:
 * the list, the palette, the tray, console windows' title and frame, Firefox containers.
 * Pure (the renderer imports it).
 *
 * A name is read as whole words, never as letters inside other words: `product-catalog` is
 * not prod, `liveness-probe` not live, `latest` and `contest` not test, `devops` not dev.
 * Words are what separators (`-`, `_`, `.`, spaces, `/`, any punctuation), camelCase
 * (`AcmeProd`) and letter/digit boundaries (`prod01`) delimit. `non` and `pre` before a
 * production word make one word with it, so `non-prod`, `NonProd` and `non production` are
 * non-prod and `pre-prod` is staging: never prod.
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

/**
 * The colours as Firefox paints its containers (its usercontext colours), so an in-app console
 * window's frame and a container's tab line show the same colour for the same account.
 */
export const ENVIRONMENT_COLOUR_HEX: Readonly<Record<EnvironmentColour, string>> = {
  blue: '#37adff',
  turquoise: '#00c79a',
  green: '#51cd00',
  yellow: '#ffcb00',
  orange: '#ff9f00',
  red: '#ff613d',
  pink: '#ff4bda',
  purple: '#af51f5',
};

/** Short upper-case names for native text (window titles, tray labels): `PROD · acme-prod`. */
export const ENVIRONMENT_TITLES: Readonly<Record<Environment, string>> = {
  prod: 'PROD',
  staging: 'STAGING',
  test: 'TEST',
  dev: 'DEV',
  sandbox: 'SANDBOX',
  nonprod: 'NON-PROD',
};

/** What an account is, and the colour that marks it. */
export interface EnvironmentMark {
  environment: Environment;
  colour: EnvironmentColour;
}

/**
 * When a name holds words of several environments (`prod-to-dev-migration`), the most cautious
 * one wins: earlier in this list beats later. A badge that says PROD on an account that is
 * partly something else costs a second look; a missing PROD badge, or a reassuring DEV one, on
 * an account that touches production costs an outage. So prod beats everything; staging (the
 * closest to prod) beats the generic non-prod, which may hold shared pre-production systems;
 * then test, dev and, last, the sandbox, where anything goes.
 */
export const ENVIRONMENT_CAUTION: readonly Environment[] = ['prod', 'staging', 'nonprod', 'test', 'dev', 'sandbox'];

const PRODUCTION_WORDS = ['prod', 'production', 'prd', 'live'];

/**
 * Whole words and what they say. `np` is deliberately absent: it is used for "non-prod", but
 * also for "new platform", "network planning", "national parks"... and a NON-PROD badge on a
 * production account is the worst lie a badge can tell. People whose accounts use it add an
 * override (`*-np` -> Non-prod) in the settings.
 */
const WORDS: ReadonlyMap<string, Environment> = new Map([
  ...PRODUCTION_WORDS.map((word) => [word, 'prod'] as const),
  ...PRODUCTION_WORDS.map((word) => [`non${word}`, 'nonprod'] as const),
  ...PRODUCTION_WORDS.map((word) => [`pre${word}`, 'staging'] as const),
  ...(['staging', 'stage', 'stg', 'uat'] as const).map((word) => [word, 'staging'] as const),
  ...(['qa', 'test', 'tests', 'testing', 'tst'] as const).map((word) => [word, 'test'] as const),
  ...(['dev', 'development', 'develop'] as const).map((word) => [word, 'dev'] as const),
  ...(['sandbox', 'sbx', 'playground', 'lab', 'labs'] as const).map((word) => [word, 'sandbox'] as const),
]);

/** Prefixes that, as a word of their own, make one word with the next (`non` `prod` -> `nonprod`). */
const PREFIXES = new Set(['non', 'pre']);

/**
 * Words that camelCase splits but that are one word (`DevOps` is `devops`, which is not dev).
 * Written as their camelCase parts.
 */
const COMPOUNDS: ReadonlyArray<readonly string[]> = [
  ['dev', 'sec', 'ops'],
  ['dev', 'ops'],
  ['dev', 'tools'],
  ['dev', 'ex'],
  ['dev', 'rel'],
  ['test', 'kit'],
];

/** Longer input is read up to here: account names are at most 50 characters, aliases 80. */
const MAX_NAME_SCAN = 1_024;
const SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
/** Between `aB`, between `A` and `Bc` in `ABc`, between `a1` and between `1a`. */
const CAMEL_BOUNDARIES = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;

/**
 * The words of a name, lower-case: split on separators, camelCase and letter/digit
 * boundaries, with known compounds (`DevOps`) kept whole. Compatibility forms are folded
 * first (NFKC), so full-width `ＰＲＯＤ` reads as `prod`.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  const text = name.slice(0, MAX_NAME_SCAN).normalize('NFKC');
  for (const chunk of text.split(SEPARATORS)) {
    if (!chunk) continue;
    const parts = chunk.split(CAMEL_BOUNDARIES).map((part) => part.toLowerCase());
    for (let i = 0; i < parts.length;) {
      const compound = COMPOUNDS.find((candidate) => candidate.every((part, j) => parts[i + j] === part));
      const length = compound?.length ?? 1;
      words.push(parts.slice(i, i + length).join(''));
      i += length;
    }
  }
  return words;
}

/** Every environment a name's words name, in the order they appear. */
function environmentsIn(name: string): Environment[] {
  const words = nameWords(name);
  const found: Environment[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    const joined = PREFIXES.has(word) && next !== undefined ? WORDS.get(`${word}${next}`) : undefined;
    if (joined) {
      // `non-prod`, `pre-prod`: one word.
      found.push(joined);
      i += 1;
      continue;
    }
    // `non-dev` says what it is not, so it says nothing; `pre-staging` is still staging.
    if (word === 'non' && next !== undefined && WORDS.has(next)) {
      i += 1;
      continue;
    }
    const environment = WORDS.get(word);
    if (environment) found.push(environment);
  }
  return found;
}

function mostCautious(environments: readonly Environment[]): Environment | undefined {
  return ENVIRONMENT_CAUTION.find((environment) => environments.includes(environment));
}

/**
 * The environment an account name (or alias) suggests, by its whole words; when it names
 * several, the most cautious (ENVIRONMENT_CAUTION). Undefined when it names none.
 */
export function environmentOf(name: string): Environment | undefined {
  return mostCautious(environmentsIn(name));
}

// ---- the user's overrides ------------------------------------------------------------------

/**
 * The user's word on what accounts are: `match` is a 12-digit account id, or a pattern over
 * the account's name and alias where `*` stands for any text (case does not matter), e.g.
 * `acme-data-*`. `none`: no badge at all. Without a colour, the environment's own.
 */
export interface EnvironmentOverride {
  match: string;
  environment: Environment | 'none';
  colour?: EnvironmentColour;
}

export const MAX_ENVIRONMENT_OVERRIDES = 200;
export const MAX_OVERRIDE_MATCH_LENGTH = 100;

const ACCOUNT_ID = /^\d{12}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why `match` cannot be an override's account id or pattern, in words for the settings; undefined when it can. */
export function overrideMatchProblem(match: string): string | undefined {
  const trimmed = match.trim();
  if (!trimmed) return 'Enter an account id or a name pattern, e.g. acme-data-*.';
  if (trimmed.length > MAX_OVERRIDE_MATCH_LENGTH) return `Use at most ${MAX_OVERRIDE_MATCH_LENGTH} characters.`;
  if (CONTROL_CHARACTERS.test(trimmed)) return 'Use printable characters only.';
  if (/^\d+$/.test(trimmed) && !ACCOUNT_ID.test(trimmed)) return 'An account id has exactly 12 digits.';
  return undefined;
}

const isEnvironment = (value: unknown): value is Environment => ENVIRONMENTS.includes(value as Environment);
const isColour = (value: unknown): value is EnvironmentColour =>
  ENVIRONMENT_COLOURS.includes(value as EnvironmentColour);

/**
 * Overrides from untrusted input (a hand-edited settings file, the renderer): entries whose
 * match or environment is invalid are dropped, an unknown colour is dropped (the entry keeps
 * its environment's), `none` takes no colour, and the list stops at MAX_ENVIRONMENT_OVERRIDES.
 */
export function normalizeEnvironmentOverrides(value: unknown): EnvironmentOverride[] {
  if (!Array.isArray(value)) return [];
  const overrides: EnvironmentOverride[] = [];
  for (const item of value.slice(0, MAX_ENVIRONMENT_OVERRIDES * 2)) {
    if (overrides.length >= MAX_ENVIRONMENT_OVERRIDES) break;
    if (typeof item !== 'object' || item === null) continue;
    const { match, environment, colour } = item as Record<string, unknown>;
    if (typeof match !== 'string' || overrideMatchProblem(match) !== undefined) continue;
    if (environment !== 'none' && !isEnvironment(environment)) continue;
    overrides.push({
      match: match.trim(),
      environment,
      ...(environment !== 'none' && isColour(colour) ? { colour } : {}),
    });
  }
  return overrides;
}

/** Whether `text` matches a pattern in which `*` stands for any text (both already lower-case). */
function globMatches(pattern: string, text: string): boolean {
  // The classic two-pointer walk: linear-ish, never the exponential backtracking of a regex.
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      resume = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

interface PreparedOverrides {
  byId: Map<string, EnvironmentOverride>;
  patterns: Array<{ pattern: string; override: EnvironmentOverride }>;
}

const prepared = new WeakMap<readonly EnvironmentOverride[], PreparedOverrides>();

/** The overrides sorted for matching, once per list (a catalogue matches thousands of accounts against one). */
function prepare(overrides: readonly EnvironmentOverride[]): PreparedOverrides {
  let ready = prepared.get(overrides);
  if (!ready) {
    ready = { byId: new Map(), patterns: [] };
    for (const override of overrides) {
      if (ACCOUNT_ID.test(override.match)) {
        if (!ready.byId.has(override.match)) ready.byId.set(override.match, override);
      } else {
        ready.patterns.push({ pattern: fold(override.match), override });
      }
    }
    prepared.set(overrides, ready);
  }
  return ready;
}

/** An account as overrides and names see it. */
export interface MarkedAccount {
  accountId: string;
  accountName: string;
  alias?: string;
}

/**
 * The override that decides an account: the first whose account id is the account's, else
 * the first whose pattern matches its name or its alias.
 */
export function matchingOverride(
  account: MarkedAccount,
  overrides: readonly EnvironmentOverride[],
): EnvironmentOverride | undefined {
  if (overrides.length === 0) return undefined;
  const { byId, patterns } = prepare(overrides);
  const byAccountId = byId.get(account.accountId);
  if (byAccountId) return byAccountId;
  const names = [fold(account.accountName), ...(account.alias ? [fold(account.alias)] : [])];
  return patterns.find(({ pattern }) => names.some((name) => globMatches(pattern, name)))?.override;
}

/**
 * An account's environment and colour: the user's override when one matches (`none`: no
 * mark), else what its name and alias say, together (the most cautious of their words wins,
 * so an alias cannot talk a production name out of its PROD badge).
 */
export function environmentMark(
  account: MarkedAccount,
  overrides: readonly EnvironmentOverride[],
): EnvironmentMark | undefined {
  const override = matchingOverride(account, overrides);
  if (override) {
    if (override.environment === 'none') return undefined;
    return {
      environment: override.environment,
      colour: override.colour ?? DEFAULT_ENVIRONMENT_COLOURS[override.environment],
    };
  }
  const environment = mostCautious([
    ...environmentsIn(account.accountName),
    ...(account.alias ? environmentsIn(account.alias) : []),
  ]);
  return environment ? { environment, colour: DEFAULT_ENVIRONMENT_COLOURS[environment] } : undefined;
}

/** The mark a role view carries, if any. */
export function markOf(view: {
  environment?: Environment;
  environmentColour?: EnvironmentColour;
}): EnvironmentMark | undefined {
  if (!view.environment) return undefined;
  return {
    environment: view.environment,
    colour: view.environmentColour ?? DEFAULT_ENVIRONMENT_COLOURS[view.environment],
  };
}
