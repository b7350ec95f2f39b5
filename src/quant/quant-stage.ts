/**
 * Quality and quantification as the stage after de-identification: every de-identified series
 * of a study is assembled from the public zone, checked and, where usable, measured; the series
 * best suited for analysis is chosen; masks become DICOM Segmentation objects and the chosen
 * series a one-page PNG report, all in the public zone, with their rows in the catalog. Reads
 * only public rows and public blobs, past the one private link from original to public study.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { writeSegmentation } from '../export/dicom-seg.js';
import { renderReportPng } from '../export/report-png.js';
import { segSourceOf } from '../export/seg-source.js';
import { INFECTION_LABELS, LUNG_LABELS } from '../export/seg-segments.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { chooseSeries } from '../qc/choose-series.js';
import { sha256Hex } from '../store/blob-store.js';
import type { InstanceSource } from '../volume/instance-source.js';
import { publicReader } from '../workspace/workspace.js';
import { quantifySeries, type SeriesQuantification } from './quantify-series.js';

export const QUANT_STAGE_NAME = 'quantify';
const QUANT_STAGE_VERSION = 1;

/** The quality and quantification stage. */
export const quantStage: Stage = {
  name: QUANT_STAGE_NAME,
  version: QUANT_STAGE_VERSION,
  dependsOn: ['deid'],
  inputHash: async (context, originalStudyUid) => {
    const study = await publicStudyOf(context.workspace.catalog.db, originalStudyUid);
    const hash = createHash('sha256').update(JSON.stringify(context.workspace.config.qc));
    for (const series of study === undefined ? [] : await seriesOf(context, study)) {
      hash.update(series.seriesInstanceUid).update(series.hashes.join(''));
    }
    return hash.digest('hex');
  },
  run: quantifyStudy,
};

interface PublicSeries {
  readonly seriesInstanceUid: string;
  readonly seriesNumber: number | null;
  readonly patientId: string;
  readonly hashes: string[];
  readonly instances: InstanceSource[];
}

interface Measured {
  readonly series: PublicSeries;
  readonly measured: SeriesQuantification;
  readonly lungSeg?: string;
  readonly infectionSeg?: string;
}

async function quantifyStudy(context: StageContext, originalStudyUid: string): Promise<void> {
  const { workspace } = context;
  const study = await publicStudyOf(workspace.catalog.db, originalStudyUid);
  if (study === undefined) return; // nothing of the study reached the public zone

  const results: Measured[] = [];
  for (const series of await seriesOf(context, study)) {
    const measured = await quantifySeries(
      series.seriesInstanceUid,
      series.instances,
      workspace.config.qc,
    );
    results.push({ series, measured, ...(await storeSegmentations(context, series, measured)) });
  }

  const choice = chooseSeries(
    results.map((result) => result.measured.quality),
    workspace.config.qc,
  );
  const chosen = results.find(
    (result) => result.series.seriesInstanceUid === choice?.seriesInstanceUid,
  );
  const report = chosen === undefined ? undefined : await storeReport(context, chosen);
  await recordResults(context, study, results, choice, report);
}

// The de-identified study of an original one, through the private link the deid stage wrote.
async function publicStudyOf(
  db: Kysely<Database>,
  originalStudyUid: string,
): Promise<string | undefined> {
  const link = await db
    .selectFrom('identity_studies')
    .select('study_instance_uid')
    .where('original_study_instance_uid', '=', originalStudyUid)
    .executeTakeFirst();
  return link?.study_instance_uid;
}

async function seriesOf(context: StageContext, studyUid: string): Promise<PublicSeries[]> {
  const zone = publicReader(context.workspace);
  const rows = await context.workspace.catalog.db
    .selectFrom('series as se')
    .innerJoin('studies as st', 'st.study_instance_uid', 'se.study_instance_uid')
    .innerJoin('instances as i', 'i.series_instance_uid', 'se.series_instance_uid')
    .select(['st.patient_id', 'se.series_instance_uid', 'se.series_number', 'i.sha256'])
    .where('se.study_instance_uid', '=', studyUid)
    .orderBy('se.series_instance_uid')
    .orderBy('i.sop_instance_uid')
    .execute();

  const bySeries = new Map<string, PublicSeries>();
  for (const row of rows) {
    let series = bySeries.get(row.series_instance_uid);
    if (series === undefined) {
      series = {
        seriesInstanceUid: row.series_instance_uid,
        seriesNumber: row.series_number,
        patientId: row.patient_id,
        hashes: [],
        instances: [],
      };
      bySeries.set(row.series_instance_uid, series);
    }
    const sha256 = row.sha256;
    series.hashes.push(sha256);
    series.instances.push({ name: `${row.patient_id}/${sha256}`, read: () => zone.read(sha256) });
  }
  return [...bySeries.values()];
}

