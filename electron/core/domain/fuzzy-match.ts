/**
 * A small fuzzy matcher for the search palette.
 *
 * Written by hand because the palette must answer every keystroke over 10,000 roles in under
 * 2 ms, every time: fuzzysort (the best-kept library for this) is fast on average but builds a
 * result object per match, and with thousands of matches a keystroke its garbage collection
 * pauses reached 5-10 ms on this project's benchmark. This matcher allocates nothing while
 * scoring and only computes match positions for the hits actually shown.
 *
 * Scores are in (0, 1]; NO_MATCH is -1. Better matches: exact > prefix > substring at a word
 * start > substring > a subsequence that hits word starts (e.g. "rooa" in ReadOnlyAccess).
 */
export const NO_MATCH = -1;

const EXACT = 1;
const PREFIX = 0.95;
const WORD_START_SUBSTRING = 0.9;
const SUBSTRING = 0.75;
/** Subsequence scores span [SUBSEQUENCE_BASE, SUBSEQUENCE_BASE + SUBSEQUENCE_RANGE]. */
const SUBSEQUENCE_BASE = 0.3;
const SUBSEQUENCE_RANGE = 0.4;

/** A string prepared once for many matches. */
export interface Prepared {
  text: string;
  lower: string;
  /** Which of a-z and 0-9 occur (see charMask), to reject most targets in one AND. */
  mask: number;
  /** 1 where a word starts (see isWordStart). */
  starts: Uint8Array;
}

/** A bit per letter and one for any digit; other characters are not tracked. */
export function charMask(lower: string): number {
  let mask = 0;
  for (let i = 0; i < lower.length; i += 1) {
    const code = lower.charCodeAt(i);
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else if (code >= 48 && code <= 57) mask |= 1 << 26;
  }
  return mask;
}

export function prepare(text: string): Prepared {
  const lower = text.toLowerCase();
  const starts = new Uint8Array(lower.length);
  for (let i = 0; i < lower.length; i += 1) starts[i] = wordStartAt(text, lower, i) ? 1 : 0;
  return { text, lower, mask: charMask(lower), starts };
}

function isAlphaNumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code > 127;
}

/** Whether position i starts a word: after a separator, at a camelCase hump, or at a letter/digit change. */
export function isWordStart(target: Prepared, i: number): boolean {
  return target.starts[i] === 1;
}

function wordStartAt(text: string, lower: string, i: number): boolean {
  if (i === 0) return true;
  const previous = lower.charCodeAt(i - 1);
  if (!isAlphaNumeric(previous)) return true;
  const current = text.charCodeAt(i);
  const previousOriginal = text.charCodeAt(i - 1);
  if (current >= 65 && current <= 90 && !(previousOriginal >= 65 && previousOriginal <= 90)) return true;
  const isDigit = (code: number): boolean => code >= 48 && code <= 57;
  return isDigit(current) !== isDigit(previousOriginal);
}

/**
 * Scores `word` (already lower case, with its charMask) against the target; NO_MATCH when it
 * is not a subsequence.
 */
export function score(word: string, target: Prepared, wordMask = charMask(word)): number {
  const { lower } = target;
  if (word.length > lower.length || (wordMask & target.mask) !== wordMask) return NO_MATCH;
  const at = lower.indexOf(word);
  if (at === 0) return word.length === lower.length ? EXACT : PREFIX;
  if (at > 0) {
    // Prefer the first occurrence that starts a word.
    for (let position = at; position >= 0; position = lower.indexOf(word, position + 1)) {
      if (isWordStart(target, position)) return WORD_START_SUBSTRING - position * 1e-4;
    }
    return SUBSTRING - at * 1e-4;
  }
  return subsequenceScore(word, target);
}

/**
 * Greedy subsequence: each character is taken at the next word start if one matches before
 * the next plain occurrence would be needed, else at its next occurrence. The score rewards
 * word starts and few runs.
 */
function subsequenceScore(word: string, target: Prepared): number {
  if (!isSubsequence(word, target.lower)) return NO_MATCH;
  const preferred = subsequence(word, target, true);
  return preferred === NO_MATCH ? subsequence(word, target, false) : preferred;
}

function subsequence(word: string, target: Prepared, preferWordStarts: boolean): number {
  let position = 0;
  let wordStarts = 0;
  let runs = 0;
  let last = -2;
  for (let k = 0; k < word.length; k += 1) {
    const found = nextMatch(word.charCodeAt(k), target, position, preferWordStarts);
    if (found < 0) return NO_MATCH;
    if (isWordStart(target, found)) wordStarts += 1;
    if (found !== last + 1) runs += 1;
    last = found;
    position = found + 1;
  }
  const quality = 0.6 * (wordStarts / word.length) + 0.4 / runs;
  return SUBSEQUENCE_BASE + SUBSEQUENCE_RANGE * quality;
}

function isSubsequence(word: string, lower: string): boolean {
  let k = 0;
  for (let i = 0; i < lower.length && k < word.length; i += 1) {
    if (lower.charCodeAt(i) === word.charCodeAt(k)) k += 1;
  }
  return k === word.length;
}

/** The next position >= from holding `code`, optionally preferring a word start over a plain occurrence. */
function nextMatch(code: number, target: Prepared, from: number, preferWordStarts: boolean): number {
  const { lower } = target;
  let plain = -1;
  for (let i = from; i < lower.length; i += 1) {
    if (lower.charCodeAt(i) !== code) continue;
    if (!preferWordStarts || isWordStart(target, i)) return i;
    if (plain < 0) plain = i;
  }
  return plain;
}

/** The positions `score` matched, for highlighting (computed for shown hits only). */
export function matchPositions(word: string, target: Prepared): number[] {
  const { lower } = target;
  const at = lower.indexOf(word);
  if (at >= 0) {
    let start = at;
    for (let position = at; position >= 0; position = lower.indexOf(word, position + 1)) {
      if (isWordStart(target, position)) {
        start = position;
        break;
      }
    }
    return Array.from({ length: word.length }, (_, k) => start + k);
  }
  return subsequencePositions(word, target, true) ?? subsequencePositions(word, target, false) ?? [];
}

function subsequencePositions(word: string, target: Prepared, preferWordStarts: boolean): number[] | undefined {
  const positions: number[] = [];
  let position = 0;
  for (let k = 0; k < word.length; k += 1) {
    const found = nextMatch(word.charCodeAt(k), target, position, preferWordStarts);
    if (found < 0) return undefined;
    positions.push(found);
    position = found + 1;
  }
  return positions;
}
