/**
 * Progress feedback: a bar with files/s and MB/s on a terminal, a structured log line every
 * few seconds otherwise (CI, pipes), so both people and log collectors see what happens.
 */
import cliProgress from 'cli-progress';
import type { Logger } from '../log.js';

/** Counters a progress display shows. */
export interface ProgressCounters {
  files: number;
  bytes: number;
  newInstances: number;
  rejected: number;
}

/** A progress display; `update` may be called often, it throttles itself. */
export interface ProgressDisplay {
  update(counters: ProgressCounters): void;
  stop(): void;
}

const LOG_INTERVAL_MS = 5000;
const MB = 1e6;

/** A bar on an interactive stderr, periodic log lines otherwise. */
export function progressDisplay(label: string, logger: Logger): ProgressDisplay {
  const started = performance.now();
  const rates = (counters: ProgressCounters): { filesPerSecond: number; mbPerSecond: number } => {
    const seconds = Math.max((performance.now() - started) / 1000, 1e-3);
    return {
      filesPerSecond: Math.round(counters.files / seconds),
      mbPerSecond: Math.round((counters.bytes / MB / seconds) * 10) / 10,
    };
  };

  if (process.stderr.isTTY !== true) return logDisplay(label, logger, rates);

  const bar = new cliProgress.SingleBar(
    {
      format:
        `${label} {files} files | {mb} MB | {filesPerSecond} files/s | ` +
        '{mbPerSecond} MB/s | {rejected} rejected',
      stream: process.stderr,
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { files: 0, mb: 0, filesPerSecond: 0, mbPerSecond: 0, rejected: 0 });
  return {
    update: (counters) =>
      bar.update(counters.files, {
        files: counters.files,
        mb: Math.round(counters.bytes / MB),
        rejected: counters.rejected,
        ...rates(counters),
      }),
    stop: () => {
      if (bar.isActive) bar.stop();
    },
  };
}

function logDisplay(
  label: string,
  logger: Logger,
  rates: (counters: ProgressCounters) => { filesPerSecond: number; mbPerSecond: number },
): ProgressDisplay {
  let lastLog = performance.now();
  let last: ProgressCounters | undefined;
  const log = (counters: ProgressCounters): void => {
    logger.info({ ...counters, ...rates(counters) }, `${label} progress`);
  };

  return {
    update: (counters) => {
      last = { ...counters };
      if (performance.now() - lastLog < LOG_INTERVAL_MS) return;
      lastLog = performance.now();
      log(counters);
    },
    stop: () => {
      if (last !== undefined) log(last);
      last = undefined;
    },
  };
}
