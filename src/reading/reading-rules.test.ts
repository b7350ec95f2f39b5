/**
 * The rules of the blinded reader study, on SQLite and PostgreSQL: the forbidden moves fail
 * with their typed errors, and corrections keep the history.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasCode } from '../errors.js';
import { catalogTargets } from '../testing/catalog-targets.js';
import { decideAdjudication } from './adjudication.js';
import { assignStudies, studyAssignments } from './assignment.js';
import { addReader } from './readers.js';
import { clearLungs, workspaceWithStudies } from './reading-fixture.js';
import { correctRead, openStudy, otherReads, readHistory, submitRead } from './reads.js';
import { activeForm } from './workspace-form.js';

for (const target of catalogTargets()) {
  describe(`reading rules on ${target.dialect}`, { skip: target.skip ?? false }, () => {
    async function setUp() {
      const { workspace, studyUids } = await workspaceWithStudies(target, 3);
      const db = workspace.catalog.db;
      const form = await activeForm(db, workspace.dir);
      for (const name of ['ann', 'bob', 'cem']) await addReader(db, { name, role: 'reader' });
      await addReader(db, { name: 'sen', role: 'senior' });
      await assignStudies(db, 'rules');
      const duties = await studyAssignments(db);
      const study = studyUids[0] ?? '';
      const readersOf = (uid: string) =>
        duties
          .filter((d) => d.studyInstanceUid === uid && d.duty === 'reader')
          .map((d) => d.reader);
      const [first = '', second = ''] = readersOf(study);
      const outsider = ['ann', 'bob', 'cem'].find((name) => !readersOf(study).includes(name)) ?? '';
      return { workspace, db, form, study, first, second, outsider };
    }

    test('a reader cannot open or read a study not assigned to them', async () => {
      const { workspace, db, form, study, outsider } = await setUp();
      try {
        await assert.rejects(openStudy(db, form, outsider, study), (e) =>
          hasCode(e, 'NOT_ASSIGNED'),
        );
        await assert.rejects(
          submitRead(db, form, {
            studyInstanceUid: study,
            reader: outsider,
            answers: clearLungs(),
          }),
          (e) => hasCode(e, 'NOT_ASSIGNED'),
        );
      } finally {
        await workspace.close();
      }
    });

    test('a reader sees the other read only after submitting their own', async () => {
      const { workspace, db, form, study, first, second } = await setUp();
      try {
        await submitRead(db, form, {
          studyInstanceUid: study,
          reader: first,
          answers: clearLungs(),
        });

        await assert.rejects(otherReads(db, second, study), (e) => hasCode(e, 'READ_HIDDEN'));
        const opened = await openStudy(db, form, second, study);
        assert.equal(opened.own, null, 'the view holds only the reader’s own read');

        await submitRead(db, form, {
          studyInstanceUid: study,
          reader: second,
          answers: clearLungs(),
        });
        const seen = await otherReads(db, second, study);
        assert.deepEqual(
          seen.map((read) => read.reader),
          [first],
        );
      } finally {
        await workspace.close();
      }
    });

    test(
      'a submitted read is never edited; a correction supersedes it and both are ' + 'kept',
      async () => {
        const { workspace, db, form, study, first } = await setUp();
        try {
          const submission = { studyInstanceUid: study, reader: first, answers: clearLungs() };
          const original = await submitRead(db, form, submission);

          await assert.rejects(
            submitRead(db, form, { ...submission, answers: clearLungs({ cavitation: 'present' }) }),
            (e) => hasCode(e, 'READ_SUBMITTED'),
          );
          const corrected = await correctRead(db, form, {
            ...submission,
            answers: clearLungs({ cavitation: 'present' }),
            reason: 'missed a cavity in the right upper lobe',
          });

          const history = await readHistory(db, study);
          assert.deepEqual(
            history.map((read) => read.id),
            [original.id, corrected.id],
          );
          assert.equal(history[0]?.answers['cavitation'], 'absent', 'the old read is unchanged');
          assert.equal(corrected.supersedes, original.id);
          const opened = await openStudy(db, form, first, study);
          assert.equal(opened.own?.id, corrected.id);
        } finally {
          await workspace.close();
        }
      },
    );

    test('a correction made after the other reader submitted is flagged unblinded', async () => {
      const { workspace, db, form, study, first, second } = await setUp();
      try {
        const own = { studyInstanceUid: study, reader: first, answers: clearLungs() };
        const other = { studyInstanceUid: study, reader: second, answers: clearLungs() };
        const fibrosis = clearLungs({ fibrosis: 'present' });
        await submitRead(db, form, own);
        await correctRead(db, form, { ...own, answers: fibrosis, reason: 'before the other' });
        await submitRead(db, form, other);
        await correctRead(db, form, { ...own, reason: 'after the other' });
        await correctRead(db, form, { ...other, answers: fibrosis, reason: 'second look' });

        const history = await readHistory(db, study);
        assert.deepEqual(
          history.map((read) => [read.reader, read.correctionReason, read.unblindedCorrection]),
          [
            [first, null, false],
            [first, 'before the other', false],
            [second, null, false],
            [first, 'after the other', true],
            [second, 'second look', true],
          ],
        );
      } finally {
        await workspace.close();
      }
    });

    test('a reader cannot adjudicate a study they read', async () => {
      const { workspace, db, form, study, first, second } = await setUp();
      try {
        // The senior reads too (imported reads may come from anyone): now it is their own read.
        await db.deleteFrom('reading_assignments').where('reader', '=', 'sen').execute();
        await db
          .updateTable('reading_assignments')
          .set({ reader: 'sen' })
          .where('study_instance_uid', '=', study)
          .where('reader', '=', second)
          .execute();
        await submitRead(db, form, {
          studyInstanceUid: study,
          reader: first,
          answers: clearLungs(),
        });
        await submitRead(db, form, {
          studyInstanceUid: study,
          reader: 'sen',
          answers: clearLungs({ fibrosis: 'present' }),
        });

        const decision = { studyInstanceUid: study, finding: 'fibrosis', value: 'present' };
        await assert.rejects(decideAdjudication(db, form, { ...decision, by: 'sen' }), (e) =>
          hasCode(e, 'ADJUDICATION_OWN_READ'),
        );
        await assert.rejects(
          decideAdjudication(db, form, { ...decision, by: first }),
          (e) => hasCode(e, 'READER_UNKNOWN'),
          'a reader who is not senior cannot adjudicate either',
        );
      } finally {
        await workspace.close();
      }
    });

    test('answers that do not fit the form are refused with every reason', async () => {
      const { workspace, db, form, study, first } = await setUp();
      try {
        const answers = clearLungs({ 'lobes-affected': 6, opacity: ['ggo', 'halo'] });
        delete answers['fibrosis'];

        await assert.rejects(
          submitRead(db, form, { studyInstanceUid: study, reader: first, answers }),
          (e) =>
            hasCode(e, 'READ_INVALID') &&
            /lobes-affected/.test(e.message) &&
            /halo/.test(e.message) &&
            /fibrosis: not answered/.test(e.message),
        );
      } finally {
        await workspace.close();
      }
    });
  });
}
