/**
 * Runs file examinations in submission order: inline while the batch is small, then on a pool
 * of worker threads (one per core) once there is enough work to pay for starting them.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { examineFile, type Examined, type ExamineTask } from './examine-file.js';

/** Examines files, inline or in worker threads, and yields the results in order. */
export class Examiner {
  private pool: Piscina | undefined;
  private submitted = 0;
  private readonly window: Promise<Examined>[] = [];
  private readonly workerThreshold: number;
  private readonly maxInFlight: number;

  constructor(workerThreshold: number) {
    this.workerThreshold = workerThreshold;
    this.maxInFlight = Math.max(2, availableParallelism()) * 16;
  }

  /** True when another task should be awaited before submitting more. */
  get isFull(): boolean {
    return this.window.length >= this.maxInFlight;
  }

  /** True while results are pending. */
  get hasPending(): boolean {
    return this.window.length > 0;
  }

  /** Starts examining a file. */
  submit(task: ExamineTask): void {
    this.submitted += 1;
    this.window.push(this.start(task));
  }

  /** The result of the oldest submitted task. */
  async next(): Promise<Examined> {
    const oldest = this.window.shift();
    if (oldest === undefined) throw new Error('no examination is pending');
    return oldest;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.pool?.destroy();
  }

  private start(task: ExamineTask): Promise<Examined> {
    if (this.submitted <= this.workerThreshold) return examineFile(task);

    const threads = Math.max(1, availableParallelism());
    // Threads stay for the whole ingest: piscina's default idle timeout would end a thread
    // between two files and start a new one (module loading included) for the next.
    this.pool ??= new Piscina({
      filename: new URL('./examine-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // A few tasks queued in each worker keep it busy while the main thread commits a batch.
      concurrentTasksPerWorker: 4,
    });
    return this.pool.run(task, { transferList: transferable(task.bytes) }) as Promise<Examined>;
  }
}

// Archive entries travel as bytes: hand a buffer over instead of copying it, but only one the
// entry owns whole (small Node buffers share one pooled ArrayBuffer, which must not move).
function transferable(bytes: Uint8Array | undefined): ArrayBuffer[] {
  if (bytes === undefined) return [];
  const ownsBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return ownsBuffer && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}
