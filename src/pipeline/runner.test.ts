/**
 * The stage runner on both catalog back ends: what is due, what is held back, what resumes.
 * The stages here are small test stages over a real ingested phantom study.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { ingestStage } from '../ingest/ingest-stage.js';
import { ingest } from '../ingest/ingest.js';
import { silentLogger } from '../log.js';
import { synthesizeDataset } from '../phantom/synthesize-dataset.js';
import { catalogTargets, databaseFor } from '../testing/catalog-targets.js';
import { temporaryDir } from '../testing/paths.js';
import { openWorkspace, type Workspace } from '../workspace/workspace.js';
import { runDueStages } from './runner.js';
import { recordStageRun } from './stage-records.js';
import type { Stage, StageContext } from './stage.js';

/** A stage that fails while `failing` is set, and counts its runs. */
function testStage(
  name: string,
  dependsOn: string[] = [],
): Stage & {
  failing: boolean;
  runs: number;
  version: number;
} {
  const stage = {
    name,
    version: 1,
    dependsOn,
    failing: false,
    runs: 0,
    inputHash: () => Promise.resolve('fixed'),
    run: () => {
      stage.runs += 1;
      return stage.failing ? Promise.reject(new Error(`${name} broke`)) : Promise.resolve();
    },
  };
  return stage;
}

async function phantomWorkspace(databaseUrl: string | undefined): Promise<StageContext> {
  const input = await temporaryDir();
  await synthesizeDataset({ outDir: input, patients: 1, slices: 8, thickness: 3, seed: 3 });
  const dir = await temporaryDir();
  const workspace: Workspace = await openWorkspace(
    databaseUrl === undefined ? { dir } : { dir, databaseUrl },
  );
  await ingest(workspace, { paths: [input], logger: silentLogger() });
  return { workspace, logger: silentLogger() };
}

for (const target of catalogTargets()) {
  describe(`stage runner on ${target.dialect}`, { skip: target.skip ?? false }, () => {
    test('runs each due stage once and then nothing', async () => {
      const context = await phantomWorkspace(await databaseFor(target));
      const check = testStage('check', ['ingest']);
      try {
        const first = await runDueStages(context, [ingestStage, check]);
        const second = await runDueStages(context, [ingestStage, check]);

        assert.deepEqual([first.studies, first.done, first.failed], [1, 1, 0]);
        assert.equal(check.runs, 1);
        assert.equal(second.ran, 0);
      } finally {
        await context.workspace.close();
      }
    });

    test('holds a failed stage back until --retry-failed, and its dependants with it', async () => {
      const context = await phantomWorkspace(await databaseFor(target));
      const check = testStage('check', ['ingest']);
      const report = testStage('report', ['check']);
      const stages = [ingestStage, check, report];
      try {
        check.failing = true;
        const failed = await runDueStages(context, stages);
        assert.equal(failed.failed, 1);
        assert.match(failed.events[0]?.reason ?? '', /check broke/);
        assert.equal(report.runs, 0, 'a dependant waits for its dependency');

        check.failing = false;
        const held = await runDueStages(context, stages);
        assert.deepEqual([held.ran, held.heldBack], [0, 1]);

        const retried = await runDueStages(context, stages, { retryFailed: true });
        assert.deepEqual([retried.done, retried.failed], [2, 0]);
        assert.deepEqual([check.runs, report.runs], [2, 1]);
      } finally {
        await context.workspace.close();
      }
    });

    test('runs again a stage left running by a killed runner, or with a new version', async () => {
      const context = await phantomWorkspace(await databaseFor(target));
      const check = testStage('check', ['ingest']);
      try {
        await runDueStages(context, [ingestStage, check]);

        const studyInstanceUid = (
          await context.workspace.catalog.db
            .selectFrom('original_studies')
            .select('study_instance_uid')
            .executeTakeFirstOrThrow()
        ).study_instance_uid;
        await recordStageRun(context.workspace.catalog.db, {
          studyInstanceUid,
          stage: 'check',
          version: 1,
          inputHash: 'fixed',
          status: 'running',
          error: null,
        });
        await runDueStages(context, [ingestStage, check]);
        assert.equal(check.runs, 2, 'the interrupted run is resumed');

        check.version = 2;
        await runDueStages(context, [ingestStage, check]);
        assert.equal(check.runs, 3, 'a new version is due');
      } finally {
        await context.workspace.close();
      }
    });

    test('fails the ingest stage of a study whose original went missing', async () => {
      const context = await phantomWorkspace(await databaseFor(target));
      try {
        const row = await context.workspace.catalog.db
          .selectFrom('original_instances')
          .select('sha256')
          .executeTakeFirstOrThrow();
        await context.workspace.catalog.db.deleteFrom('stage_runs').execute();
        await rm(context.workspace.privateStore.pathOf(row.sha256));

        const summary = await runDueStages(context, [ingestStage]);
        assert.equal(summary.failed, 1);
        assert.match(summary.events[0]?.reason ?? '', /missing in the private zone/);
      } finally {
        await context.workspace.close();
      }
    });
  });
}
