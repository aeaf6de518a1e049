// `npm run demo` as a process: the dry run, a missing Electron, and a full run with a stand-in
// Electron that reports what it was started with and talks to the fake Identity Center.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.join(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'lanyard-demo-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Stands in for Electron: writes what it saw to DEMO_TEST_REPORT, after a portal call to the fake. */
const fakeElectron = path.join(work, 'electron');
writeFileSync(
  fakeElectron,
  `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const env = process.env;
const cacheDir = path.join(env.HOME, '.aws', 'sso', 'cache');
const token = JSON.parse(fs.readFileSync(path.join(cacheDir, fs.readdirSync(cacheDir)[0]), 'utf8'));
fetch(env.AWS_ENDPOINT_URL_SSO + '/assignment/accounts?max_result=100', { headers: { 'x-amz-sso_bearer_token': token.accessToken } })
  .then((response) => response.json())
  .then((body) => {
    fs.writeFileSync(env.DEMO_TEST_REPORT, JSON.stringify({
      argv: process.argv.slice(2), cwd: process.cwd(), home: env.HOME, runAsNode: env.ELECTRON_RUN_AS_NODE ?? null,
      config: fs.readFileSync(env.AWS_CONFIG_FILE, 'utf8'), dataDir: env.LANYARD_DATA_DIR, accounts: body.accountList.length,
    }));
  });
`,
);
chmodSync(fakeElectron, 0o755);

async function demo(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [TSX, 'scripts/demo.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const tempHomeOf = (stdout: string) => /Temporary HOME: (.+)/.exec(stdout)?.[1];

describe.skipIf(process.platform === 'win32')('npm run demo', () => {
  it('--dry-run sets up a private HOME against the fake, prints the launch, runs nothing and cleans up', async () => {
    const report = path.join(work, 'dry-run.json');
    const result = await demo(['--dry-run', '--accounts', '5'], {
      LANYARD_ELECTRON: fakeElectron,
      DEMO_TEST_REPORT: report,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Fake IAM Identity Center: http:\/\/127\.0\.0\.1:\d+ \(5 accounts/);
    expect(result.stdout).toContain(`Would run: ${fakeElectron} . --show`);
    expect(result.stdout).toMatch(/AWS_ENDPOINT_URL_SSO=http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/\[sso-session demo\], signed in/);
    const home = tempHomeOf(result.stdout)!;
    expect(home.startsWith(os.tmpdir())).toBe(true);
    expect(existsSync(home)).toBe(false);
    expect(existsSync(report)).toBe(false);
  });

  it('serves a 40-account landing zone unless told how many accounts to generate', async () => {
    const result = await demo(['--dry-run'], { LANYARD_ELECTRON: fakeElectron });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Fake IAM Identity Center: http:\/\/127\.0\.0\.1:\d+ \(40 accounts/);
  });

  it('fails clearly when Electron is missing', async () => {
    const result = await demo([], { LANYARD_ELECTRON: path.join(work, 'no-such-electron') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Electron was not found at ${path.join(work, 'no-such-electron')}`);
    expect(result.stderr).toContain('npx install-electron');
    expect(result.stdout).not.toContain('Temporary HOME');
  });

  it("launches the app in the checkout with the temporary HOME and the fake's endpoints, then cleans up", async () => {
    const report = path.join(work, 'run.json');
    const result = await demo(['--accounts', '3'], { LANYARD_ELECTRON: fakeElectron, DEMO_TEST_REPORT: report });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const seen = JSON.parse(readFileSync(report, 'utf8'));
    expect(seen.argv).toEqual(['.', '--show']);
    expect(seen.cwd).toBe(ROOT);
    expect(seen.home).toBe(tempHomeOf(result.stdout));
    expect(seen.home).not.toBe(os.homedir());
    expect(seen.dataDir.startsWith(seen.home)).toBe(true);
    // The app must start as Electron, not as Node, even if the caller's environment says otherwise.
    expect(seen.runAsNode).toBeNull();
    expect(seen.config).toContain('[sso-session demo]');
    expect(seen.config).toContain('sso_start_url = https://acme.awsapps.com/start');
    expect(seen.accounts).toBe(3);
    expect(existsSync(seen.home)).toBe(false);
    expect(result.stdout).toContain('Demo over');
  });
});
