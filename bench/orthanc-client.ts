/**
 * The Orthanc side of the ingest benchmark: stores each listed file with `POST /instances` over
 * one kept-alive HTTP connection, one request at a time, and prints one JSON line with the wall
 * time, the counts by outcome and Orthanc's own instance count. Run by bench/orthanc-run.sh.
 *
 * Usage: node dist/bench/orthanc-client.js --port PORT --files LIST (one path per line)
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { CtbankError } from '../src/errors.js';

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Keeps its socket whatever the server's Keep-Alive hint says. Orthanc 1.10 answers
 * `Keep-Alive: timeout=1`, and node's default agent drops sockets whose hinted timeout is 1 s or
 * less, which would open one connection per file; our requests follow each other within
 * milliseconds, well inside that second.
 */
class OneConnectionAgent extends http.Agent {
  override keepSocketAlive(): boolean {
    return true;
  }
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

/** One request on the shared agent; the socket it used is added to sockets. */
function request(
  agent: http.Agent,
  port: number,
  method: string,
  urlPath: string,
  sockets: Set<Socket>,
  body?: Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders =
      body === undefined
        ? {}
        : { 'Content-Type': 'application/dicom', 'Content-Length': body.length };
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, agent, headers });

    req.setTimeout(REQUEST_TIMEOUT_MS, () => {
      req.destroy(new CtbankError('INTERNAL', `${method} ${urlPath}: no answer within 60 s`));
    });
    req.on('socket', (socket) => sockets.add(socket));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(body);
  });
}

/** Orthanc's answer to POST /instances: "Success", "AlreadyStored" or a failure. */
function storeStatus(reply: Reply): string {
  if (reply.status !== 200) return `HTTP ${reply.status}`;
  const parsed = JSON.parse(reply.body) as { Status?: unknown };
  return typeof parsed.Status === 'string' ? parsed.Status : 'no Status';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, files: { type: 'string' } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || values.files === undefined) {
    throw new CtbankError('USAGE', 'usage: orthanc-client --port PORT --files LIST');
  }
  const files = (await readFile(values.files, 'utf8')).split('\n').filter((line) => line !== '');

  const agent = new OneConnectionAgent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<Socket>();
  const outcomes = new Map<string, number>();
  let bytes = 0;
  let firstFailure: string | undefined;

  const started = performance.now();
  for (const file of files) {
    const data = await readFile(file);
    bytes += data.length;
    const reply = await request(agent, port, 'POST', '/instances', sockets, data);
    const status = storeStatus(reply);
    outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
    if (status !== 'Success' && firstFailure === undefined) {
      firstFailure = `${file}: ${status} ${reply.body.slice(0, 200)}`;
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const statistics = await request(agent, port, 'GET', '/statistics', sockets);
  const countInstances = (JSON.parse(statistics.body) as { CountInstances?: number })
    .CountInstances;
  agent.destroy();

  const summary = {
    files: files.length,
    bytes,
    seconds,
    outcomes: Object.fromEntries(outcomes),
    sockets: sockets.size,
    countInstances: countInstances ?? null,
    firstFailure: firstFailure ?? null,
  };
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
