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

const isBoundary = (text: string, index: number): boolean => index === 0 || /[^a-z0-9]/i.test(text[index - 1] ?? '') || /[a-z][A-Z]/.test(text.slice(index - 1, index + 1));

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

/** How well one lower-case term matches one field, or undefined if it does not. */
function matchField(text: string, term: string, substringOnly: boolean): FieldMatch | undefined {
  const lower = text.toLowerCase();
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
  for (const term of terms) {
    let best: { field: SearchField; match: FieldMatch; weighted: number } | undefined;
    for (const [field, weight] of FIELD_WEIGHTS) {
      const text = fieldText(role, field);
      if (!text) continue;
      const match = matchField(text, term, field === 'accountId');
      if (match && (!best || match.score * weight > best.weighted)) best = { field, match, weighted: match.score * weight };
    }
    if (!best) return undefined;
    score += best.weighted;
    const merged = new Set([...(matches[best.field] ?? []), ...best.match.positions]);
    matches[best.field] = [...merged].sort((a, b) => a - b);
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
