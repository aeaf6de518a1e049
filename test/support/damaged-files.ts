/**
 * The ways a file Lanyard keeps can be damaged, for the tests that prove each is set aside
 * (kept byte for byte under `<file>.damaged-<time>`) instead of crashing Lanyard or being
 * silently reset.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { DAMAGED_MARK } from '../../electron/core/support/damaged-files.js';

export interface Damage {
  name: string;
  /** The file's bytes; none: a folder (holding one file) where the file should be. */
  bytes?: Buffer;
  /** What the report says was wrong. */
  problem: RegExp;
}

export const DAMAGES: readonly Damage[] = [
  {
    name: 'truncated JSON',
    bytes: Buffer.from('{"format": 1, "settings": {"favourites": ["work/1111'),
    problem: /not valid JSON/,
  },
  {
    name: 'binary garbage',
    bytes: Buffer.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xc3, 0x28, 0x7b]),
    problem: /not valid JSON/,
  },
  { name: 'the wrong shape', bytes: Buffer.from('[1, 2, 3]\n'), problem: /not a JSON object/ },
  { name: 'an empty file', bytes: Buffer.alloc(0), problem: /empty/ },
  { name: 'a folder where the file should be', problem: /a folder, not a file/ },
];

export function plantDamage(file: string, damage: Damage): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (damage.bytes) writeFileSync(file, damage.bytes);
  else {
    mkdirSync(file);
    writeFileSync(path.join(file, 'inside.txt'), 'kept');
  }
}

/** The set-aside copies of a file, oldest first. */
export function setAsideCopies(file: string): string[] {
  const prefix = `${path.basename(file)}${DAMAGED_MARK}`;
  return (
    readdirSync(path.dirname(file))
      .filter((name) => name.startsWith(prefix))
      // `…678Z-10` after `…678Z-2`: copies set aside in one millisecond count up.
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((name) => path.join(path.dirname(file), name))
  );
}

/** Exactly one set-aside copy, holding what was planted; returns its path. */
export function expectSetAside(file: string, damage: Damage): string {
  const copies = setAsideCopies(file);
  expect(copies).toHaveLength(1);
  const copy = copies[0]!;
  if (damage.bytes) expect(readFileSync(copy).equals(damage.bytes)).toBe(true);
  else {
    expect(statSync(copy).isDirectory()).toBe(true);
    expect(readFileSync(path.join(copy, 'inside.txt'), 'utf8')).toBe('kept');
  }
  return copy;
}