// Lung and infection masks as Segmentation objects in the public zone, with UIDs derived from
// the source series so that running the stage again replaces rather than adds.
async function storeSegmentations(
  context: StageContext,
  series: PublicSeries,
  measured: SeriesQuantification,
): Promise<{ lungSeg?: string; infectionSeg?: string }> {
  const { volume, result } = measured;
  const first = series.instances[0];
  if (volume === undefined || result === undefined || first === undefined) return {};

  const source = await segSourceOf(first);
  const store = context.workspace.publicStore;
  const write = async (kind: 'LUNG' | 'INFECTION', mask: Uint8Array): Promise<string> => {
    const bytes = writeSegmentation({
      volume,
      source,
      mask,
      labels: kind === 'LUNG' ? LUNG_LABELS : INFECTION_LABELS,
      contentLabel: kind,
      seriesDescription: kind === 'LUNG' ? 'ctbank lungs' : 'ctbank GGO and consolidation',
      seriesNumber: 9000 + (kind === 'LUNG' ? 1 : 2),
      seriesInstanceUid: derivedUid(series.seriesInstanceUid, `${kind}-series`),
      sopInstanceUid: derivedUid(series.seriesInstanceUid, `${kind}-instance`),
    });
    const sha256 = sha256Hex(bytes);
    await store.put(sha256, bytes);
    return sha256;
  };

  return {
    lungSeg: await write('LUNG', result.lungMask),
    infectionSeg: await write('INFECTION', result.infectionMask),
  };
}

async function storeReport(context: StageContext, chosen: Measured): Promise<string | undefined> {
  const { volume, result, summary } = chosen.measured;
  if (volume === undefined || result === undefined) return undefined;

  const png = renderReportPng({
    title: `${chosen.series.patientId}  series ${chosen.series.seriesNumber ?? '-'}`,
    volume,
    lungMask: result.lungMask,
    infectionMask: result.infectionMask,
    numbers: {
      lungVolumeMl: result.lungVolumeMl,
      rightLungVolumeMl: result.rightLungVolumeMl,
      leftLungVolumeMl: result.leftLungVolumeMl,
      ggoPercent: result.total.ggoPercent,
      consolidationPercent: result.total.consolidationPercent,
      involvementPercent: result.total.involvementPercent,
      severity: summary.severity ?? 'n/a',
    },
  });
  const sha256 = sha256Hex(png);
  await context.workspace.publicStore.put(sha256, png);
  return sha256;
}

// Blobs are stored first; the rows of the whole study replace the old ones in one transaction.
async function recordResults(
  context: StageContext,
  studyUid: string,
  results: readonly Measured[],
  choice: ReturnType<typeof chooseSeries>,
  reportSha256: string | undefined,
): Promise<void> {
  const now = new Date().toISOString();

  await context.workspace.catalog.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('series_quality').where('study_instance_uid', '=', studyUid).execute();
    await trx
      .deleteFrom('series_quantification')
      .where('study_instance_uid', '=', studyUid)
      .execute();
    await trx.deleteFrom('study_reports').where('study_instance_uid', '=', studyUid).execute();

    for (const { series, measured, lungSeg, infectionSeg } of results) {
      const isChosen = series.seriesInstanceUid === choice?.seriesInstanceUid;
      const { summary, quality } = measured;
      await trx
        .insertInto('series_quality')
        .values({
          series_instance_uid: series.seriesInstanceUid,
          study_instance_uid: studyUid,
          worst_severity: worstSeverity(summary.flags.map((flag) => flag.severity)),
          flags_json: JSON.stringify(quality.flags),
          chosen: isChosen ? 1 : 0,
          choice_reason: isChosen ? (choice?.reason ?? null) : null,
          created_at: now,
        })
        .execute();
      if (!summary.quantified) continue;

      await trx
        .insertInto('series_quantification')
        .values({
          series_instance_uid: series.seriesInstanceUid,
          study_instance_uid: studyUid,
          slice_count: summary.sliceCount,
          lung_ml: summary.lungVolumeMl ?? 0,
          left_lung_ml: summary.leftLungVolumeMl ?? 0,
          right_lung_ml: summary.rightLungVolumeMl ?? 0,
          ggo_percent: summary.ggoPercent ?? 0,
          consolidation_percent: summary.consolidationPercent ?? 0,
          involvement_percent: summary.involvementPercent ?? 0,
          severity: summary.severity ?? 'CT-0',
          result_json: JSON.stringify(summary),
          lung_seg_sha256: lungSeg ?? null,
          infection_seg_sha256: infectionSeg ?? null,
          created_at: now,
        })
        .execute();
    }
    if (reportSha256 !== undefined) {
      await trx
        .insertInto('study_reports')
        .values({ study_instance_uid: studyUid, png_sha256: reportSha256, created_at: now })
        .execute();
    }
  });
}

const SEVERITY_ORDER = ['debug', 'info', 'warn', 'error'];

function worstSeverity(severities: readonly string[]): string | null {
  let worst = -1;
  for (const severity of severities) worst = Math.max(worst, SEVERITY_ORDER.indexOf(severity));
  return worst < 0 ? null : (SEVERITY_ORDER[worst] ?? null);
}

// A 2.25 UID (ITU-T X.667) from a digest of the source series and the object's role.
function derivedUid(seriesInstanceUid: string, role: string): string {
  const digest = createHash('sha256').update(`ctbank-quant:${seriesInstanceUid}:${role}`).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString()}`;
}
