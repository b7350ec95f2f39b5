/**
 * New UIDs for instances whose Study, Series or SOP Instance UID is missing or invalid
 * (`ingest --repair-uids`). Each new UID is derived from the original value and the project
 * secret, so every file of one study or series gets the same new UID, in every run.
 */
import { derivedUid, isValidUid } from '../dicom/uid.js';
import type { ExaminedInstance, UidKeyword } from './examine-file.js';

/** The three UIDs that place an instance in the catalog. */
export interface InstanceUids {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
}

/** One replaced UID, for the catalog and the ingest report. */
export interface UidRepair {
  readonly path: string;
  readonly keyword: UidKeyword;
  readonly originalValue: string;
  /** What the new UID was derived from besides the original value (its parent). */
  readonly scope: string;
  readonly repairedUid: string;
}

/** The UIDs to catalog the instance under, and the repairs made to get them. */
export function resolveUids(
  instance: ExaminedInstance,
  secret: Buffer,
): { uids: InstanceUids; repairs: UidRepair[] } {
  const values = instance.values;
  const repairs: UidRepair[] = [];

  const repair = (keyword: UidKeyword, scope: string): string => {
    const original = values[keyword];
    if (isValidUid(original)) return original;

    // An empty SOP Instance UID says nothing: the file's own hash stands in for it.
    const originalValue = original ?? '';
    const basis =
      keyword === 'SOPInstanceUID' && originalValue === '' ? instance.sha256 : originalValue;
    const repairedUid = derivedUid(secret, `repair:${keyword}:${scope}`, basis);
    repairs.push({ path: instance.path, keyword, originalValue, scope, repairedUid });
    return repairedUid;
  };

  const studyScope = `patient:${values.PatientID ?? ''}`;
  const studyInstanceUid = repair('StudyInstanceUID', studyScope);
  const seriesInstanceUid = repair('SeriesInstanceUID', `study:${studyInstanceUid}`);
  const sopInstanceUid = repair('SOPInstanceUID', `series:${seriesInstanceUid}`);

  return { uids: { studyInstanceUid, seriesInstanceUid, sopInstanceUid }, repairs };
}
