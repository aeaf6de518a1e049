import { describe, expect, it } from 'vitest';
import { parseAwsIni } from '../../../../electron/core/aws-files/aws-ini.js';
import { interpretAwsConfig } from '../../../../electron/core/aws-files/aws-config.js';
import type { DiagnosticCheck } from '../../../../electron/core/domain/diagnostics.js';
import type { BrowserHost } from '../../../../electron/core/console/browser-detection.js';
import {
  configChecks,
  credentialProcessCheck,
  credentialProcessProgram,
  profileNameCheck,
  ssoSessionChecks,
} from '../../../../electron/core/doctor/config-checks.js';

const FILE = '/home/me/.aws/config';

function host(executables: string[], PATH = '/usr/bin:/opt/bin'): BrowserHost {
  const present = new Set(executables);
  return { platform: 'linux', env: { PATH }, isExecutable: (file) => present.has(file) };
}

const byId = (checks: DiagnosticCheck[], id: string) => checks.find((item) => item.id === id);

describe('configChecks', () => {
  it('fails when botocore refuses the file, naming the line', () => {
    const text = '[profile a]\nregion = us-east-1\nthis is not ini\n';
    // The same sentences aws-config.ts gives for the file (botocoreRejections reads them from disk).
    const rejections = interpretAwsConfig(text, FILE).problems.filter((problem) => problem.includes('refuse'));
    const checks = configChecks({ file: FILE, text, rejections, host: host([]) });
    const config = byId(checks, 'config');
    expect(config?.status).toBe('fail');
    expect(config?.message).toContain('line 3');
  });

  it('is ok for a clean file and warns when there is none', () => {
    expect(
      configChecks({ file: FILE, text: '[default]\nregion = eu-west-1\n', rejections: [], host: host([]) })[0],
    ).toMatchObject({ id: 'config', status: 'ok' });
    expect(configChecks({ file: FILE, text: undefined, rejections: [], host: host([]) })[0]).toMatchObject({
      status: 'warn',
    });
  });
});

describe('ssoSessionChecks', () => {
  it('fails an incomplete sso-session and a profile naming a missing one; warns without scopes', () => {
    const doc = parseAwsIni(
      [
        '[sso-session ok]',
        'sso_start_url = https://d-1.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '[sso-session half]',
        'sso_start_url = https://d-1.awsapps.com/start',
        '[sso-session legacy]',
        'sso_start_url = https://d-1.awsapps.com/start',
        'sso_region = us-east-1',
        '[sso-session mars]',
        'sso_start_url = https://d-1.awsapps.com/start',
        'sso_region = mars',
        '[profile dev]',
        'sso_session = gone',
        '',
      ].join('\n'),
    );
    const checks = ssoSessionChecks(doc, FILE);
    expect(byId(checks, 'sso-session:ok')?.status).toBe('ok');
    expect(byId(checks, 'sso-session:half')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('no sso_region'),
    });
    expect(byId(checks, 'sso-session:half')?.message).toContain('line 5');
    expect(byId(checks, 'sso-session:legacy')?.status).toBe('warn');
    expect(byId(checks, 'sso-session:mars')?.status).toBe('fail');
    expect(byId(checks, 'sso-session-references')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('gone'),
    });
  });
});

describe('profileNameCheck', () => {
  it('warns about sections botocore reads as one profile and names differing only in case', () => {
    const doc = parseAwsIni('[default]\n[profile default]\n[profile Dev]\n[profile dev]\n[profile other]\n');
    const result = profileNameCheck(doc, FILE);
    expect(result.status).toBe('warn');
    expect(result.message).toContain('[default] (line 1) and [profile default] (line 2)');
    expect(result.message).toContain('"Dev" and "dev" differ only in case');
    expect(profileNameCheck(parseAwsIni('[profile a]\n[profile b]\n'), FILE).status).toBe('ok');
  });
});

describe('credentialProcessCheck', () => {
  it('finds the program of each credential_process on PATH or at its path, never printing its arguments', () => {
    const doc = parseAwsIni(
      [
        '[profile fine]',
        'credential_process = /opt/lanyard/lanyard credential-process fine',
        '[profile onpath]',
        'credential_process = lanyard credential-process x',
        '[profile quoted]',
        'credential_process = "/Applications/Lanyard App/lanyard" credential-process y',
        '[profile broken]',
        'credential_process = /nowhere/get-creds --password hunter2',
        '',
      ].join('\n'),
    );
    const result = credentialProcessCheck(
      doc,
      FILE,
      host(['/opt/lanyard/lanyard', '/opt/bin/lanyard', '/Applications/Lanyard App/lanyard']),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain('[profile broken] (line 8) runs /nowhere/get-creds');
    expect(result.message).not.toContain('fine');
    expect(result.message).not.toContain('hunter2');
    expect(credentialProcessProgram('"/a b/c" --x')).toBe('/a b/c');
    expect(credentialProcessCheck(parseAwsIni('[profile a]\nregion = x\n'), FILE, host([])).status).toBe('ok');
  });
});
