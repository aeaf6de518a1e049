/**
 * The main window's client-side filter: every whitespace-separated term must match one field,
 * as a substring (best) or a subsequence (letters in order). Linear in the number of roles
 * and returns every match (the palette asks the core's search for its top 50 instead).
 */
import type { RoleView, SearchField } from '../../../electron/core/views.js';

export type MatchPositions = Partial<Record<SearchField, number[]>>;

export interface RoleMatch {
  score: number;
  matches: MatchPositions;
}

interface FieldMatch {
  score: number;
  positions: number[];
}

const FIELD_WEIGHTS: ReadonlyArray<[SearchField, number]> = [
  ['alias', 1.1],
  ['accountName', 1],
  ['roleName', 0.9],
  ['accountId', 0.8],
];

const isAlphanumeric = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isLower = (code: number): boolean => code >= 97 && code <= 122;
const isUpper = (code: number): boolean => code >= 65 && code <= 90;

/** Whether a word starts at `index`: after a separator, or a camelCase hump. */
function isBoundary(text: string, index: number): boolean {
  if (index === 0) return true;
  const previous = text.charCodeAt(index - 1);
  return !isAlphanumeric(previous) || (isLower(previous) && isUpper(text.charCodeAt(index)));
}

/** Where `term` occurs in `lower`, preferring a word start; -1 if nowhere. */
function substringAt(text: string, lower: string, term: string): number {
  let first = -1;
  for (let index = lower.indexOf(term); index >= 0; index = lower.indexOf(term, index + 1)) {
    if (isBoundary(text, index)) return index;
    if (first < 0) first = index;
  }
  return first;
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, offset) => start + offset);
}

/** How well one lower-case term matches one field (given as-is and lower-cased), or undefined if it does not. */
function matchField(text: string, lower: string, term: string, substringOnly: boolean): FieldMatch | undefined {
  const at = substringAt(text, lower, term);
  if (at >= 0) {
    const score = at === 0 ? 100 : isBoundary(text, at) ? 80 : 60;
    return { score: score + term.length, positions: range(at, term.length) };
  }
  if (substringOnly) return undefined;
  const positions: number[] = [];
  let from = 0;
  for (const char of term) {
    const index = lower.indexOf(char, from);
    if (index < 0) return undefined;
    positions.push(index);
    from = index + 1;
  }
  const first = positions[0] ?? 0;
  const last = positions[positions.length - 1] ?? 0;
  const gaps = last - first + 1 - positions.length;
  return { score: Math.max(1, 40 - gaps - first / 4), positions };
}

type LowerFields = Partial<Record<SearchField, string>>;

/** Lower-cased fields per role, computed once per role object (snapshots share unchanged roles). */
const lowered = new WeakMap<RoleView, LowerFields>();

function lowerFields(role: RoleView): LowerFields {
  let fields = lowered.get(role);
  if (!fields) {
    fields = { accountName: role.accountName.toLowerCase(), accountId: role.accountId, roleName: role.roleName.toLowerCase(), ...(role.alias ? { alias: role.alias.toLowerCase() } : {}) };
    lowered.set(role, fields);
  }
  return fields;
}

function fieldText(role: RoleView, field: SearchField): string | undefined {
  return field === 'alias' ? role.alias : role[field];
}

/** Splits a query into lower-case terms. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The match of every term in `terms` against a role, or undefined if one term finds nothing. */
export function matchRole(role: RoleView, terms: readonly string[]): RoleMatch | undefined {
  let score = 0;
  const matches: MatchPositions = {};
  const lower = lowerFields(role);
  for (const term of terms) {
    let best: { field: SearchField; match: FieldMatch; weighted: number } | undefined;
    for (const [field, weight] of FIELD_WEIGHTS) {
      const text = fieldText(role, field);
      const lowerText = lower[field];
      if (!text || lowerText === undefined) continue;
      const match = matchField(text, lowerText, term, field === 'accountId');
      if (match && (!best || match.score * weight > best.weighted)) best = { field, match, weighted: match.score * weight };
    }
    if (!best) return undefined;
    score += best.weighted;
    const earlier = matches[best.field];
    matches[best.field] = earlier ? [...new Set([...earlier, ...best.match.positions])].sort((a, b) => a - b) : best.match.positions;
  }
  return { score, matches };
}

export interface RankedRole {
  role: RoleView;
  matches?: MatchPositions;
}

/**
 * The roles matching `query`, best first (ties keep their order in `roles`). An empty query
 * keeps every role in order.
 */
export function filterRoles(roles: readonly RoleView[], query: string): RankedRole[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return roles.map((role) => ({ role }));
  const ranked: Array<RankedRole & { score: number; order: number }> = [];
  roles.forEach((role, order) => {
    const match = matchRole(role, terms);
    if (match) ranked.push({ role, matches: match.matches, score: match.score, order });
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.map(({ role, matches }) => ({ role, matches }));
}
