import { Worker } from 'node:worker_threads';
import type {
  FakeIdcEnvironment,
  FakeIdentityCenterOptions,
  IssuedSession,
  OperationCounters,
  OperationName,
} from '../fake-idc/index.js';
import type { FakeRequestMessage } from './fake-idc-worker.js';

/** The fake Identity Center running in a worker thread (see fake-idc-worker.ts). */
export interface RemoteFake {
  url: string;
  env: FakeIdcEnvironment;
  issueSession(): Promise<IssuedSession>;
  allCounters(): Promise<Record<OperationName, OperationCounters>>;
  resetCounters(): Promise<void>;
  stop(): Promise<void>;
}

/** Options must be plain data (no clock, no log callback): they cross a thread boundary. */
export async function startRemoteFake(options: Omit<FakeIdentityCenterOptions, 'clock' | 'log'>): Promise<RemoteFake> {
  // Loader hooks do not reach worker threads on Node 20: the worker registers tsx itself
  // before loading the fake's TypeScript.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./fake-idc-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const env = await new Promise<FakeIdcEnvironment>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: { ready?: FakeIdcEnvironment; id?: number; result?: unknown }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
  });
  const call = <T>(method: FakeRequestMessage['method']): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (result) => {
        pending.delete(id);
        resolve(result as T);
      });
      worker.postMessage({ id, method } satisfies FakeRequestMessage);
    });
  return {
    url: env.AWS_ENDPOINT_URL_SSO,
    env,
    issueSession: () => call('issueSession'),
    allCounters: () => call('allCounters'),
    resetCounters: () => call('resetCounters'),
    stop: async () => {
      await call('stop');
      await worker.terminate();
    },
  };
}
