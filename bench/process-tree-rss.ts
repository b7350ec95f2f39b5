/**
 * Peak resident memory of a process tree, sampled from /proc (Linux). Worker threads share their
 * process's RSS, so summing the processes of the tree counts every thread once.
 */
import { readFile, readdir } from 'node:fs/promises';

const SAMPLE_INTERVAL_MS = 50;

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return ''; // the process or thread ended between listing and reading: it holds no memory
  }
}

/** The pid and every descendant pid, from /proc/<pid>/task/<tid>/children. */
async function treePids(root: number): Promise<number[]> {
  const pids: number[] = [];
  const queue = [root];

  while (queue.length > 0) {
    const pid = queue.shift() ?? root;
    pids.push(pid);
    // A process that ended between two reads has no threads and no children left.
    const tids = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
    for (const tid of tids) {
      const children = await readOrEmpty(`/proc/${pid}/task/${tid}/children`);
      for (const child of children.split(' ').filter((word) => word !== '')) {
        queue.push(Number(child));
      }
    }
  }
  return pids;
}

/** Resident set size of one process in bytes (VmRSS, which /proc gives in kB). */
async function rssBytes(pid: number): Promise<number> {
  const status = await readOrEmpty(`/proc/${pid}/status`);
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/**
 * Samples the summed RSS of a process tree until stopped; stop() returns the peak in bytes.
 * With includeRoot false the root (a launcher such as /usr/bin/time) is left out of the sum.
 */
export function sampleTreeRss(root: number, includeRoot = true): { stop: () => Promise<number> } {
  let peak = 0;
  let running = true;

  const loop = (async () => {
    while (running) {
      const pids = (await treePids(root)).filter((pid) => includeRoot || pid !== root);
      const sizes = await Promise.all(pids.map(rssBytes));
      peak = Math.max(
        peak,
        sizes.reduce((sum, size) => sum + size, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
    }
  })();

  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}
