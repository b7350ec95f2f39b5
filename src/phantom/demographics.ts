/**
 * Fictional patients, staff and hospitals for the phantom: who was scanned, where and when.
 * Ages and the sex split follow the reference cohort (47.18 ± 16.32 years, 6–89, 60.9 % male);
 * every name, number and address is invented so the headers carry realistic-looking identifying
 * data for de-identification to remove.
 */
import type { SeededRandom } from './seeded-random.js';

/** One of the two hospitals of the reference collection, with its scanner and export habits. */
export interface Institution {
  readonly name: string;
  readonly address: string;
  readonly department: string;
  readonly stationName: string;
  readonly deviceSerialNumber: string;
  readonly issuerOfPatientId: string;
  readonly idPrefix: string;
  /** True: PixelRepresentation 1 with 16 bits stored; false: unsigned with 12 bits stored. */
  readonly signedPixels: boolean;
  /** True: files sit in a series folder under the patient folder; false: flat. */
  readonly seriesFolder: boolean;
}

/** The identity, demographics and study bookkeeping of one synthetic patient. */
export interface SyntheticPatient {
  readonly index: number;
  readonly patientId: string;
  readonly otherPatientId: string;
  readonly familyName: string;
  readonly givenName: string;
  /** DICOM PN form, `FAMILY^GIVEN`. */
  readonly patientName: string;
  readonly sex: 'M' | 'F';
  /** Whole years at the study date. */
  readonly age: number;
  /** YYYYMMDD. */
  readonly birthDate: string;
  readonly weightKg: number;
  readonly address: string;
  readonly telephone: string;
  readonly institution: Institution;
  /** YYYYMMDD, within the ten months of the reference collection (2020). */
  readonly studyDate: string;
  /** HHMMSS.ffffff. */
  readonly studyTime: string;
  /** The study time in seconds since midnight. */
  readonly studySeconds: number;
  readonly accessionNumber: string;
  readonly studyId: string;
  readonly requestedProcedureId: string;
  readonly scheduledStepId: string;
  readonly performedStepId: string;
  readonly referringPhysician: string;
  readonly requestingPhysician: string;
  readonly performingPhysician: string;
  readonly operator: string;
}

const INSTITUTIONS: readonly Institution[] = [
  {
    name: 'Riverton University Hospital',
    address: '12 University Avenue, Riverton 40121',
    department: 'Department of Radiology',
    stationName: 'RUH-CT01',
    deviceSerialNumber: '41021',
    issuerOfPatientId: 'RUH',
    idPrefix: 'RU',
    signedPixels: true,
    seriesFolder: true,
  },
  {
    name: 'Lakeside University Medical Centre',
    address: '300 Lakeshore Road, Lakeside 18830',
    department: 'Imaging Services',
    stationName: 'LUMC-CT2',
    deviceSerialNumber: '41187',
    issuerOfPatientId: 'LUMC',
    idPrefix: 'LM',
    signedPixels: false,
    seriesFolder: false,
  },
];

// Space-separated lists keep the invented names compact.
const MALE_NAMES = words('ALI REZA MOHAMMAD HOSSEIN MEHDI AMIR HAMID SAEED JAVAD OMID JOHN DAVID');
const FEMALE_NAMES = words('MARYAM ZAHRA FATEMEH SARA NARGES LEILA ELHAM MINA ANNA MARIA LAURA');
const FAMILY_NAMES = words(
  'AHMADI HOSSEINI KARIMI RAHIMI MORADI JAFARI REZAEI MOHAMMADI KAZEMI SADEGHI NOVAK ROSSI ' +
    'SILVA GARCIA MULLER JANSEN LARSEN COSTA HADDAD NASSER OKAFOR TANAKA KOWALSKI PETROV',
);
const STREETS = words('Azadi Valiasr Golestan Cedar Harbour Mill Orchard Elm');
const TOWNS = words('Riverton Lakeside Northbrook Eastfield Greyford');

// The reference collection was acquired over ten months; day 0 is 20 February 2020 (UTC).
const FIRST_STUDY_DAY = Date.UTC(2020, 1, 20);
const STUDY_DAYS = 300;
const DAY_MS = 86_400_000;

