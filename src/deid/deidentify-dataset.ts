/**
 * De-identifies one instance by DICOM PS3.15 Annex E with the workspace's profile: quarantine
 * what must not be published, collect the patient's identifying values, apply Table E.1-1 at
 * every depth, then write the pseudonym, the age and the markers. The result holds the new
 * file, what changed, what nobody knows, the data problems met, and (for the private zone
 * only) the identity mapping.
 */
import { encodingOf } from '../dicom/character-set.js';
import type { DicomDataset, DicomElement, DicomFile } from '../dicom/dataset.js';
import { fileMetaElements } from '../dicom/dataset-file-meta.js';
import { TAGS } from '../dicom/tags.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../dicom/transfer-syntax.js';
import { applyProfile, keywordOf } from './apply-profile.js';
import { ctIodOf } from './ct-iod-types.js';
import { dateOffsetDays } from './date-shift.js';
import { DeidReport, type Change, type DeidFinding, type UnknownAttribute } from './deid-report.js';
import { DescriptorCleaner } from './descriptor-cleaner.js';
import { collectIdentifyingValues } from './identifying-values.js';
import {
  ageElement,
  markerElements,
  pseudonymElements,
  withElements,
} from './identity-elements.js';
import { ageBetween, normalisedAge, publishableAge } from './patient-age.js';
import { activeOptions, type DeidProfile } from './profile.js';
import type { PseudonymRegistry } from './pseudonym-registry.js';
import { quarantineReason, type Quarantine } from './quarantine.js';
import { resolveAction } from './resolve-action.js';
import { encodingOfDataset, readText } from './text-values.js';
import { UidMapper, type UidReplacement } from './uid-mapper.js';

/** What de-identification needs from the workspace. */
export interface DeidContext {
  /** The workspace secret: keys the UID hash and the date offset. */
  readonly secret: Buffer;
  readonly profile: DeidProfile;
  readonly pseudonyms: PseudonymRegistry;
  /**
   * Names, IDs and dates known for this patient from elsewhere (other instances, clinical
   * records), removed from descriptors along with those of the instance itself.
   */
  readonly knownIdentifiers?: readonly string[];
  /** True when the burned-in text stage blanked text in these pixels (Clean Pixel Data). */
  readonly pixelDataCleaned?: boolean;
}

/** The mapping from original to public identity, for the private zone only. */
export interface IdentityRecord {
  /** The original Patient ID, trimmed: the pseudonym's key. */
  readonly originalPatientId: string;
  readonly pseudonym: string;
  /** Days added to every date of this patient (negative, never zero). */
  readonly dateOffsetDays: number;
  /** Patient's Age before aggregation (as recorded, or computed), for statistics. */
  readonly trueAge: string | null;
  /** The original Study Date (YYYYMMDD), for statistics by acquisition month. */
  readonly trueStudyDate: string | null;
  /** Every UID replaced in this instance. */
  readonly uids: readonly UidReplacement[];
}

/** An instance ready for the public zone (after its audit). */
export interface DeidentifiedInstance {
  readonly status: 'deidentified';
  readonly file: DicomFile;
  readonly changes: readonly Change[];
  readonly unknownAttributes: readonly UnknownAttribute[];
  readonly findings: readonly DeidFinding[];
  readonly identity: IdentityRecord;
}

/** An instance that must not be published, with the reason. */
export interface QuarantinedInstance extends Quarantine {
  readonly status: 'quarantined';
}

/** The verdict of {@link deidentify}. */
export type DeidOutcome = DeidentifiedInstance | QuarantinedInstance;

interface Facts {
  readonly patientId: string;
  readonly age: string;
  readonly birthDate: string;
  readonly studyDate: string;
  readonly sopClassUid: string;
}

