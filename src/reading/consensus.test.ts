/**
 * Assignment, consensus and adjudication on SQLite and PostgreSQL: balanced pairs of distinct
 * readers from a seed, disputed findings (and only those) open for a senior, labels that say
 * how they were reached, and an adjudication reopened by a later correction.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasCode } from '../errors.js';
import { catalogTargets } from '../testing/catalog-targets.js';
import { decideAdjudication, openAdjudications } from './adjudication.js';
import { assignStudies, studyAssignments } from './assignment.js';
import { consensusOfStudies } from './consensus.js';
import { addReader } from './readers.js';
import { clearLungs, workspaceWithStudies } from './reading-fixture.js';
import { correctRead, submitRead } from './reads.js';
import { activeForm } from './workspace-form.js';

for (const target of catalogTargets()) {
  describe(`consensus on ${target.dialect}`, { skip: target.skip ?? false }, () => {
    test(
      'assigns two distinct readers per study, balanced, the same for the same ' + 'seed',
      async () => {
        const runs = [];
        for (let i = 0; i < 2; i++) {
          const { workspace, studyUids } = await workspaceWithStudies(target, 9);
          const db = workspace.catalog.db;
          for (const name of ['ann', 'bob', 'cem']) await addReader(db, { name, role: 'reader' });
          await addReader(db, { name: 'sen', role: 'senior' });
          const report = await assignStudies(db, 'seed-1');
          const again = await assignStudies(db, 'seed-1');
          const duties = await studyAssignments(db);
          await workspace.close();

          assert.equal(report.assigned.length, studyUids.length);
          assert.equal(again.assigned.length, 0, 'a study with readers gets none again');
          for (const study of report.assigned) {
            assert.equal(new Set(study.readers).size, 2, 'two distinct readers');
            assert.equal(study.adjudicator, 'sen');
          }
          const load = (name: string) =>
            duties.filter((d) => d.reader === name && d.duty === 'reader').length;
          assert.deepEqual(['ann', 'bob', 'cem'].map(load), [6, 6, 6], '9 studies × 2 / 3 readers');
          runs.push(report.assigned);
        }
        assert.deepEqual(runs[0], runs[1]);
      },
    );

    test(
      'opens exactly the disputed findings; a decision settles them, a correction ' + 'reopens',
      async () => {
        const { workspace, studyUids } = await workspaceWithStudies(target, 2);
        const db = workspace.catalog.db;
        try {
          const form = await activeForm(db, workspace.dir);
          await addReader(db, { name: 'ann', role: 'reader' });
          await addReader(db, { name: 'bob', role: 'reader' });
          await addReader(db, { name: 'sen', role: 'senior' });
          await assignStudies(db, 'x');
          const [disputed = '', agreed = ''] = studyUids;
          const read = (study: string, reader: string, answers: Record<string, unknown>) =>
            submitRead(db, form, { studyInstanceUid: study, reader, answers });

          await read(disputed, 'ann', clearLungs({ opacity: ['ggo'], 'lobes-affected': 2 }));
          assert.deepEqual(await openAdjudications(db, form), [], 'nothing before both reads');
          await read(
            disputed,
            'bob',
            clearLungs({ opacity: ['ggo', 'consolidation'], 'lobes-affected': 3 }),
          );
          await read(agreed, 'ann', clearLungs());
          await read(agreed, 'bob', clearLungs());

          const open = await openAdjudications(db, form);
          assert.deepEqual(
            open.map((item) => [item.studyInstanceUid, item.finding, item.answers]),
            [
              [disputed, 'opacity', { ann: ['ggo'], bob: ['ggo', 'consolidation'] }],
              [disputed, 'lobes-affected', { ann: 2, bob: 3 }],
            ],
          );

          await decideAdjudication(db, form, {
            studyInstanceUid: disputed,
            finding: 'opacity',
            value: ['consolidation', 'ggo'],
            by: 'sen',
          });
          await assert.rejects(
            decideAdjudication(db, form, {
              studyInstanceUid: disputed,
              finding: 'opacity',
              value: [],
              by: 'sen',
            }),
            (e) => hasCode(e, 'ADJUDICATION_NOT_OPEN'),
          );
          await decideAdjudication(db, form, {
            studyInstanceUid: disputed,
            finding: 'lobes-affected',
            value: 3,
            by: 'sen',
          });

          const consensus = await consensusOfStudies(db, form);
          const labels = consensus.find((c) => c.studyInstanceUid === disputed)?.labels ?? [];
          const opacity = labels.find((label) => label.finding === 'opacity');
          assert.deepEqual(
            [opacity?.value, opacity?.method, opacity?.by],
            [['ggo', 'consolidation'], 'adjudication', ['sen']],
          );
          const fibrosis = labels.find((label) => label.finding === 'fibrosis');
          assert.deepEqual([fibrosis?.method, fibrosis?.by], ['agreement', ['ann', 'bob']]);
          assert.ok(consensus.every((study) => study.complete));

          await correctRead(db, form, {
            studyInstanceUid: disputed,
            reader: 'ann',
            answers: clearLungs({ opacity: ['ggo'], 'lobes-affected': 3 }),
            reason: 'recounted the lobes',
          });
          const reopened = await openAdjudications(db, form);
          assert.deepEqual(
            reopened.map((item) => item.finding),
            ['opacity'],
            'lobes now agree',
          );
        } finally {
          await workspace.close();
        }
      },
    );
  });
}
