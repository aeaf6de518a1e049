/**
 * Hosts the fake Identity Center in a worker thread, so its HTTP server does not share the
 * event loop (and CPU time) of the Lanyard code a benchmark measures, as the real service
 * would not. Driven by remote-fake.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeIdentityCenter, type FakeIdentityCenterOptions } from '../fake-idc/index.js';

export type FakeRequestMessage =
  | { id: number; method: 'issueSession' }
  | { id: number; method: 'allCounters' }
  | { id: number; method: 'resetCounters' }
  | { id: number; method: 'stop' };

const port = parentPort;
if (!port) throw new Error('fake-idc-worker.ts runs as a worker thread');
const fake = new FakeIdentityCenter(workerData as FakeIdentityCenterOptions);
await fake.start();
port.postMessage({ ready: fake.env });
port.on('message', (message: FakeRequestMessage) => {
  const answer = (result: unknown): void => port.postMessage({ id: message.id, result });
  switch (message.method) {
    case 'issueSession':
      answer(fake.issueSession());
      return;
    case 'allCounters':
      answer(fake.allCounters());
      return;
    case 'resetCounters':
      fake.resetCounters();
      answer(undefined);
      return;
    case 'stop':
      void fake.stop().then(() => {
        answer(undefined);
        port.close();
      });
  }
});
