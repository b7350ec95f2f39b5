/**
 * The stage runner: for every study, runs each stage that is due — never run, run with another
 * version or other inputs, interrupted, or failed when retrying — in dependency order. A run is
 * recorded as running before it starts and as done or failed after, so a killed runner leaves
 * a record that the next run picks up.
 */
import { CtbankError, messageOf } from '../errors.js';
import { recordStageRun, stageRecords, type StageRow } from './stage-records.js';
import type { Stage, StageContext } from './stage.js';

/** How the runner should treat failed stages. */
export interface RunOptions {
  readonly retryFailed?: boolean;
  readonly onStage?: (event: StageEvent) => void;
}

/** One stage run as it happens. */
export interface StageEvent {
  readonly studyInstanceUid: string;
  readonly stage: string;
  readonly status: 'done' | 'failed' | 'skipped';
  readonly reason?: string;
}

/** What one runner pass did. */
export interface RunSummary {
  readonly studies: number;
  readonly ran: number;
  readonly done: number;
  readonly failed: number;
  /** Stages left alone because they failed before (and --retry-failed was not given). */
  readonly heldBack: number;
  readonly events: readonly StageEvent[];
}

/** Runs every due stage for every study in the catalog. */
export async function runDueStages(
  context: StageContext,
  stages: readonly Stage[],
  options: RunOptions = {},
): Promise<RunSummary> {
  checkOrder(stages);
  const db = context.workspace.catalog.db;
  const studies = await db
    .selectFrom('original_studies')
    .select('study_instance_uid')
    .orderBy('study_instance_uid')
    .execute();
  const records = await stageRecords(db);
  const events: StageEvent[] = [];
  let heldBack = 0;

  for (const { study_instance_uid: study } of studies) {
    const recorded = records.get(study) ?? new Map<string, StageRow>();
    const doneNow = new Set<string>();

    for (const stage of stages) {
      const blocked = stage.dependsOn.some((name) => !doneNow.has(name));
      const inputHash = await stage.inputHash(context, study);
      const verdict = blocked
        ? 'blocked'
        : dueness(stage, recorded.get(stage.name), inputHash, options);
      if (verdict === 'current') doneNow.add(stage.name);
      if (verdict === 'held-back') heldBack += 1;
      if (verdict !== 'due') continue;

      const event = await runOne(context, stage, study, inputHash);
      events.push(event);
      options.onStage?.(event);
      if (event.status === 'done') doneNow.add(stage.name);
    }
  }

  return {
    studies: studies.length,
    ran: events.length,
    done: events.filter((event) => event.status === 'done').length,
    failed: events.filter((event) => event.status === 'failed').length,
    heldBack,
    events,
  };
}

type Verdict = 'due' | 'current' | 'held-back' | 'blocked';

function dueness(
  stage: Stage,
  record: StageRow | undefined,
  inputHash: string,
  options: RunOptions,
): Verdict {
  if (record === undefined) return 'due';

  const isCurrent = record.version === stage.version && record.input_hash === inputHash;
  if (record.status === 'done') return isCurrent ? 'current' : 'due';
  if (record.status === 'failed' && isCurrent && options.retryFailed !== true) return 'held-back';
  // 'running' here means a runner was killed mid-stage: run it again.
  return 'due';
}

async function runOne(
  context: StageContext,
  stage: Stage,
  studyInstanceUid: string,
  inputHash: string,
): Promise<StageEvent> {
  const db = context.workspace.catalog.db;
  const base = { studyInstanceUid, stage: stage.name, version: stage.version, inputHash };
  await recordStageRun(db, { ...base, status: 'running', error: null });

  try {
    await stage.run(context, studyInstanceUid);
  } catch (thrown) {
    const reason = messageOf(thrown);
    context.logger.error({ study: studyInstanceUid, stage: stage.name, reason }, 'stage failed');
    await recordStageRun(db, { ...base, status: 'failed', error: reason });
    return { studyInstanceUid, stage: stage.name, status: 'failed', reason };
  }

  await recordStageRun(db, { ...base, status: 'done', error: null });
  return { studyInstanceUid, stage: stage.name, status: 'done' };
}

function checkOrder(stages: readonly Stage[]): void {
  const seen = new Set<string>();
  for (const stage of stages) {
    const missing = stage.dependsOn.find((name) => !seen.has(name));
    if (missing !== undefined) {
      throw new CtbankError('INTERNAL', `stage ${stage.name} is listed before ${missing}`);
    }
    seen.add(stage.name);
  }
}
