/**
 * Names and messages from the service reach the terminal escaped in every human-readable line
 * of login, sync, the listing progress and the agent's log, while JSON stays exact once parsed.
 * (The commands run end to end against the hostile fake in test/integration/hostile-names.)
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../electron/cli/context.js';
import { agent } from '../../../electron/cli/commands/agent.js';
import { login } from '../../../electron/cli/commands/login.js';
import {
  describeSafely,
  jsonText,
  terminalSafe,
  terminalSafeError,
  withTerminalSafeErrors,
} from '../../../electron/cli/format.js';
import { printListingProgress } from '../../../electron/cli/progress.js';
import type { EngineEvent } from '../../../electron/core/background-engine.js';
import { LanyardError, isLanyardError } from '../../../electron/core/domain/errors.js';
import type { SignInPrompt } from '../../../electron/core/sessions/sign-in.js';

/** What a terminal would act on: C0 (but the line feed), DEL, C1 and bidi controls. */
// eslint-disable-next-line no-control-regex
const ACTS_ON_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = '\u001b]0;TITLE\u0007\u001b[31mred\r\nforged line\u009b2J\u202Eevil';
const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);

function context(core: Record<string, unknown>): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = {
    core,
    env: {},
    paths: { awsConfigFile: '/home/me/.aws/config', awsCredentialsFile: '/home/me/.aws/credentials' },
    clock: { now: () => NOW },
    out: (text: string) => out.push(text),
    err: (text: string) => err.push(text),
    openUrl: async () => {
      throw new Error('no browser here');
    },
    untilSignal: async () => 'SIGTERM' as const,
  } as unknown as CliContext;
  return { ctx, out, err };
}

/** Every line printed: one line each, and nothing a terminal would act on. */
function expectSafe(lines: string[]): void {
  for (const line of lines) {
    expect(line).not.toMatch(ACTS_ON_TERMINAL);
    expect(line).not.toContain('\n');
  }
}

describe('format helpers', () => {
  it('jsonText parses back to the exact value and leaves no raw C1 or bidi character', () => {
    const value = { name: HOSTILE, more: '\u0085\u2028\u2066x\u2069\u007f' };
    const text = jsonText(value, 2);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(ACTS_ON_TERMINAL);
    expect(text).toContain('\\u009b');
    expect(jsonText({ plain: 'acme' })).toBe(JSON.stringify({ plain: 'acme' }));
  });

  it('describeSafely keeps message and hint on their own lines, each escaped', () => {
    const text = describeSafely(new LanyardError('ACCESS_DENIED', `Refused: ${HOSTILE}`, 'Try\nagain'));
    expect(text.split('\n')).toEqual([`Refused: ${terminalSafe(HOSTILE)}`, 'Try\\u{a}again']);
  });

  it('terminalSafeError keeps the code, exit code and cause; other errors pass as they are', async () => {
    const original = new LanyardError('ACCESS_DENIED', HOSTILE, HOSTILE);
    const safe = terminalSafeError(original);
    expect(isLanyardError(safe, 'ACCESS_DENIED')).toBe(true);
    expect((safe as LanyardError).exitCode).toBe(original.exitCode);
    expect((safe as LanyardError).cause).toBe(original);
    expect((safe as LanyardError).describe()).not.toMatch(ACTS_ON_TERMINAL);
    const plain = new LanyardError('USAGE', 'nothing to escape');
    expect(terminalSafeError(plain)).toBe(plain);
    const other = new Error(HOSTILE);
    await expect(withTerminalSafeErrors(() => Promise.reject(other))).rejects.toBe(other);
  });
});

describe('listing progress', () => {
  it('escapes the session name and the warning the service caused', () => {
    const inventory = new EventEmitter();
    const { ctx, err } = context({ inventory });
    const stop = printListingProgress(ctx);
    inventory.emit('progress', { sessionName: `work${HOSTILE}`, done: 1, total: 1, allAccountsFound: true });
    inventory.emit('warning', { message: `ListAccountRoles said ${HOSTILE}` });
    stop();
    expect(err).toHaveLength(2);
    expectSafe(err);
    expect(err[1]).toBe(`warning: ListAccountRoles said ${terminalSafe(HOSTILE)}`);
  });
});