/** Draws patient `index` of a dataset; `idBase` keeps patient IDs unique within the dataset. */
export function drawPatient(random: SeededRandom, index: number, idBase: number): SyntheticPatient {
  const institution = random.pick(INSTITUTIONS);
  const sex = random.chance(0.609) ? 'M' : 'F';
  const age = drawAge(random);
  const familyName = random.pick(FAMILY_NAMES);
  const givenName = random.pick(sex === 'M' ? MALE_NAMES : FEMALE_NAMES);

  const studyDay = new Date(FIRST_STUDY_DAY + random.int(0, STUDY_DAYS - 1) * DAY_MS);
  const studyYear = studyDay.getUTCFullYear();
  // Exactly `age` years before the study, then up to 364 days earlier: the age stays `age`.
  const birthDay = new Date(
    Date.UTC(studyYear - age, studyDay.getUTCMonth(), studyDay.getUTCDate()) -
      random.int(0, 364) * DAY_MS,
  );
  const studySeconds = Math.round(random.uniform(7 * 3600, 22 * 3600) * 1000) / 1000;
  const idNumber = String(idBase + index * 7919).padStart(8, '0'); // 7919: prime, no collisions

  return {
    index,
    patientId: `${institution.idPrefix}${idNumber}`,
    otherPatientId: `NHID-${random.int(100_000_000, 999_999_999)}`,
    familyName,
    givenName,
    patientName: `${familyName}^${givenName}`,
    sex,
    age,
    birthDate: dicomDate(birthDay),
    weightKg: drawWeight(random, sex, age),
    address: `${random.int(1, 240)} ${random.pick(STREETS)} Street, ${random.pick(TOWNS)}`,
    telephone: `+1-555-${random.int(1000, 9999)}-${random.int(1000, 9999)}`,
    institution,
    studyDate: dicomDate(studyDay),
    studyTime: dicomTime(studySeconds),
    studySeconds,
    accessionNumber: `A${studyYear}${random.int(100_000, 999_999)}`,
    studyId: String(random.int(1000, 99_999)),
    requestedProcedureId: `RP${random.int(1_000_000, 9_999_999)}`,
    scheduledStepId: `SPS${random.int(100_000, 999_999)}`,
    performedStepId: `PPS${random.int(100_000, 999_999)}`,
    referringPhysician: physicianName(random, 'DR'),
    requestingPhysician: physicianName(random, 'DR'),
    performingPhysician: physicianName(random, 'DR'),
    operator: physicianName(random, ''),
  };
}

/** Whole years from a normal distribution truncated to 6–89 by redrawing. */
export function drawAge(random: SeededRandom): number {
  for (;;) {
    const age = Math.round(random.normal(47.18, 16.32));
    if (age >= 6 && age <= 89) return age;
  }
}

/** A DICOM DA value, YYYYMMDD, of a UTC date. */
export function dicomDate(date: Date): string {
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${date.getUTCFullYear()}${month}${day}`;
}

/** A DICOM TM value, HHMMSS.ffffff, of seconds since midnight. */
export function dicomTime(secondsOfDay: number): string {
  const micro = Math.round(secondsOfDay * 1e6) % 86_400_000_000;
  const hours = Math.floor(micro / 3_600_000_000);
  const minutes = Math.floor(micro / 60_000_000) % 60;
  const seconds = Math.floor(micro / 1_000_000) % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(hours)}${pad(minutes)}${pad(seconds)}.${String(micro % 1_000_000).padStart(6, '0')}`;
}

function drawWeight(random: SeededRandom, sex: 'M' | 'F', age: number): number {
  if (age < 16) return Math.round(20 + age * 3.2 + random.uniform(-4, 4));
  return Math.round(random.normal(sex === 'M' ? 80 : 68, 12));
}

function physicianName(random: SeededRandom, prefix: string): string {
  const given = random.pick(random.chance(0.5) ? MALE_NAMES : FEMALE_NAMES);
  const name = `${random.pick(FAMILY_NAMES)}^${given}`;
  return prefix === '' ? name : `${name}^^${prefix}`;
}

function words(text: string): readonly string[] {
  return text.split(' ');
}
