/**
 * One ctbank measurement: `ctbank ingest <input> --workspace <fresh> --json` under GNU time, with
 * its wall time, its JSON summary checked against the dataset, and its peak RSS.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { CtbankError } from '../src/errors.js';
import type { Measurement } from './measurement.js';
import { runBounded } from './run-bounded.js';

/** The fields of `ctbank ingest --json` that the benchmark relies on. */
interface IngestSummary {
  readonly instances: number;
  readonly newInstances: number;
  readonly bytes: number;
  readonly rejected: number;
}

/** Where and what to ingest, and what the dataset says the result must be. */
export interface CtbankRun {
  readonly cliPath: string;
  readonly input: string;
  readonly inputKind: Measurement['input'];
  readonly inputBytes: number;
  readonly expectedInstances: number;
  readonly workDir: string;
  readonly timeoutMs: number;
}

function count(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.length; // a list of rejected files counts by its length
  return undefined;
}

/** Reads the ingest summary from standard output: the whole output or its last JSON line. */
function parseSummary(stdout: string): IngestSummary {
  const lines = stdout.trim().split('\n');
  const candidates = [stdout, lines[lines.length - 1] ?? ''];

  for (const candidate of candidates) {
    let document: unknown;
    try {
      document = JSON.parse(candidate);
    } catch {
      continue; // not this candidate: try the next one, the error below names what is missing
    }
    if (typeof document !== 'object' || document === null) continue;

    const fields = document as Record<string, unknown>;
    const instances = count(fields['instances']);
    const newInstances = count(fields['newInstances']);
    const bytes = count(fields['bytes']);
    const rejected = count(fields['rejected']);
    if (
      instances !== undefined &&
      newInstances !== undefined &&
      bytes !== undefined &&
      rejected !== undefined
    ) {
      return { instances, newInstances, bytes, rejected };
    }
  }
  throw new CtbankError(
    'INTERNAL',
    `ctbank ingest --json printed no summary with instances, newInstances, bytes and rejected: ` +
      stdout.slice(0, 500),
  );
}

/** GNU time -v: "Maximum resident set size (kbytes): N" of the largest process it waited for. */
async function timeMaxRssBytes(timeFile: string): Promise<number> {
  const report = await readFile(timeFile, 'utf8');
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/** Runs one ctbank ingest on a fresh workspace, checks its summary, and removes the workspace. */
export async function measureCtbank(run: CtbankRun): Promise<Measurement> {
  const workspace = path.join(run.workDir, 'workspace');
  const timeFile = path.join(run.workDir, 'time.txt');
  const logFile = path.join(run.workDir, 'ctbank.log');
  await rm(workspace, { recursive: true, force: true });

  const args = ['-v', '-o', timeFile, process.execPath, run.cliPath, 'ingest', run.input];
  args.push('--workspace', workspace, '--json');
  const env = { ...process.env, CTBANK_LOG_LEVEL: process.env['CTBANK_LOG_LEVEL'] ?? 'warn' };
  const result = await runBounded('/usr/bin/time', args, {
    timeoutMs: run.timeoutMs,
    logFile,
    env,
    countRootRss: false,
  });
  await rm(workspace, { recursive: true, force: true });

  if (result.exitCode !== 0) {
    throw new CtbankError('INTERNAL', `ctbank ingest exited ${result.exitCode}; see ${logFile}`);
  }
  const summary = parseSummary(result.stdout);
  if (summary.newInstances !== run.expectedInstances || summary.rejected !== 0) {
    throw new CtbankError(
      'INTERNAL',
      `ctbank ingest of ${run.input} stored ${summary.newInstances} new instances and rejected ` +
        `${summary.rejected}; the dataset has ${run.expectedInstances}. See ${logFile}`,
    );
  }

  const peakRssBytes = Math.max(result.peakTreeRssBytes, await timeMaxRssBytes(timeFile));
  return {
    tool: 'ctbank',
    input: run.inputKind,
    seconds: result.seconds,
    bytes: run.inputBytes,
    instances: summary.instances,
    peakRssBytes,
  };
}
