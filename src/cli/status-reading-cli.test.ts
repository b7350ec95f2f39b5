/**
 * End-to-end: `ctbank status` shows each study's reading state (readers assigned, reads in,
 * open adjudication items, consensus complete) beside its stages, mapped from the original
 * study the stages run on to the de-identified study the readers read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogTargets } from '../testing/catalog-targets.js';
import { CLEAR_READ, ctbank, json, phantomWorkspace, type Ran } from './reading-cli-harness.js';

interface StatusRow {
  studyInstanceUid: string;
  stages: Record<string, { status: string }>;
  reading: {
    studyInstanceUid: string;
    assignedReaders: number;
    readsSubmitted: number;
    openAdjudications: number;
    consensusComplete: boolean;
  } | null;
}

for (const target of catalogTargets()) {
  test(
    `status follows each study through reading and adjudication on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const { common } = await phantomWorkspace(2, target);
      for (const name of ['ann', 'bob']) {
        assert.equal(ctbank(['readers', 'add', name, ...common]).status, 0);
      }
      assert.equal(ctbank(['readers', 'add', 'sen', '--role', 'senior', ...common]).status, 0);
      const unassigned = json<StatusRow[]>(ctbank(['status', '--json', ...common]));
      assert.deepEqual(
        unassigned.map((row) => row.reading?.assignedReaders),
        [0, 0],
      );

      const assigned = json<{ assigned: { studyInstanceUid: string; readers: string[] }[] }>(
        ctbank(['assign', '--seed', 's', '--json', ...common]),
      );
      const study = assigned.assigned[0]?.studyInstanceUid ?? '';
      const [first = '', second = ''] = assigned.assigned[0]?.readers ?? [];
      const submit = (reader: string, cavitation: string): Ran =>
        ctbank([
          'reads',
          'submit',
          '--study',
          study,
          '--reader',
          reader,
          ...Object.entries({ ...CLEAR_READ, cavitation }).flatMap(([key, value]) => [
            '--answer',
            `${key}=${value}`,
          ]),
          ...common,
        ]);
      const readingOf = (): StatusRow['reading'] => {
        const rows = json<StatusRow[]>(ctbank(['status', '--json', ...common]));
        const row = rows.find((candidate) => candidate.reading?.studyInstanceUid === study);
        assert.ok(row !== undefined, 'the de-identified study is found through its original');
        assert.notEqual(row.studyInstanceUid, study, 'status lists the original UID');
        assert.ok('deid' in row.stages, 'the stages are still there');
        return row.reading;
      };

      assert.deepEqual(readingOf(), {
        studyInstanceUid: study,
        assignedReaders: 2,
        readsSubmitted: 0,
        openAdjudications: 0,
        consensusComplete: false,
      });
      assert.equal(submit(first, 'absent').status, 0);
      assert.equal(readingOf()?.readsSubmitted, 1);
      assert.equal(submit(second, 'present').status, 0);
      assert.deepEqual(readingOf(), {
        studyInstanceUid: study,
        assignedReaders: 2,
        readsSubmitted: 2,
        openAdjudications: 1,
        consensusComplete: false,
      });
      const decide = ['--study', study, '--finding', 'cavitation', '--value', 'present'];
      assert.equal(
        ctbank(['adjudication', 'decide', ...decide, '--by', 'sen', ...common]).status,
        0,
      );
      assert.equal(readingOf()?.consensusComplete, true);
      assert.equal(readingOf()?.openAdjudications, 0);

      const table = ctbank(['status', ...common]).stdout;
      assert.match(table, /2\/2 reads, consensus/);
      assert.match(table, /0\/2 reads/);
    },
  );

  test(
    `status has no reading state for a study not de-identified yet on ${target.dialect}`,
    { skip: target.skip ?? false },
    async () => {
      const { common } = await phantomWorkspace(1, target, false);

      const rows = json<StatusRow[]>(ctbank(['status', '--json', ...common]));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.reading, null);
    },
  );
}
