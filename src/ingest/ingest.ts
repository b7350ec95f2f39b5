/**
 * Ingest: folders, files, ZIP and RAR archives in; catalog rows and private-zone originals out,
 * with every rejected file explained. Catalog writes are committed in batches, and progress is
 * reported only after a commit, so whatever was reported done survives a killed process.
 */
import { readSources, type SourceFile } from '../archive/read-sources.js';
import { CtbankError } from '../errors.js';
import { sweepStaging } from '../store/blob-store.js';
import type { Logger } from '../log.js';
import type { Workspace } from '../workspace/workspace.js';
import { writeBatch, type CatalogEntry } from './catalog-batch.js';
import { checkDicomdirs, type DicomdirCheck } from './dicomdir-check.js';
import type {
  ExaminedDicomdir,
  ExaminedInstance,
  ExaminedRejection,
  ExamineTask,
} from './examine-file.js';
import { Examiner } from './examiner.js';
import { recordIngestedStudies } from './ingest-stage.js';
import { catalogCounts, finishRun, recordRejections, startRun } from './ingest-runs.js';
import { resolveUids, type UidRepair } from './uid-repair.js';

/** What to ingest and how. */
export interface IngestOptions {
  readonly paths: readonly string[];
  /** Give instances with missing or invalid UIDs new ones instead of rejecting them. */
  readonly repairUids?: boolean;
  readonly logger: Logger;
  /** Called after every committed batch, and as files are examined. */
  readonly onProgress?: (progress: IngestProgress) => void;
  readonly signal?: AbortSignal;
}

/** Running totals of one ingest. */
export interface IngestProgress {
  /** Files examined so far, and their bytes. */
  files: number;
  bytes: number;
  /** Instances committed to the catalog by this run. */
  newInstances: number;
  rejected: number;
}

/** One file that did not enter the catalog, as the report shows it. */
export interface Rejection {
  readonly path: string;
  readonly code: string;
  readonly reason: string;
}

/** The closing summary of one ingest. */
export interface IngestReport {
  readonly runId: number;
  /** Catalog totals after the run. */
  readonly patients: number;
  readonly studies: number;
  readonly series: number;
  readonly instances: number;
  /** Instances this run added to the catalog. */
  readonly newInstances: number;
  /** Instances already in the catalog with the same content. */
  readonly unchangedInstances: number;
  readonly files: number;
  /** Bytes of the files examined. */
  readonly bytes: number;
  readonly seconds: number;
  readonly rejected: readonly Rejection[];
  readonly repairedUids: readonly UidRepair[];
  /** Each DICOMDIR met, with the listed files that did not arrive. */
  readonly dicomdirs: readonly DicomdirCheck[];
  readonly studiesTouched: readonly string[];
  /** Studies the inputs' instances belong to, new or already catalogued. */
  readonly studiesSeen: readonly string[];
}

const BATCH_SIZE = 250;
const BATCH_MILLISECONDS = 1000;

/** Ingests the given paths into the workspace. */
export async function ingest(workspace: Workspace, options: IngestOptions): Promise<IngestReport> {
  const started = performance.now();
  const db = workspace.catalog.db;
  await sweepStaging(workspace.privateStore.root);
  const runId = await startRun(db, options.paths);
  const session = new IngestSession(workspace, runId, options);

  try {
    await session.consume();
  } finally {
    await session.close();
  }

  const rejected = session.rejected.map(({ path, code, reason }) => ({ path, code, reason }));
  await finishRun(db, runId, session.progress);
  const studiesTouched = [...session.studiesTouched].sort();
  await recordIngestedStudies(db, studiesTouched);

  return {
    runId,
    ...(await catalogCounts(db)),
    newInstances: session.progress.newInstances,
    unchangedInstances: session.unchanged,
    files: session.progress.files,
    bytes: session.progress.bytes,
    seconds: (performance.now() - started) / 1000,
    rejected,
    repairedUids: session.repairs,
    dicomdirs: checkDicomdirs(session.dicomdirs, session.seenPaths),
    studiesTouched,
    studiesSeen: [...session.studiesSeen].sort(),
  };
}

