import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { caBundleSetting, loadTrust } from '../../../../electron/core/network/trust.js';
import { createTempHome, type TempHome } from '../../../support/temp-home.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
let temp: TempHome | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

function home(config: string): TempHome {
  temp = createTempHome();
  mkdirSync(path.dirname(temp.paths.awsConfigFile), { recursive: true });
  writeFileSync(temp.paths.awsConfigFile, config);
  return temp;
}

describe('the CA bundle, as botocore finds it', () => {
  it('AWS_CA_BUNDLE wins over ca_bundle in the config', async () => {
    const t = home('[default]\nca_bundle = /from/config.pem\n');
    expect(await caBundleSetting({ AWS_CA_BUNDLE: '/from/env.pem' }, t.paths)).toEqual({
      file: '/from/env.pem',
      source: 'AWS_CA_BUNDLE',
    });
  });

  it("reads ca_bundle from the active profile: AWS_PROFILE's, else [default]; ~ is the home folder", async () => {
    const t = home('[default]\nca_bundle = ~/corp.pem\n[profile work]\nca_bundle = /work.pem\n');
    expect(await caBundleSetting({}, t.paths)).toMatchObject({ file: path.join(t.home, 'corp.pem') });
    expect((await caBundleSetting({}, t.paths))?.source).toContain('ca_bundle in [default]');
    expect(await caBundleSetting({ AWS_PROFILE: 'work' }, t.paths)).toMatchObject({ file: '/work.pem' });
    expect(await caBundleSetting({ AWS_PROFILE: 'other' }, t.paths)).toBeUndefined();
  });

  it('no config file, no bundle', async () => {
    temp = createTempHome();
    expect(await caBundleSetting({}, temp.paths)).toBeUndefined();
  });
});

describe('loadTrust', () => {
  it("adds the bundle to Node's roots instead of replacing them", async () => {
    const t = home('');
    const bundle = path.join(t.home, 'corp.pem');
    writeFileSync(bundle, PEM);
    const trust = await loadTrust({ AWS_CA_BUNDLE: bundle }, t.paths);
    expect(trust.ca?.at(-1)).toBe(PEM);
    expect(trust.ca).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(trust.bundleSource).toBe('AWS_CA_BUNDLE');
  });

  it('says which file cannot be read, or holds no certificate', async () => {
    const t = home('');
    await expect(loadTrust({ AWS_CA_BUNDLE: '/nowhere/corp.pem' }, t.paths)).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'The CA bundle named by AWS_CA_BUNDLE cannot be read: /nowhere/corp.pem (ENOENT).',
    });
    const notPem = path.join(t.home, 'corp.der');
    writeFileSync(notPem, 'binary');
    await expect(loadTrust({ AWS_CA_BUNDLE: notPem }, t.paths)).rejects.toMatchObject({
      message: expect.stringContaining('holds no PEM certificate'),
    });
  });

  it("leaves Node's default roots alone when there is nothing to add (Node 20 has no system store to read)", async () => {
    const t = home('');
    const trust = await loadTrust({}, t.paths);
    if (!trust.system) expect(trust.ca).toBeUndefined();
  });
});
