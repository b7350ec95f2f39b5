/**
 * Copies de-identified instances out of the public zone into a folder tree for a recipient:
 * `<pseudonym>/S<series number>/I<instance number>.dcm`, names that carry nothing identifying.
 * Reads only public rows and public blobs, plus the private link from original study to public
 * study that says which studies the caller asked for.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BlobReader } from '../store/blob-store.js';
import type { Workspace } from '../workspace/workspace.js';

/** One file to write, relative to the output folder, and the public blob that holds it. */
export interface ExportedFile {
  readonly relativePath: string;
  readonly sha256: string;
}

/** What an export holds. */
export interface Export {
  readonly patients: number;
  readonly files: readonly ExportedFile[];
  /** Original instances of those studies held back, with the reason. */
  readonly quarantined: readonly { path: string; reason: string }[];
  /** Attributes the profile does not know, what was done with them, in how many instances. */
  readonly unknownAttributes: readonly UnknownAttributeReport[];
}

/** One unknown attribute of the exported studies. */
export interface UnknownAttributeReport {
  readonly path: string;
  readonly tag: string;
  readonly vr: string;
  readonly outcome: string;
  readonly instances: number;
}

/** The de-identified files of the given original studies, and what was quarantined. */
export async function exportStudies(
  workspace: Workspace,
  originalStudyUids: readonly string[],
): Promise<Export> {
  if (originalStudyUids.length === 0) {
    return { patients: 0, files: [], quarantined: [], unknownAttributes: [] };
  }
  const db = workspace.catalog.db;

  const rows = await db
    .selectFrom('identity_studies as link')
    .innerJoin('studies as st', 'st.study_instance_uid', 'link.study_instance_uid')
    .innerJoin('series as se', 'se.study_instance_uid', 'st.study_instance_uid')
    .innerJoin('instances as i', 'i.series_instance_uid', 'se.series_instance_uid')
    .select(['st.patient_id', 'se.series_number', 'i.instance_number', 'i.sha256'])
    .where('link.original_study_instance_uid', 'in', originalStudyUids)
    .orderBy('st.patient_id')
    .orderBy('se.series_number')
    .orderBy('i.instance_number')
    .execute();

  const used = new Set<string>();
  const files: ExportedFile[] = [];
  for (const row of rows) {
    const relativePath = uniquePath(used, row.patient_id, row.series_number, row.instance_number);
    files.push({ relativePath, sha256: row.sha256 });
  }

  const quarantined = await db
    .selectFrom('deid_quarantine as q')
    .innerJoin('original_instances as i', 'i.sop_instance_uid', 'q.original_sop_instance_uid')
    .innerJoin('original_series as se', 'se.series_instance_uid', 'i.series_instance_uid')
    .select(['i.source_path', 'q.reason', 'q.detail'])
    .where('se.study_instance_uid', 'in', originalStudyUids)
    .orderBy('i.source_path')
    .execute();

  const unknown = await db
    .selectFrom('deid_unknown_attributes')
    .select(['path', 'tag', 'vr', 'outcome'])
    .select((eb) => eb.fn.sum<number>('instances').as('instances'))
    .where('original_study_instance_uid', 'in', originalStudyUids)
    .groupBy(['path', 'tag', 'vr', 'outcome'])
    .orderBy('path')
    .execute();

  return {
    unknownAttributes: unknown.map((row) => ({ ...row, instances: Number(row.instances) })),
    patients: new Set(rows.map((row) => row.patient_id)).size,
    files,
    quarantined: quarantined.map((row) => ({
      path: row.source_path,
      reason: `${row.reason}: ${row.detail}`,
    })),
  };
}

// Numbers can repeat or be missing; a counter suffix keeps every name unique.
function uniquePath(
  used: Set<string>,
  pseudonym: string,
  seriesNumber: number | null,
  instanceNumber: number | null,
): string {
  const instance = String(instanceNumber ?? 0).padStart(4, '0');
  const base = `${pseudonym}/S${seriesNumber ?? 0}/I${instance}`;
  let candidate = `${base}.dcm`;
  for (let copy = 2; used.has(candidate); copy++) candidate = `${base}-${copy}.dcm`;
  used.add(candidate);
  return candidate;
}

/**
 * Copies the exported files out of the public zone, one at a time, so that memory stays flat
 * however large the export; takes only a public-zone reader.
 */
export async function writeExport(
  publicZone: BlobReader,
  files: readonly ExportedFile[],
  outDir: string,
): Promise<void> {
  const made = new Set<string>();

  for (const file of files) {
    const target = path.join(outDir, file.relativePath);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await copyFile(publicZone.pathOf(file.sha256), target);
  }
}
