import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, encodeIcns, encodeIco, pngSize } from '../../../scripts/render-icons-containers.js';

const ASSETS = path.join(import.meta.dirname, '../../../assets');
const read = (file: string) => readFileSync(path.join(ASSETS, file));

/** The PNGs inside an .ico, with the size each directory entry claims. */
function icoImages(ico: Buffer): Array<{ claimed: number; png: Buffer }> {
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + index * 16;
    const claimed = ico.readUInt8(entry) || 256;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { claimed, png: ico.subarray(offset, offset + length) };
  });
}

function icnsEntries(icns: Buffer): Array<{ type: string; png: Buffer }> {
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const entries: Array<{ type: string; png: Buffer }> = [];
  for (let offset = 8; offset < icns.length;) {
    const length = icns.readUInt32BE(offset + 4);
    entries.push({
      type: icns.toString('latin1', offset, offset + 4),
      png: icns.subarray(offset + 8, offset + length),
    });
    offset += length;
  }
  return entries;
}

describe('icon containers', () => {
  const png16 = read('icons/16x16.png');
  const png32 = read('icons/32x32.png');

  it('lays out an .ico whose entries point at their PNGs', () => {
    const images = icoImages(
      encodeIco([
        { size: 16, png: png16 },
        { size: 256, png: read('icons/256x256.png') },
      ]),
    );
    expect(images.map((image) => image.claimed)).toEqual([16, 256]);
    expect(images[0]!.png.equals(png16)).toBe(true);
    expect(() => encodeIco([{ size: 512, png: png32 }])).toThrow();
  });

  it('lays out an .icns with lengths that add up', () => {
    const entries = icnsEntries(
      encodeIcns([
        { type: 'icp4', png: png16 },
        { type: 'icp5', png: png32 },
      ]),
    );
    expect(entries.map((entry) => entry.type)).toEqual(['icp4', 'icp5']);
    expect(entries[1]!.png.equals(png32)).toBe(true);
  });

  it('committed app icons hold every size at its claimed size', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const { claimed, png } of icoImages(read('icon.ico'))) expect(pngSize(png).width).toBe(claimed);
    const icns = icnsEntries(read('icon.icns'));
    expect(icns.map((entry) => entry.type)).toEqual(ICNS_TYPES.map((entry) => entry.type));
    icns.forEach((entry, index) => expect(pngSize(entry.png).width, entry.type).toBe(ICNS_TYPES[index]!.size));
    for (const state of ['signed-in', 'expiring', 'sign-in-needed']) {
      expect(icoImages(read(`tray/tray-${state}.ico`)).map(({ png }) => pngSize(png).width)).toEqual([16, 32]);
    }
  });
});
