/**
 * One measurement of the de-identification benchmark: a tool run under GNU time on the
 * phantom series, its wall time, its output checked, and its peak RSS. ctbank is measured as
 * the whole `ctbank deid` process and as its de-identification stage alone (`ctbank run` on a
 * workspace the benchmark ingested first, untimed); the peers are gdcmanon and pydicom.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';

import { CtbankError } from '../src/errors.js';
import { filesUnder } from './dataset.js';
import type { DeidMeasurement, DeidTool } from './deid-report.js';
import { runBounded } from './run-bounded.js';

/** What every measurement gets: the series, where to work, and the bound on its time. */
export interface DeidRun {
  readonly repoRoot: string;
  readonly cliPath: string;
  readonly input: string;
  readonly inputBytes: number;
  readonly instances: number;
  readonly certificate: string;
  readonly workDir: string;
  readonly timeoutMs: number;
}

const env = { ...process.env, CTBANK_LOG_LEVEL: process.env['CTBANK_LOG_LEVEL'] ?? 'warn' };

/** Runs the tool once on a fresh output folder (and workspace) and checks what it wrote. */
export async function measureDeid(tool: DeidTool, run: DeidRun): Promise<DeidMeasurement> {
  const out = path.join(run.workDir, 'out');
  const workspace = path.join(run.workDir, 'workspace');
  if (tool === 'ctbank stage') await ingestUntimed(run, workspace);

  const timed = await timedRun(run, commandOf(tool, run, out, workspace));
  await check(tool, run, timed.stdout, out, workspace);
  await rm(out, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });

  return {
    tool,
    seconds: timed.seconds,
    bytes: run.inputBytes,
    instances: run.instances,
    peakRssBytes: timed.peakRssBytes,
  };
}

function commandOf(tool: DeidTool, run: DeidRun, out: string, workspace: string): string[] {
  const node = process.execPath;
  switch (tool) {
    case 'ctbank deid':
      return [
        node,
        run.cliPath,
        'deid',
        run.input,
        '--out',
        out,
        '--workspace',
        workspace,
        '--json',
      ];
    case 'ctbank stage':
      return [node, run.cliPath, 'run', '--until', 'deid', '--workspace', workspace, '--json'];
    case 'gdcmanon':
      // -e: PS3.15 E.1.1 de-identification, the replaced values encrypted for the certificate.
      return ['gdcmanon', '-e', '--certificate', run.certificate, '-r', '-i', run.input, '-o', out];
    case 'pydicom':
      return ['/usr/bin/python3', path.join(run.repoRoot, 'bench/deid-pydicom.py'), run.input, out];
  }
}

async function ingestUntimed(run: DeidRun, workspace: string): Promise<void> {
  const args = [run.cliPath, 'ingest', run.input, '--workspace', workspace, '--json'];
  const logFile = path.join(run.workDir, 'ingest.log');
  const result = await runBounded(process.execPath, args, {
    timeoutMs: run.timeoutMs,
    logFile,
    env,
  });
  if (result.exitCode !== 0) {
    throw new CtbankError('INTERNAL', `ctbank ingest exited ${result.exitCode}; see ${logFile}`);
  }
}

async function timedRun(
  run: DeidRun,
  command: readonly string[],
): Promise<{ seconds: number; stdout: string; peakRssBytes: number }> {
  const timeFile = path.join(run.workDir, 'time.txt');
  const logFile = path.join(run.workDir, 'tool.log');
  const result = await runBounded('/usr/bin/time', ['-v', '-o', timeFile, ...command], {
    timeoutMs: run.timeoutMs,
    logFile,
    env,
    countRootRss: false,
  });
  if (result.exitCode !== 0) {
    throw new CtbankError(
      'INTERNAL',
      `${command.join(' ')} exited ${result.exitCode}; see ${logFile}`,
    );
  }

  // GNU time -v: "Maximum resident set size (kbytes): N" of the largest process it waited for;
  // the sampled tree sum counts a tool's helper processes together.
  const report = await readFile(timeFile, 'utf8');
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  const timeRss = match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  const peakRssBytes = Math.max(timeRss, result.peakTreeRssBytes);
  return { seconds: result.seconds, stdout: result.stdout, peakRssBytes };
}

async function check(
  tool: DeidTool,
  run: DeidRun,
  stdout: string,
  out: string,
  workspace: string,
): Promise<void> {
  const fail = (what: string): never => {
    throw new CtbankError('INTERNAL', `${tool}: ${what}; see ${run.workDir}`);
  };

  if (tool === 'ctbank deid') {
    const summary = JSON.parse(stdout) as {
      written: number;
      quarantined: unknown[];
      rejected: unknown[];
    };
    if (summary.written !== run.instances)
      fail(`wrote ${summary.written} of ${run.instances} files`);
    if (summary.quarantined.length > 0) fail(`quarantined ${summary.quarantined.length} instances`);
    if (summary.rejected.length > 0) fail(`rejected ${summary.rejected.length} files`);
  }
  if (tool === 'ctbank stage') {
    const summary = JSON.parse(stdout) as { done: number; failed: number };
    if (summary.done !== 1 || summary.failed !== 0) fail(`ran ${stdout.slice(0, 300)}`);
    const catalog = new Database(path.join(workspace, 'catalog.sqlite'), { readonly: true });
    const count = (table: 'instances' | 'deid_quarantine'): number =>
      (catalog.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const [published, quarantined] = [count('instances'), count('deid_quarantine')];
    catalog.close();
    if (published !== run.instances) fail(`published ${published} of ${run.instances} instances`);
    if (quarantined > 0) fail(`quarantined ${quarantined} instances`);
  }
  if (tool === 'gdcmanon' || tool === 'pydicom') {
    const written = (await filesUnder(out)).length;
    if (written !== run.instances) fail(`wrote ${written} of ${run.instances} files`);
  }
}
