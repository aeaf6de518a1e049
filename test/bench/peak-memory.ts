/**
 * Runs a Node program in a child process and reports its peak memory: the peak resident set
 * size from the kernel's own account (`process.resourceUsage().maxRSS`, the getrusage figure
 * `/usr/bin/time` prints too, read in the child as it exits), and the peak of the V8 heap in
 * use, sampled every HEAP_SAMPLE_MS. Both come from a hook loaded with `--import` before the
 * program, so the program runs unchanged (the built CLI as users run it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HEAP_SAMPLE_MS = 20;
const PEAK_FILE_VARIABLE = 'LANYARD_BENCH_PEAK_FILE';

/** The hook, as a data: URL module (it may import only Node's built-ins). */
const HOOK = `
import { writeFileSync } from 'node:fs';
let peakHeap = 0;
const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
setInterval(sample, ${HEAP_SAMPLE_MS}).unref();
process.on('exit', () => {
  sample();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  writeFileSync(process.env.${PEAK_FILE_VARIABLE}, JSON.stringify({ maxRssBytes, peakHeapBytes: peakHeap }));
});
`;

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  maxRssBytes: number;
  peakHeapBytes: number;
}

/** `node [nodeArgs] --import <hook> script [args]` with `env`; resolves when the child has exited. */
export async function runMeasured(options: {
  script: string;
  args?: string[];
  nodeArgs?: string[];
  env: Record<string, string>;
}): Promise<MeasuredRun> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'lanyard-bench-peak-'));
  const peakFile = path.join(folder, 'peak.json');
  try {
    const child = spawn(
      process.execPath,
      [
        ...(options.nodeArgs ?? []),
        '--import',
        `data:text/javascript,${encodeURIComponent(HOOK)}`,
        options.script,
        ...(options.args ?? []),
      ],
      { env: { ...options.env, [PEAK_FILE_VARIABLE]: peakFile }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const peak = JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssBytes: number; peakHeapBytes: number };
    return { code, stdout, stderr, ...peak };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}
