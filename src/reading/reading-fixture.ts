/**
 * Test support: a workspace whose public tables hold a few de-identified studies, as the deid
 * stage leaves them, without running it (the reading rules need only the public rows).
 */
import { DEFAULT_READING_FORM } from './default-form.js';
import { openWorkspace, type Workspace } from '../workspace/workspace.js';
import { databaseFor, type CatalogTarget } from '../testing/catalog-targets.js';
import { temporaryDir } from '../testing/paths.js';

/** A fresh workspace on the target with `studies` public studies, one patient each. */
export async function workspaceWithStudies(
  target: CatalogTarget,
  studies: number,
): Promise<{ workspace: Workspace; studyUids: string[] }> {
  const databaseUrl = await databaseFor(target);
  const dir = await temporaryDir('ctbank-reading-');
  const workspace = await openWorkspace(databaseUrl === undefined ? { dir } : { dir, databaseUrl });
  const now = new Date().toISOString();

  const studyUids: string[] = [];
  for (let i = 1; i <= studies; i++) {
    const patientId = `CT-${String(i).padStart(4, '0')}`;
    const uid = `2.25.${1000 + i}`;
    await workspace.catalog.db
      .insertInto('patients')
      .values({
        patient_id: patientId,
        patient_sex: i % 2 === 0 ? 'F' : 'M',
        patient_age: '050Y',
        withdrawn_at: null,
        withdrawal_reason: null,
        created_at: now,
      })
      .execute();
    await workspace.catalog.db
      .insertInto('studies')
      .values({
        study_instance_uid: uid,
        patient_id: patientId,
        study_date: null,
        study_time: null,
        study_description: null,
        created_at: now,
      })
      .execute();
    studyUids.push(uid);
  }
  return { workspace, studyUids };
}

/** A complete read of the default form: clear lungs, or `overrides`. */
export function clearLungs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const finding of DEFAULT_READING_FORM.findings) {
    answers[finding.key] =
      finding.type === 'binary' ? 'absent' : finding.type === 'multi' ? [] : finding.min;
  }
  return { ...answers, ...overrides };
}
