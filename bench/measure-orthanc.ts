/**
 * One Orthanc measurement: a fresh Orthanc (fresh storage and index) in a network namespace with
 * only loopback, fed the dataset's files through its REST API by bench/orthanc-client.ts.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { CtbankError } from '../src/errors.js';
import type { Measurement } from './measurement.js';
import { runBounded } from './run-bounded.js';

/** The port Orthanc's HTTP server listens on, inside the benchmark's own network namespace. */
const ORTHANC_HTTP_PORT = 18042;

/** What to store and where Orthanc may keep its storage for this run. */
export interface OrthancRun {
  readonly repoRoot: string;
  readonly files: readonly string[];
  readonly inputBytes: number;
  readonly expectedInstances: number;
  readonly workDir: string;
  readonly timeoutMs: number;
}

/** What bench/orthanc-client.ts prints. */
interface ClientSummary {
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly outcomes: Record<string, number>;
  readonly sockets: number;
  readonly countInstances: number | null;
  readonly firstFailure: string | null;
}

/** A configuration that keeps Orthanc to loopback HTTP, no DICOM port, plain files on disk. */
function orthancConfig(storage: string): object {
  return {
    Name: 'ctbank-bench',
    StorageDirectory: storage,
    IndexDirectory: storage,
    StorageCompression: false,
    HttpServerEnabled: true,
    HttpPort: ORTHANC_HTTP_PORT,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    SslEnabled: false,
    DicomServerEnabled: false,
    Plugins: [],
    KeepAlive: true,
    SaveJobs: false,
  };
}

/** Runs one Orthanc ingest of the files on fresh storage, checks it, and removes the storage. */
export async function measureOrthanc(run: OrthancRun): Promise<Measurement> {
  const storage = path.join(run.workDir, 'orthanc-storage');
  const configFile = path.join(run.workDir, 'orthanc.json');
  const fileList = path.join(run.workDir, 'files.txt');
  const orthancLog = path.join(run.workDir, 'orthanc.log');
  const clientLog = path.join(run.workDir, 'orthanc-client.log');
  await rm(storage, { recursive: true, force: true });
  await mkdir(storage, { recursive: true });
  await writeFile(configFile, JSON.stringify(orthancConfig(storage), null, 2));
  await writeFile(fileList, `${run.files.join('\n')}\n`);

  const script = path.join(run.repoRoot, 'bench/orthanc-run.sh');
  const args = ['-n', 'bash', script, configFile, fileList, String(ORTHANC_HTTP_PORT), orthancLog];
  const result = await runBounded('unshare', args, {
    timeoutMs: run.timeoutMs,
    logFile: clientLog,
  });
  await rm(storage, { recursive: true, force: true });

  if (result.exitCode !== 0) {
    throw new CtbankError(
      'INTERNAL',
      `the Orthanc run exited ${result.exitCode}; see ${clientLog}`,
    );
  }
  const [clientLine, rssLine] = result.stdout.trim().split('\n').slice(-2);
  const client = JSON.parse(clientLine ?? '{}') as ClientSummary;
  const rss = JSON.parse(rssLine ?? '{}') as { orthancPeakRssKb?: number };

  const stored = client.outcomes['Success'] ?? 0;
  if (stored !== run.expectedInstances || client.countInstances !== run.expectedInstances) {
    throw new CtbankError(
      'INTERNAL',
      `Orthanc stored ${stored} of ${run.expectedInstances} files (index: ` +
        `${client.countInstances}); first failure: ${client.firstFailure}; see ${orthancLog}`,
    );
  }
  if (client.sockets !== 1) {
    throw new CtbankError(
      'INTERNAL',
      `the Orthanc client used ${client.sockets} connections, not 1`,
    );
  }

  return {
    tool: 'orthanc',
    input: 'folders',
    seconds: client.seconds,
    bytes: run.inputBytes,
    instances: stored,
    peakRssBytes: (rss.orthancPeakRssKb ?? 0) * 1024,
  };
}
