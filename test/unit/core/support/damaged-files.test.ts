import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type DamageReport,
  KEEP_DAMAGED,
  onDamagedFile,
  parseStoredJson,
  reportDamagedFile,
  setAsideDamaged,
} from '../../../../electron/core/support/damaged-files.js';
import { setAsideCopies } from '../../../support/damaged-files.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-damage-'));
  file = path.join(dir, 'record.json');
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const report = (at: string): DamageReport => ({ file: at, movedTo: `${at}.x`, title: 't', message: `about ${at}` });

describe('setAsideDamaged', () => {
  it('moves the file beside itself under a name with the time, and keeps the newest few', () => {
    const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    writeFileSync(file, 'first');
    expect(setAsideDamaged(file, { now })).toBe(`${file}.damaged-20250102T030405.678Z`);
    // Same millisecond: a second name, never over the first copy.
    writeFileSync(file, 'second');
    expect(setAsideDamaged(file, { now })).toBe(`${file}.damaged-20250102T030405.678Z-2`);
    for (let n = 0; n < 5; n++) {
      writeFileSync(file, `later ${n}`);
      setAsideDamaged(file, { now: now + 1000 * (n + 1) });
    }
    const copies = setAsideCopies(file);
    expect(copies).toHaveLength(KEEP_DAMAGED);
    expect(copies.map((copy) => readFileSync(copy, 'utf8'))).toEqual(['later 2', 'later 3', 'later 4']);
    expect(existsSync(file)).toBe(false);
  });

  it('names each new copy after the newest one, even in one millisecond or with the clock set back', () => {
    const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    for (let n = 0; n < 12; n++) {
      writeFileSync(file, `same millisecond ${n}`);
      setAsideDamaged(file, { now });
    }
    writeFileSync(file, 'clock set back');
    setAsideDamaged(file, { now: now - 3_600_000 });
    expect(setAsideCopies(file).map((copy) => readFileSync(copy, 'utf8'))).toEqual([
      'same millisecond 10',
      'same millisecond 11',
      'clock set back',
    ]);
  });

  it('leaves a file that changed since it was read (another process repaired it), and one already gone', () => {
    writeFileSync(file, '{"format": 1}');
    expect(setAsideDamaged(file, { expected: '{"form' })).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('{"format": 1}');
    rmSync(file);
    expect(setAsideDamaged(file)).toBeUndefined();
    expect(setAsideCopies(file)).toEqual([]);
  });

  it('leaves a file or folder replaced since it was judged (a lock another process took afresh)', () => {
    mkdirSync(file);
    const judged = lstatSync(file);
    rmSync(file, { recursive: true });
    mkdirSync(file);
    const replaced = new Date(Date.now() + 60_000);
    utimesSync(file, replaced, replaced);
    expect(setAsideDamaged(file, { sameAs: judged })).toBeUndefined();
    expect(existsSync(file)).toBe(true);
    expect(setAsideDamaged(file, { sameAs: lstatSync(file) })).toMatch(/\.damaged-/);
  });
});

describe('reportDamagedFile', () => {
  it('reaches the listeners of the folder the file is in, and no others', () => {
    const inside: DamageReport[] = [];
    const elsewhere: DamageReport[] = [];
    const stopInside = onDamagedFile(dir, (heard) => inside.push(heard));
    const stopElsewhere = onDamagedFile(path.join(dir, 'other'), (heard) => elsewhere.push(heard));
    reportDamagedFile(report(path.join(dir, 'sub', 'a.json')));
    stopInside();
    stopElsewhere();
    expect(inside.map((heard) => heard.message)).toEqual([`about ${path.join(dir, 'sub', 'a.json')}`]);
    expect(elsewhere).toEqual([]);
  });

  it('goes to stderr when nobody listens, and survives a listener that throws', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    reportDamagedFile(report(path.join(dir, 'b.json')));
    expect(write).toHaveBeenCalledWith(`Lanyard: about ${path.join(dir, 'b.json')}\n`);
    write.mockClear();
    const stop = onDamagedFile(dir, () => {
      throw new Error('listener bug');
    });
    expect(() => reportDamagedFile(report(path.join(dir, 'c.json')))).not.toThrow();
    stop();
    expect(write).not.toHaveBeenCalled();
  });
});

describe('parseStoredJson', () => {
  it('names what is wrong, and takes a byte order mark as no damage', () => {
    expect(parseStoredJson('')).toEqual({ ok: false, problem: 'it is empty' });
    expect(parseStoredJson(' \n')).toEqual({ ok: false, problem: 'it is empty' });
    expect(parseStoredJson('{"a":')).toEqual({ ok: false, problem: 'it is not valid JSON' });
    expect(parseStoredJson('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});
