import { upsertSsoSession, type SsoSessionConfig } from '../../electron/core/aws-files/aws-config.js';
import { FakeIdentityCenter, type FakeIdentityCenterOptions, type IssuedSession } from '../fake-idc/index.js';
import { seedIssuedSession } from './seed-token.js';
import { createTempHome, type TempHome } from './temp-home.js';

export interface SsoFixture {
  fake: FakeIdentityCenter;
  temp: TempHome;
  session: SsoSessionConfig;
  /** Mints a session on the fake and writes it to the token cache, as a finished login would. */
  seedToken(options?: { accessTokenMs?: number }): Promise<IssuedSession>;
  close(): Promise<void>;
}

/**
 * A fake Identity Center, a private HOME with `[sso-session work]` pointing at it, and the
 * process environment aimed at both (the SDK reads AWS_ENDPOINT_URL_* and HOME from it).
 */
export async function createSsoFixture(
  options: FakeIdentityCenterOptions & { sessionName?: string } = {},
): Promise<SsoFixture> {
  const fake = new FakeIdentityCenter(options);
  await fake.start();
  const temp = createTempHome({ ...fake.env });
  const saved = { ...process.env };
  Object.assign(process.env, temp.env);
  const session: SsoSessionConfig = {
    name: options.sessionName ?? 'work',
    startUrl: 'https://acme.awsapps.com/start',
    region: 'us-east-1',
    registrationScopes: ['sso:account:access'],
  };
  await upsertSsoSession(temp.paths, session);
  return {
    fake,
    temp,
    session,
    async seedToken(seedOptions = {}) {
      const issued = fake.issueSession({ startUrl: session.startUrl, ...seedOptions });
      await seedIssuedSession(temp.paths, session, issued);
      return issued;
    },
    async close() {
      await fake.stop();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      temp.cleanup();
    },
  };
}
