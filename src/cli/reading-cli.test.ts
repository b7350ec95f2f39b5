/**
 * End-to-end: a phantom cohort is ingested and de-identified, two readers' CSVs with planted
 * disagreements are imported, the adjudication list holds exactly the disputed findings, a
 * senior settles them, and the consensus, agreement and overview table follow — all through
 * the real command line on a fresh workspace.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { parseCsv } from '../csv/csv-table.js';
import { DEFAULT_READING_FORM } from '../reading/default-form.js';
import { catalogTargets } from '../testing/catalog-targets.js';
import { temporaryDir } from '../testing/paths.js';
import {
  CLEAR_READ as clear,
  ctbank,
  json,
  phantomWorkspace,
  readsCsv as csv,
  type Ran,
} from './reading-cli-harness.js';

for (const target of catalogTargets()) {
  test(
    `reads from two readers, adjudication of exactly the disputes, consensus and ` +
      `statistics on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const { common } = await phantomWorkspace(4, target);
      const studies = json<{ studyInstanceUid: string }[]>(
        ctbank(['ls', 'studies', '--json', ...common]),
      );
      const uids = studies.map((study) => study.studyInstanceUid);
      assert.equal(uids.length, 4);
      assert.ok(uids.every((uid) => uid.startsWith('2.25.')));

      const form = json<{ version: string; findings: { key: string; type: string }[] }>(
        ctbank(['form', 'show', '--json', ...common]),
      );
      assert.equal(form.version, DEFAULT_READING_FORM.version);
      assert.deepEqual(
        form.findings.map((f) => f.key),
        DEFAULT_READING_FORM.findings.map((f) => f.key),
      );

      // Planted: study 0 differs on cavitation, study 1 on the opacity set and the lobe count.
      const [s0 = '', s1 = '', s2 = '', s3 = ''] = uids;
      const dir = await temporaryDir();
      const ann = path.join(dir, 'ann.csv');
      const bob = path.join(dir, 'bob.csv');
      await writeFile(
        ann,
        csv([s0, s1, s2, s3].map((study) => ({ ...clear, study, reader: 'ann' }))),
      );
      await writeFile(
        bob,
        csv([
          { ...clear, study: s0, reader: 'bob', cavitation: 'present' },
          {
            ...clear,
            study: s1,
            reader: 'bob',
            opacity: 'ggo;consolidation',
            'lobes-affected': '4',
          },
          { ...clear, study: s2, reader: 'bob' },
          { ...clear, study: s3, reader: 'bob' },
          { ...clear, study: s3, reader: 'bob', fibrosis: 'maybe' },
          { ...clear, study: '2.25.999', reader: 'bob' },
        ]),
      );

      const first = json<{ rows: { status: string }[]; readersAdded: string[] }>(
        ctbank(['reads', 'import', ann, '--json', ...common]),
      );
      assert.deepEqual(first.readersAdded, ['ann']);
      assert.ok(first.rows.every((row) => row.status === 'loaded'));
      const secondRan = ctbank(['reads', 'import', bob, '--json', ...common]);
      assert.equal(secondRan.status, 1, 'rejected rows make the status 1');
      const second = json<{ rows: { line: number; status: string; code?: string }[] }>(secondRan);
      assert.deepEqual(
        second.rows.map((row) => [row.line, row.status, row.code]),
        [
          [2, 'loaded', undefined],
          [3, 'loaded', undefined],
          [4, 'loaded', undefined],
          [5, 'loaded', undefined],
          [6, 'rejected', 'READ_INVALID'],
          [7, 'rejected', 'STUDY_UNKNOWN'],
        ],
      );
      assert.equal(
        ctbank(['reads', 'import', ann, ...common]).status,
        0,
        'the same file again is unchanged',
      );

      const items = json<{ study: string; finding: string; answers: Record<string, unknown> }[]>(
        ctbank(['adjudication', 'list', '--json', ...common]),
      );
      assert.deepEqual(
        items.map((item) => [item.study, item.finding, item.answers]).sort(),
        [
          [s0, 'cavitation', { ann: 'absent', bob: 'present' }],
          [s1, 'opacity', { ann: ['ggo'], bob: ['ggo', 'consolidation'] }],
          [s1, 'lobes-affected', { ann: 2, bob: 4 }],
        ].sort(),
      );

      const decide = (study: string, finding: string, value: string, by: string): Ran =>
        ctbank([
          'adjudication',
          'decide',
          '--study',
          study,
          '--finding',
          finding,
          '--value',
          value,
          '--by',
          by,
          ...common,
        ]);
      assert.equal(decide(s0, 'cavitation', 'present', 'ann').status, 2, 'ann is not a senior');
      assert.equal(ctbank(['readers', 'add', 'sen', '--role', 'senior', ...common]).status, 0);
      assert.equal(decide(s0, 'cavitation', 'present', 'sen').status, 0);
      assert.equal(decide(s1, 'opacity', 'ggo;consolidation', 'sen').status, 0);
      assert.equal(decide(s1, 'lobes-affected', '3', 'sen').status, 0);
      assert.equal(decide(s1, 'lobes-affected', '3', 'sen').status, 2, 'already settled');
      assert.deepEqual(json<unknown[]>(ctbank(['adjudication', 'list', '--json', ...common])), []);

      const exported = parseCsv(ctbank(['reads', 'export', ...common]).stdout);
      const consensus = exported.rows.filter((row) => row.cells['reader'] === 'consensus');
      assert.equal(consensus.length, 4);
      const of = (study: string) => consensus.find((row) => row.cells['study'] === study)?.cells;
      assert.equal(of(s0)?.['cavitation'], 'present');
      assert.equal(of(s1)?.['opacity'], 'ggo;consolidation', 'choices in form order');
      assert.equal(of(s1)?.['lobes-affected'], '3');
      assert.equal(of(s2)?.['distribution'], 'peripheral;bilateral');

      const agreement = json<
        {
          finding: string;
          n: number;
          percentAgreement: number;
          kappa: number | null;
          kappaReason?: string;
          weightedKappa?: number | null;
        }[]
      >(ctbank(['agreement', '--json', ...common]));
      const entry = (key: string) => agreement.find((e) => e.finding === key);
      assert.deepEqual([entry('cavitation')?.n, entry('cavitation')?.percentAgreement], [4, 75]);
      assert.equal(entry('cavitation')?.kappa, 0, 'ann never marked it: κ is 0, not undefined');
      assert.equal(entry('fibrosis')?.kappa, null);
      assert.match(entry('fibrosis')?.kappaReason ?? '', /one category/);
      assert.equal(entry('opacity:consolidation')?.percentAgreement, 75);
      assert.equal(entry('lobes-affected')?.percentAgreement, 75);
      assert.ok('weightedKappa' in (entry('lobes-affected') ?? {}));

      const stats = json<{
        studies: number;
        consensusStudies: number;
        findings: Record<string, { n: number; percent: number }>;
      }>(ctbank(['stats', '--json', ...common]));
      assert.equal(stats.consensusStudies, 4);
      assert.deepEqual(stats.findings['cavitation'], { n: 1, percent: 25 });
      assert.deepEqual(stats.findings['opacity:ggo'], { n: 4, percent: 100 });
      assert.deepEqual(stats.findings['lobes-affected:3'], { n: 1, percent: 25 });
    },
  );

  test(
    `assignment keeps readers to their studies and the other read hidden on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const { common } = await phantomWorkspace(2, target);
      for (const name of ['ann', 'bob', 'cem']) {
        assert.equal(ctbank(['readers', 'add', name, ...common]).status, 0);
      }
      const assigned = json<{ assigned: { studyInstanceUid: string; readers: string[] }[] }>(
        ctbank(['assign', '--seed', 's', '--json', ...common]),
      );
      assert.equal(assigned.assigned.length, 2);
      const [study] = assigned.assigned;
      const [reader = '', other = ''] = study?.readers ?? [];
      const outsider =
        ['ann', 'bob', 'cem'].find((name) => !(study?.readers ?? []).includes(name)) ?? '';
      const uid = study?.studyInstanceUid ?? '';
      const answers = Object.entries(clear).flatMap(([key, value]) => [
        '--answer',
        `${key}=${value}`,
      ]);
      const submit = (who: string, extra: string[] = []): Ran =>
        ctbank([
          'reads',
          'submit',
          '--study',
          uid,
          '--reader',
          who,
          ...answers,
          ...extra,
          ...common,
        ]);

      const refused = submit(outsider);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /NOT_ASSIGNED/);
      assert.equal(submit(reader).status, 0);
      assert.match(submit(reader).stderr, /READ_SUBMITTED/, 'no second first read');
      const hidden = ctbank([
        'reads',
        'show',
        '--study',
        uid,
        '--reader',
        other,
        '--json',
        ...common,
      ]);
      assert.deepEqual(
        (JSON.parse(hidden.stdout) as { others: unknown }).others,
        null,
        'nothing of the other read',
      );
      assert.equal(submit(other).status, 0);
      const shown = json<{ others: { reader: string }[] }>(
        ctbank(['reads', 'show', '--study', uid, '--reader', other, '--json', ...common]),
      );
      assert.deepEqual(
        shown.others.map((read) => read.reader),
        [reader],
      );

      assert.equal(submit(reader, ['--correction', 'second look']).status, 0);
      const history = json<{ supersedes: number | null; unblindedCorrection: boolean }[]>(
        ctbank(['reads', 'history', '--study', uid, '--json', ...common]),
      );
      assert.equal(history.length, 3);
      assert.equal(history[2]?.supersedes, 1);
      assert.deepEqual(
        history.map((read) => read.unblindedCorrection),
        [false, false, true],
        'the correction came after the other read was in',
      );
      assert.match(
        ctbank(['reads', 'history', '--study', uid, ...common]).stdout,
        /second look\s+yes/,
        'the table shows the flag too',
      );
      const worklist = json<{ studyInstanceUid: string }[]>(
        ctbank(['reads', 'worklist', '--reader', outsider, '--json', ...common]),
      );
      assert.ok(!worklist.some((entry) => entry.studyInstanceUid === uid));
    },
  );
}