describe('lanyard login', () => {
  const session = {
    name: 'work',
    startUrl: 'https://acme.awsapps.com/start',
    region: 'us-east-1',
    registrationScopes: ['sso:account:access'],
  };

  function loginCore(signIn: (options: { onPrompt: (prompt: SignInPrompt) => Promise<void> }) => Promise<unknown>) {
    return { sessions: { selectOne: async () => session }, tokens: { signIn: (_s: unknown, o: never) => signIn(o) } };
  }

  it('prints the service’s device code and URLs escaped', async () => {
    const { ctx, out, err } = context(
      loginCore(async ({ onPrompt }) => {
        await onPrompt({
          kind: 'device',
          userCode: `ABCD${HOSTILE}`,
          verificationUri: `https://device.example/${HOSTILE}`,
          verificationUriComplete: `https://device.example/?code=${HOSTILE}`,
          expiresAt: NOW + 600_000,
        });
        return { expiresAt: NOW + 3_600_000 };
      }),
    );
    expect(await login(ctx, { ssoSession: 'work', useDeviceCode: true })).toBe(0);
    expect(out.join('\n')).toContain(`enter the code: ABCD${terminalSafe(HOSTILE)}`);
    expectSafe([...out, ...err]);
  });

  it('a refused sign-in’s text from the browser redirect reaches the error line escaped', async () => {
    const { ctx, out } = context(
      loginCore(async ({ onPrompt }) => {
        await onPrompt({ kind: 'browser', url: `http://127.0.0.1:1/authorize?x=${HOSTILE}` });
        throw new LanyardError(
          'ACCESS_DENIED',
          `Sign-in was not completed in the browser (${HOSTILE}).`,
          'Start the sign-in again.',
        );
      }),
    );
    const failure = await login(ctx, { ssoSession: 'work', browser: false }).catch((error: unknown) => error);
    expect(isLanyardError(failure, 'ACCESS_DENIED')).toBe(true);
    const line = `lanyard: ${(failure as LanyardError).describe()}`;
    expect(line).toContain(terminalSafe(HOSTILE));
    expectSafe([...line.split('\n'), ...out]);
  });
});

describe('lanyard agent', () => {
  it('logs events as JSON lines and warnings with nothing a terminal would act on', async () => {
    let listener: ((event: EngineEvent) => void) | undefined;
    const events: EngineEvent[] = [
      { kind: 'sessions', sessions: [], problems: [`[sso-session ${HOSTILE}] is broken`, 'second'] },
      {
        kind: 'session',
        status: {
          name: `work${HOSTILE}`,
          startUrl: 'u',
          region: 'r',
          health: 'sign-in-needed',
          refreshable: false,
          message: HOSTILE,
        },
      },
      { kind: 'sync-failed', reason: 'timer', message: HOSTILE },
      {
        kind: 'synced',
        reason: 'timer',
        result: {
          changed: true,
          added: [],
          updated: [],
          removed: [],
          skipped: [{ profile: `p${HOSTILE}`, reason: HOSTILE }],
          notPruned: [],
          diff: '',
          profiles: {},
        },
      },
    ];
    const engine = {
      on: (next: (event: EngineEvent) => void) => (listener = next),
      start: async () => events.forEach((event) => listener!(event)),
      stop: async () => undefined,
    };
    const { ctx, err } = context({ engine, keepAlive: { statuses: () => [] } });
    expect(await agent(ctx)).toBe(0);
    const lines = err.flatMap((text) => text.split('\n'));
    expect(lines[0]).toBe(`warning: [sso-session ${terminalSafe(HOSTILE)}] is broken`);
    expect(lines[1]).toBe('second');
    expectSafe(lines);
    const logged = lines
      .filter((line) => / \{/.test(line))
      .map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)));
    expect(logged).toEqual([
      expect.objectContaining({ session: `work${HOSTILE}`, reason: HOSTILE }),
      { sync: 'timer', failed: HOSTILE },
      expect.objectContaining({ skipped: [`p${HOSTILE}`] }),
    ]);
  });
});