/** De-identifies one instance, or quarantines it with the reason. */
export async function deidentify(file: DicomFile, context: DeidContext): Promise<DeidOutcome> {
  const { profile, secret } = context;
  const quarantine = quarantineReason(file.dataset, profile.expectedModalities);
  if (quarantine !== undefined) return { status: 'quarantined', ...quarantine };

  const encoding = encodingOf(undefined);
  const facts = readFacts(file.dataset);
  const options = activeOptions(profile);
  const iod = ctIodOf(facts.sopClassUid);
  const identifying = collectIdentifyingValues(file.dataset, encoding, (tag, vr, depth) =>
    resolveAction(tag, vr, { depth, iod }, profile, options),
  );
  const phrases = [...identifying.phrases, ...(context.knownIdentifiers ?? [])];

  const pseudonym = await context.pseudonyms.pseudonymFor(facts.patientId);
  const offset = dateOffsetDays(secret, facts.patientId);
  const report = new DeidReport();
  const uids = new UidMapper(secret);
  const cleaner = new DescriptorCleaner(phrases, identifying.dates);
  const cleaned = applyProfile(file.dataset, encoding, 0, '', {
    profile,
    options,
    iod,
    dateOffsetDays: offset,
    cleaner,
    uids,
    report,
  });

  const trueAge = normalisedAge(facts.age) ?? ageBetween(facts.birthDate, facts.studyDate);
  const ages = { recorded: facts.age, true: trueAge };
  const elements = writeIdentity(cleaned, pseudonym, ages, context, report);
  const dataset: DicomDataset = { elements };
  const transferSyntaxUid = outputSyntax(file, elements);
  const output: DicomFile = { meta: { elements: [] }, dataset, transferSyntaxUid };

  return {
    status: 'deidentified',
    file: { ...output, meta: { elements: fileMetaElements(output, transferSyntaxUid) } },
    changes: report.changes,
    unknownAttributes: report.unknownAttributes,
    findings: report.findings,
    identity: {
      originalPatientId: facts.patientId,
      pseudonym,
      dateOffsetDays: offset,
      trueAge: trueAge ?? null,
      trueStudyDate: facts.studyDate === '' ? null : facts.studyDate,
      uids: uids.replacements(),
    },
  };
}

function readFacts(dataset: DicomDataset): Facts {
  const encoding = encodingOfDataset(dataset, encodingOf(undefined));
  const text = (tag: number): string => {
    const element = dataset.elements.find((candidate) => candidate.tag === tag);
    return element === undefined ? '' : readText(element, encoding).trim();
  };
  // The study's date, or the nearest date the instance has, for computing the age.
  const studyDate = [
    TAGS.StudyDate.tag,
    TAGS.SeriesDate.tag,
    TAGS.AcquisitionDate.tag,
    TAGS.ContentDate.tag,
  ]
    .map(text)
    .find((date) => date !== '');

  return {
    patientId: text(TAGS.PatientID.tag),
    age: text(TAGS.PatientAge.tag),
    birthDate: text(TAGS.PatientBirthDate.tag),
    studyDate: studyDate ?? '',
    sopClassUid: text(TAGS.SOPClassUID.tag),
  };
}

// Pseudonym as Patient ID and Name, Patient's Age when retained, and the markers.
function writeIdentity(
  cleaned: DicomDataset,
  pseudonym: string,
  ages: { readonly recorded: string; readonly true: string | undefined },
  context: DeidContext,
  report: DeidReport,
): DicomElement[] {
  const replacements = pseudonymElements(pseudonym);
  report.change('PatientName', TAGS.PatientName.tag, 'pseudonym', 'identity');
  report.change('PatientID', TAGS.PatientID.tag, 'pseudonym', 'identity');

  let elements = cleaned.elements;
  if (context.profile.retainPatientCharacteristics) {
    const age = ages.true === undefined ? undefined : publishableAge(ages.true);
    if (age !== undefined) {
      replacements.push(ageElement(age));
      if (age !== ages.recorded) {
        report.change('PatientAge', TAGS.PatientAge.tag, 'age-written', 'identity');
      }
    } else {
      elements = elements.filter((element) => element.tag !== TAGS.PatientAge.tag);
      const message = "no usable Patient's Age, birth date or study date: the age is left out";
      report.finding('age-unknown', 'info', 'PatientAge', message);
    }
    if (ages.recorded !== '' && normalisedAge(ages.recorded) === undefined) {
      const message = "Patient's Age is not a valid AS value; replaced or left out";
      report.finding('invalid-age', 'warn', 'PatientAge', message);
    }
  }

  const markers = markerElements(context.profile, context.pixelDataCleaned ?? false);
  for (const marker of markers) {
    report.change(keywordOf(marker.tag), marker.tag, 'marker-written', 'marker');
  }
  return withElements(elements, [...replacements, ...markers]);
}

// What writeDicomFile will declare: the original syntax for encapsulated Pixel Data, else
// Explicit VR Little Endian, in which the model's little-endian values are written.
function outputSyntax(file: DicomFile, elements: readonly DicomElement[]): string {
  const pixelData = elements.find((element) => element.tag === TAGS.PixelData.tag);
  return pixelData?.fragments !== undefined ? file.transferSyntaxUid : EXPLICIT_VR_LITTLE_ENDIAN;
}
