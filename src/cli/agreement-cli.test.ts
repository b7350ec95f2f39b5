/**
 * End-to-end: `ctbank agreement` correlates the consensus lobes affected with the automatic
 * involvement of each study's chosen series. The test writes the quantification figures
 * itself (the stage that writes them is not what is under test), including a second,
 * unchosen series that must be ignored and a measured study without consensus.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { catalogTargets } from '../testing/catalog-targets.js';
import { temporaryDir } from '../testing/paths.js';
import { openWorkspace } from '../workspace/workspace.js';
import {
  CLEAR_READ,
  ctbank,
  json,
  phantomWorkspace,
  readsCsv,
  type PhantomWorkspace,
} from './reading-cli-harness.js';

interface Correlation {
  n: number;
  rho: number | null;
  r: number | null;
  reason?: string;
}

function lobesCorrelation(common: string[]): Correlation | undefined {
  const entries = json<{ finding: string; involvementCorrelation?: Correlation }[]>(
    ctbank(['agreement', '--json', ...common]),
  );
  return entries.find((entry) => entry.finding === 'lobes-affected')?.involvementCorrelation;
}

// Replaces whatever the stages wrote with known figures: (series, study, involvement %, chosen).
async function writeQuantification(
  phantom: PhantomWorkspace,
  rows: readonly [string, string, number, boolean | null][],
): Promise<void> {
  const workspace = await openWorkspace(
    phantom.databaseUrl === undefined
      ? { dir: phantom.dir }
      : { dir: phantom.dir, databaseUrl: phantom.databaseUrl },
  );
  const db = workspace.catalog.db;
  const now = new Date().toISOString();
  try {
    await db.deleteFrom('series_quantification').execute();
    await db.deleteFrom('series_quality').execute();
    for (const [series, study, involvement, chosen] of rows) {
      await db
        .insertInto('series_quantification')
        .values({
          series_instance_uid: series,
          study_instance_uid: study,
          slice_count: 8,
          lung_ml: 4000,
          left_lung_ml: 1900,
          right_lung_ml: 2100,
          ggo_percent: involvement,
          consolidation_percent: 0,
          involvement_percent: involvement,
          severity: 'CT-1',
          result_json: '{}',
          lung_seg_sha256: null,
          infection_seg_sha256: null,
          created_at: now,
        })
        .execute();
      if (chosen === null) continue;
      await db
        .insertInto('series_quality')
        .values({
          series_instance_uid: series,
          study_instance_uid: study,
          worst_severity: null,
          flags_json: '[]',
          chosen: chosen ? 1 : 0,
          choice_reason: null,
          created_at: now,
        })
        .execute();
    }
  } finally {
    await workspace.close();
  }
}

for (const target of catalogTargets()) {
  test(
    `agreement correlates consensus lobes with the chosen series' involvement on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const phantom = await phantomWorkspace(5, target);
      const { common } = phantom;
      const series = json<{ studyInstanceUid: string; seriesInstanceUid: string }[]>(
        ctbank(['ls', 'series', '--json', ...common]),
      );
      const studies = [...new Set(series.map((s) => s.studyInstanceUid))].sort();
      assert.equal(studies.length, 5);
      const seriesOf = (study: string): string =>
        series.find((s) => s.studyInstanceUid === study)?.seriesInstanceUid ?? '';
      const [s0 = '', s1 = '', s2 = '', s3 = '', s4 = ''] = studies;

      // Consensus lobes 1, 2, 2 (adjudicated), 4; study 4 has only one read.
      const dir = await temporaryDir();
      const lobes = { ann: ['1', '2', '2', '4', '3'], bob: ['1', '2', '3', '4'] };
      for (const [reader, counts] of Object.entries(lobes)) {
        const file = path.join(dir, `${reader}.csv`);
        const rows = counts.map((count, i) => ({
          ...CLEAR_READ,
          study: studies[i] ?? '',
          reader,
          'lobes-affected': count,
        }));
        await writeFile(file, readsCsv(rows));
        assert.equal(ctbank(['reads', 'import', file, ...common]).status, 0);
      }
      assert.equal(ctbank(['readers', 'add', 'sen', '--role', 'senior', ...common]).status, 0);
      const decide = ['--study', s2, '--finding', 'lobes-affected', '--value', '2', '--by', 'sen'];
      assert.equal(ctbank(['adjudication', 'decide', ...decide, ...common]).status, 0);

      await writeQuantification(phantom, [
        [seriesOf(s0), s0, 5, null],
        [seriesOf(s4), s4, 50, null],
      ]);
      const few = lobesCorrelation(common);
      assert.deepEqual([few?.n, few?.rho, few?.r], [1, null, null]);
      assert.match(few?.reason ?? '', /fewer than three/);

      // Study 2 also has an unchosen series whose figure would change the ranks if used.
      await writeQuantification(phantom, [
        [seriesOf(s0), s0, 5, null],
        [seriesOf(s1), s1, 10, null],
        [seriesOf(s2), s2, 8, true],
        ['2.25.0', s2, 99, false],
        [seriesOf(s3), s3, 30, null],
        [seriesOf(s4), s4, 50, null],
      ]);
      const after = lobesCorrelation(common);

      // Lobes 1, 2, 2, 4 against 5, 10, 8, 30 %: ranks 1, 2.5, 2.5, 4 and 1, 3, 2, 4.
      const rho = 3 / Math.sqrt(10);
      const r = 41.75 / Math.sqrt(4.75 * 386.75);
      assert.equal(after?.n, 4, 'the study without consensus is left out');
      assert.ok(Math.abs((after?.rho ?? 0) - rho) < 1e-12, `ρ ${after?.rho}`);
      assert.ok(Math.abs((after?.r ?? 0) - r) < 1e-12, `r ${after?.r}`);
      const text = ctbank(['agreement', ...common]);
      assert.match(text.stdout, /automatic involvement: Spearman ρ 0\.95, Pearson r 0\.97, n 4/);
    },
  );
}
