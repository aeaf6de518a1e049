/**
 * A certificate authority made for one test run with openssl (Debian's, on every machine the
 * tests run on), and server certificates it signs. Nothing is trusted outside the test that
 * made it: the tests hand the CA to Lanyard through AWS_CA_BUNDLE and friends.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ServerCertificate {
  key: string;
  cert: string;
}

export interface TestCa {
  /** The CA's certificate as a PEM file, for AWS_CA_BUNDLE. */
  readonly caFile: string;
  readonly caPem: string;
  /** The CA's common name, which errors about an untrusted certificate must show. */
  readonly commonName: string;
  /** A certificate for `hosts` (IP addresses or DNS names), signed by this CA. */
  issue(hosts: readonly string[]): ServerCertificate;
  cleanup(): void;
}

function openssl(args: readonly string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

export function createTestCa(commonName = 'Lanyard Test Root CA'): TestCa {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lanyard-ca-'));
  // EC keys: made in milliseconds, where RSA takes a noticeable part of a second.
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}/O=Lanyard Tests`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  let serial = 0;
  return {
    caFile: path.join(dir, 'ca.pem'),
    caPem: readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    commonName,
    issue(hosts) {
      serial += 1;
      const name = `server-${serial}`;
      const altNames = hosts.map((host) => (/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
      writeFileSync(
        path.join(dir, `${name}.ext`),
        `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
      );
      openssl(['req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${hosts[0]}`], dir);
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${name}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(serial),
          '-days',
          '1',
          '-extfile',
          `${name}.ext`,
          '-out',
          `${name}.pem`,
        ],
        dir,
      );
      return {
        key: readFileSync(path.join(dir, `${name}.key`), 'utf8'),
        cert: readFileSync(path.join(dir, `${name}.pem`), 'utf8'),
      };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
