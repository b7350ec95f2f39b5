/**
 * The series of a workspace that may leave it: de-identified series of patients not
 * withdrawn, read from the public tables only, their instances from public blobs only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import type { BlobReader } from '../store/blob-store.js';
import type { InstanceSource } from '../volume/instance-source.js';
import type { ExportSeries } from './export-series.js';

/** Every public series, ordered by pseudonym and series number, reading from the public zone. */
export async function publicSeries(
  db: Kysely<Database>,
  publicZone: BlobReader,
): Promise<ExportSeries[]> {
  const rows = await db
    .selectFrom('series as se')
    .innerJoin('studies as st', 'st.study_instance_uid', 'se.study_instance_uid')
    .innerJoin('patients as p', 'p.patient_id', 'st.patient_id')
    .innerJoin('instances as i', 'i.series_instance_uid', 'se.series_instance_uid')
    .select([
      'p.patient_id',
      'se.series_instance_uid',
      'se.series_number',
      'se.series_description',
      'se.modality',
      'se.manufacturer',
      'se.manufacturer_model_name',
      'i.sop_instance_uid',
      'i.sha256',
    ])
    .where('p.withdrawn_at', 'is', null)
    .orderBy('p.patient_id')
    .orderBy('se.series_number')
    .orderBy('se.series_instance_uid')
    .orderBy('i.instance_number')
    .execute();

  const bySeries = new Map<string, ExportSeries & { readonly instances: InstanceSource[] }>();
  for (const row of rows) {
    let series = bySeries.get(row.series_instance_uid);
    if (series === undefined) {
      series = {
        patientFolder: row.patient_id,
        attributes: {
          seriesInstanceUid: row.series_instance_uid,
          seriesNumber: row.series_number,
          seriesDescription: row.series_description,
          modality: row.modality,
          manufacturer: row.manufacturer,
          manufacturerModelName: row.manufacturer_model_name,
        },
        instances: [],
      };
      bySeries.set(row.series_instance_uid, series);
    }
    const sha256 = row.sha256;
    series.instances.push({
      name: `${row.patient_id}/${row.sop_instance_uid}`,
      read: () => publicZone.read(sha256),
    });
  }
  return [...bySeries.values()];
}
