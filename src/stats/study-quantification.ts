/**
 * The quantification stage's figures per study, for the readers' statistics: the automatic
 * involvement and severity of the series chosen for analysis (`series_quality.chosen`), or of
 * the study's only measured series when none is marked chosen; a study with several measured
 * series and no choice is left out, since any pick among them would be arbitrary. The tables
 * stay empty until the quality and `quantify` stages have run, and everything here then
 * reports nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';

/** One study's automatic figures. */
export interface StudyQuantification {
  readonly studyInstanceUid: string;
  /** Infected lung volume / lung volume × 100. */
  readonly involvementPercent: number;
  /** `CT-0` … `CT-4`. */
  readonly severity: string;
}

/** The automatic figures of each measured public study, by UID. */
export async function studyQuantification(
  db: Kysely<Database>,
): Promise<Map<string, StudyQuantification>> {
  const rows = await db
    .selectFrom('series_quantification as q')
    .innerJoin('studies as st', 'st.study_instance_uid', 'q.study_instance_uid')
    .leftJoin('series_quality as qc', 'qc.series_instance_uid', 'q.series_instance_uid')
    .select(['q.study_instance_uid', 'q.involvement_percent', 'q.severity', 'qc.chosen'])
    .orderBy('q.study_instance_uid')
    .orderBy('q.series_instance_uid')
    .execute();

  const byStudy = new Map<string, typeof rows>();
  for (const row of rows) {
    byStudy.set(row.study_instance_uid, [...(byStudy.get(row.study_instance_uid) ?? []), row]);
  }

  const result = new Map<string, StudyQuantification>();
  for (const [studyInstanceUid, measured] of byStudy) {
    const chosen = measured.find((row) => Number(row.chosen ?? 0) === 1);
    const row = chosen ?? (measured.length === 1 ? measured[0] : undefined);
    if (row === undefined) continue;
    result.set(studyInstanceUid, {
      studyInstanceUid,
      involvementPercent: Number(row.involvement_percent),
      severity: row.severity,
    });
  }
  return result;
}

/** How many public series carry each quality flag code. */
export async function qualityFlagCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('series_quality as qc')
    .innerJoin('studies as st', 'st.study_instance_uid', 'qc.study_instance_uid')
    .select('qc.flags_json')
    .execute();

  const counts = new Map<string, number>();
  for (const row of rows) {
    const flags = JSON.parse(row.flags_json) as { code?: unknown }[];
    const codes = new Set(flags.map((flag) => String(flag.code)));
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}