/** The state of one ingest run while it consumes its inputs. */
class IngestSession {
  readonly progress: IngestProgress = { files: 0, bytes: 0, newInstances: 0, rejected: 0 };
  readonly rejected: ExaminedRejection[] = [];
  readonly repairs: UidRepair[] = [];
  readonly studiesTouched = new Set<string>();
  readonly studiesSeen = new Set<string>();
  readonly dicomdirs: ExaminedDicomdir[] = [];
  readonly seenPaths = new Set<string>();
  unchanged = 0;

  private readonly examiner: Examiner;
  private pending: CatalogEntry[] = [];
  private pendingRejections: ExaminedRejection[] = [];
  private lastFlush = performance.now();

  constructor(
    private readonly workspace: Workspace,
    private readonly runId: number,
    private readonly options: IngestOptions,
  ) {
    this.examiner = new Examiner(workspace.config.ingest.workerThreshold);
  }

  async consume(): Promise<void> {
    const limits = this.workspace.config.ingest;
    const sources = readSources([...this.options.paths], {
      scratchDir: this.workspace.scratchDir,
      logger: this.options.logger,
      limits: {
        maxExpansionRatio: limits.maxExpansionRatio,
        maxExpandedBytes: limits.maxExpandedBytes,
        timeoutMs: limits.archiveTimeoutSeconds * 1000,
        maxEntryBytes: limits.maxEntryBytes,
        maxNestingDepth: limits.maxNestingDepth,
      },
      ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
    });

    for await (const item of sources) {
      this.options.signal?.throwIfAborted();
      this.seenPaths.add(item.path);
      if (item.kind === 'problem') {
        this.addRejection({
          kind: 'rejected',
          path: item.path,
          code: item.code,
          reason: item.reason,
        });
        continue;
      }
      this.examiner.submit(await this.taskFor(item));
      while (this.examiner.isFull) await this.take();
    }
    while (this.examiner.hasPending) await this.take();
    await this.flush();
  }

  async close(): Promise<void> {
    await this.examiner.close();
  }

  private async taskFor(file: SourceFile): Promise<ExamineTask> {
    const common = {
      path: file.path,
      storeRoot: this.workspace.privateStore.root,
      repairUids: this.options.repairUids ?? false,
    };
    if (file.diskPath !== undefined) return { ...common, diskPath: file.diskPath };
    return { ...common, bytes: await file.read() };
  }

  private async take(): Promise<void> {
    const examined = await this.examiner.next();
    this.progress.files += 1;

    if (examined.kind === 'rejected') this.addRejection(examined);
    else if (examined.kind === 'dicomdir') this.dicomdirs.push(examined);
    else this.addInstance(examined);

    this.options.onProgress?.(this.progress);
    const due = performance.now() - this.lastFlush > BATCH_MILLISECONDS;
    if (this.pending.length >= BATCH_SIZE || due) await this.flush();
  }

  private addInstance(instance: ExaminedInstance): void {
    this.progress.bytes += instance.size;
    const { uids, repairs } = resolveUids(instance, this.workspace.secret);
    this.pending.push({ instance, uids, repairs });
  }

  private addRejection(rejection: ExaminedRejection): void {
    this.pendingRejections.push(rejection);
    this.options.logger.warn(
      { path: rejection.path, code: rejection.code, reason: rejection.reason },
      'rejected',
    );
  }

  private async flush(): Promise<void> {
    const entries = this.pending;
    const rejections = this.pendingRejections;
    this.pending = [];
    this.pendingRejections = [];
    this.lastFlush = performance.now();

    const outcome = await writeBatch(this.workspace.catalog.db, this.runId, entries);
    for (const entry of entries) this.studiesSeen.add(entry.uids.studyInstanceUid);
    const allRejections = [...rejections, ...outcome.conflicts];
    await recordRejections(this.workspace.catalog.db, this.runId, allRejections);

    // Counted only now that the batch is committed.
    for (const entry of outcome.added) {
      this.studiesTouched.add(entry.uids.studyInstanceUid);
      this.repairs.push(...entry.repairs);
    }
    this.progress.newInstances += outcome.added.length;
    this.unchanged += outcome.unchanged;
    this.rejected.push(...allRejections);
    this.progress.rejected = this.rejected.length;
    this.options.onProgress?.(this.progress);
  }
}

/** Raised when ingest is given nothing to read. */
export function assertPaths(paths: readonly string[]): void {
  if (paths.length === 0) throw new CtbankError('USAGE', 'ingest needs at least one path');
}
