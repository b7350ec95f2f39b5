/**
 * The attributes a segmentation copies from its source series, read from the header of one of
 * its instances (de-identified in a workspace).
 */
import { readHeader, type IndexedKeyword } from '../dicom/read-header.js';
import { CtbankError } from '../errors.js';
import type { InstanceSource } from '../volume/instance-source.js';
import type { SegSourceSeries } from './dicom-seg.js';

type Optional = Exclude<keyof SegSourceSeries, Required>;
type Required =
  'studyInstanceUid' | 'seriesInstanceUid' | 'frameOfReferenceUid' | 'sopClassUid' | 'patientId';

const REQUIRED: Readonly<Record<Required, IndexedKeyword>> = {
  studyInstanceUid: 'StudyInstanceUID',
  seriesInstanceUid: 'SeriesInstanceUID',
  frameOfReferenceUid: 'FrameOfReferenceUID',
  sopClassUid: 'SOPClassUID',
  patientId: 'PatientID',
};

const OPTIONAL: Readonly<Record<Optional, IndexedKeyword>> = {
  patientName: 'PatientName',
  patientBirthDate: 'PatientBirthDate',
  patientSex: 'PatientSex',
  studyDate: 'StudyDate',
  studyTime: 'StudyTime',
  studyId: 'StudyID',
  accessionNumber: 'AccessionNumber',
  referringPhysicianName: 'ReferringPhysicianName',
};

/** The source series of a segmentation, from one of its instances. */
export async function segSourceOf(instance: InstanceSource): Promise<SegSourceSeries> {
  const values = readHeader(await instance.read(), instance.name).values;
  const source: Record<string, string> = {};

  for (const [key, keyword] of Object.entries(REQUIRED)) {
    const value = values[keyword];
    if (value === undefined) {
      throw new CtbankError('UNWRITABLE', `${instance.name} has no ${keyword}`, {
        file: instance.name,
        keyword,
      });
    }
    source[key] = value;
  }
  for (const [key, keyword] of Object.entries(OPTIONAL)) {
    const value = values[keyword];
    if (value !== undefined) source[key] = value;
  }
  return source as unknown as SegSourceSeries;
}
