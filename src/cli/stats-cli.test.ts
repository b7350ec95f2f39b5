/**
 * End-to-end: a phantom cohort with known ages and sexes, clinical data for some patients, and
 * every number of the overview table checked against what was generated; the original patient
 * IDs appear in no output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { PatientTruth } from '../phantom/truth.js';
import { catalogTargets, databaseFor } from '../testing/catalog-targets.js';
import { CLI, temporaryDir } from '../testing/paths.js';

function ctbank(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Overview {
  patients: number;
  studies: number;
  age: {
    n: number;
    mean: number;
    sd: number;
    median: number;
    min: number;
    max: number;
    fromClinical: number;
    fromHeaders: number;
  };
  sex: Record<string, number>;
  clinicalPatients: number;
  comorbidities: { key: string; n: number; percent: number }[];
  rtPcr: Record<string, number>;
  acquisition: {
    first: string;
    last: string;
    months: number;
    studiesByMonth: Record<string, number>;
  };
  scanners: { key: string; n: number }[];
  sliceThickness: { key: string; n: number }[];
  severity: { key: string; n: number }[] | null;
}

for (const target of catalogTargets()) {
  test(
    `the overview table matches the generated cohort, clinical ages first, on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const workspace = await temporaryDir();
      const input = await temporaryDir();
      const databaseUrl = await databaseFor(target);
      const common = [
        '--workspace',
        workspace,
        ...(databaseUrl ? ['--database', databaseUrl] : []),
      ];
      assert.equal(
        ctbank(['synth', '--out', input, '--patients', '6', '--slices', '8', '--seed', '11'])
          .status,
        0,
      );
      const truths: PatientTruth[] = [];
      for (const entry of await readdir(input, { recursive: true })) {
        if (!entry.endsWith('truth.json')) continue;
        truths.push(JSON.parse(await readFile(path.join(input, entry), 'utf8')) as PatientTruth);
        await rm(path.join(input, entry));
      }
      assert.equal(ctbank(['ingest', input, ...common]).status, 0);
      assert.equal(ctbank(['run', ...common]).status, 0);

      // Clinical rows for the first three patients: a corrected age, synonyms, and two bad rows.
      const [a, b, c] = truths;
      assert.ok(a !== undefined && b !== undefined && c !== undefined);
      const clinicalAge = a.age + 3;
      const clinical = path.join(await temporaryDir(), 'clinical.csv');
      await writeFile(
        clinical,
        [
          'patientId,age,sex,comorbidities,rtPcr,rtPcrDate,symptoms',
          `${a.patientId},${clinicalAge},,HTN;diabetes ` +
            `mellitus,positive,2020-03-02,fever;dry cough`,
          `${b.patientId},,,hypertension,Positive,,none`,
          `${c.patientId},,,CAD;Hypertension,positive,20200405,shortness of breath`,
          `${a.patientId}X,40,F,,positive,,`,
          `${b.patientId},,,gout,positive,,`,
        ].join('\r\n'),
      );
      const imported = ctbank(['clinical', 'import', clinical, '--json', ...common]);
      assert.equal(imported.status, 1, imported.stderr);
      const report = JSON.parse(imported.stdout) as {
        loaded: number;
        rejected: { line: number; reason: string }[];
      };
      assert.equal(report.loaded, 3);
      assert.deepEqual(
        report.rejected.map((row) => row.line),
        [5, 6],
      );
      assert.match(report.rejected[0]?.reason ?? '', /identity mapping/);
      assert.match(report.rejected[1]?.reason ?? '', /unknown comorbidity "gout"/);

      const ran = ctbank(['stats', '--json', ...common]);
      assert.equal(ran.status, 0, ran.stderr);
      const table = JSON.parse(ran.stdout) as Overview;

      const ages = truths
        .map((truth) => (truth === a ? clinicalAge : truth.age))
        .sort((x, y) => x - y);
      const mean = ages.reduce((s, v) => s + v, 0) / ages.length;
      const sd = Math.sqrt(ages.reduce((s, v) => s + (v - mean) ** 2, 0) / (ages.length - 1));
      const median = ((ages[2] ?? 0) + (ages[3] ?? 0)) / 2;
      assert.equal(table.patients, 6);
      assert.equal(table.studies, 6);
      assert.equal(table.age.n, 6);
      assert.ok(Math.abs(table.age.mean - mean) < 1e-9);
      assert.ok(Math.abs(table.age.sd - sd) < 1e-9);
      assert.equal(table.age.median, median);
      assert.deepEqual([table.age.min, table.age.max], [ages[0], ages[5]]);
      assert.deepEqual([table.age.fromClinical, table.age.fromHeaders], [1, 5]);

      const sexes: Record<string, number> = {};
      for (const truth of truths) sexes[truth.sex] = (sexes[truth.sex] ?? 0) + 1;
      assert.deepEqual(table.sex, sexes);

      assert.equal(table.clinicalPatients, 3);
      assert.deepEqual(
        table.comorbidities.map((item) => [item.key, item.n, Math.round(item.percent * 10) / 10]),
        [
          ['hypertension', 3, 100],
          ['coronary-heart-disease', 1, 33.3],
          ['diabetes', 1, 33.3],
        ],
      );
      assert.deepEqual(table.rtPcr, { positive: 3 });

      const originals = JSON.parse(
        ctbank(['ls', 'studies', '--original', '--json', ...common]).stdout,
      ) as { studyDate: string }[];
      const months = originals
        .map((study) => `${study.studyDate.slice(0, 4)}-${study.studyDate.slice(4, 6)}`)
        .sort();
      assert.equal(table.acquisition.first, months[0]);
      assert.equal(table.acquisition.last, months[5]);
      assert.equal(
        Object.values(table.acquisition.studiesByMonth).reduce((s, n) => s + n, 0),
        6,
      );
      assert.deepEqual(table.sliceThickness, [{ key: '3 mm', label: '3 mm', n: 6, percent: 100 }]);
      assert.equal(
        table.scanners.reduce((s, item) => s + item.n, 0),
        6,
        'one scanner model per study',
      );
      assert.equal(
        table.severity?.reduce((s, item) => s + item.n, 0),
        6,
        'ctbank run quantified each study: one severity class each, from its chosen series',
      );

      const markdown = ctbank(['stats', '--format', 'md', ...common]).stdout;
      assert.match(markdown, new RegExp(`Mean ± SD \\| ${mean.toFixed(2)} ± ${sd.toFixed(2)}`));
      const html = ctbank(['stats', '--format', 'html', ...common]).stdout;
      assert.equal((html.match(/<svg /g) ?? []).length, 2, 'age histogram and findings chart');
      const csv = ctbank(['stats', '--format', 'csv', ...common]).stdout;
      assert.match(csv, /^section,item,value\r\n/);

      for (const output of [ran.stdout, imported.stdout, markdown, html, csv]) {
        for (const truth of truths) assert.ok(!output.includes(truth.patientId), 'no original ID');
      }
    },
  );
}
