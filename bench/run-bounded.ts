/**
 * Runs one measured command in its own process group with a time limit: wall time, standard
 * output, standard error to a log file, and the peak RSS of its process tree.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

import { CtbankError } from '../src/errors.js';
import { sampleTreeRss } from './process-tree-rss.js';

/** What a bounded run gives back; seconds is wall time from spawn to exit. */
export interface BoundedRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly seconds: number;
  readonly peakTreeRssBytes: number;
}

/** Options of {@link runBounded}; the command's standard error goes to logFile. */
export interface BoundedRunOptions {
  readonly timeoutMs: number;
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  /** False when the command is only a launcher whose own memory must not count. */
  readonly countRootRss?: boolean;
}

/**
 * Runs command with args and waits for it; past the time limit the whole process group is
 * killed and the run fails, so no measurement can hang the benchmark.
 */
export async function runBounded(
  command: string,
  args: readonly string[],
  options: BoundedRunOptions,
): Promise<BoundedRun> {
  const log = await open(options.logFile, 'w');
  const started = performance.now();
  const child = spawn(command, args, {
    detached: true, // its own process group, so a timeout ends the helpers it started too
    stdio: ['ignore', 'pipe', log.fd],
    env: options.env ?? process.env,
  });

  const pid = child.pid;
  if (pid === undefined) {
    await log.close();
    throw new CtbankError('INTERNAL', `could not start ${command}`);
  }
  const sampler = sampleTreeRss(pid, options.countRootRss ?? true);
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-pid, 'SIGKILL');
  }, options.timeoutMs);

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  const seconds = (performance.now() - started) / 1000;
  const peakTreeRssBytes = await sampler.stop();
  await log.close();

  if (timedOut) {
    throw new CtbankError(
      'INTERNAL',
      `${command} ${args.join(' ')} did not finish within ${options.timeoutMs / 1000} s; ` +
        `see ${options.logFile}`,
    );
  }
  return { exitCode, stdout: Buffer.concat(chunks).toString('utf8'), seconds, peakTreeRssBytes };
}
