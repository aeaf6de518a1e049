/**
 * The loopback credential endpoint (`lanyard exec`/`serve`) answering warm requests, as an SDK
 * asks it: sequential GETs over one keep-alive connection, with the token. The target is an
 * absolute budget: under 5 ms a request (the 95th percentile). A bare `node:http` server
 * answering a fixed body over the same kind of connection is printed beside it for scale.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialServer } from '../../electron/core/credentials/credential-server.js';
import { printResult } from './report.js';

const REQUESTS = 2_000;
const WARM_UP = 200;
const BUDGET_MS = 5;
const HOUR = 60 * 60_000;

function get(agent: http.Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

async function time(url: string, headers: Record<string, string>): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (let index = 0; index < WARM_UP + REQUESTS; index += 1) {
      const started = performance.now();
      const status = await get(agent, url, headers);
      const elapsed = performance.now() - started;
      if (status !== 200) throw new Error(`the server answered ${status}`);
      if (index >= WARM_UP) times.push(elapsed);
    }
  } finally {
    agent.destroy();
  }
  return times;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

async function bareServerTimes(): Promise<number[]> {
  const body = JSON.stringify({ AccessKeyId: 'ASIAFAKE', SecretAccessKey: 'fake', Token: 'fake', Expiration: 'x' });
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await time(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {});
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

export default async function credentialServerBench(): Promise<boolean> {
  let fetches = 0;
  const server = new CredentialServer({
    accountId: '123456789012',
    credentials: async () => {
      fetches += 1;
      return {
        accessKeyId: `ASIAFAKE${fetches}`,
        secretAccessKey: 'fake-secret',
        sessionToken: 'fake-session',
        expiration: Date.now() + HOUR,
      };
    },
  });
  const endpoint = await server.start();
  let times: number[];
  try {
    times = await time(endpoint.url, { Authorization: endpoint.token });
  } finally {
    await server.stop();
  }
  const bare = await bareServerTimes();
  return printResult({
    name: `credential server, warm request over keep-alive (p95 of ${REQUESTS.toLocaleString('en')})`,
    measuredMs: percentile(times, 0.95),
    floorMs: BUDGET_MS,
    floor: 'the 5 ms budget',
    targetRatio: 1,
    details: {
      median: `${percentile(times, 0.5).toFixed(3)} ms`,
      max: `${Math.max(...times).toFixed(2)} ms`,
      'bare node:http p50/p95': `${percentile(bare, 0.5).toFixed(3)}/${percentile(bare, 0.95).toFixed(3)} ms`,
      'credential fetches': fetches,
    },
    mustHold: fetches === 1,
  });
}
