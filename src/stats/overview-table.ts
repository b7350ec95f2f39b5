/**
 * The overview table of a data note, computed from the catalog: patients and studies; age
 * (mean ± sample SD, median, range, histogram); sex; coexisting conditions and symptoms ranked
 * with n (%); acquisition period by true month; scanner models; slice thicknesses; the
 * prevalence of each consensus finding; severity classes and quality flags where those
 * stages have run.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import {
  COMORBIDITIES,
  SYMPTOMS,
  termLabel,
  type ClinicalTerm,
} from '../clinical/clinical-terms.js';
import { consensusOfStudies } from '../reading/consensus.js';
import type { ReadingForm } from '../reading/form-schema.js';
import { share, summarise, type NumericSummary } from './descriptive.js';
import { overviewPatients, overviewStudies, type OverviewPatient } from './overview-sources.js';
import { qualityFlagCounts, studyQuantification } from './study-quantification.js';

/** A counted item with its share of the section's denominator. */
export interface CountedItem {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly percent: number | null;
}

/** The overview table. */
export interface OverviewTable {
  readonly patients: number;
  readonly studies: number;
  readonly age: NumericSummary & { readonly fromClinical: number; readonly fromHeaders: number };
  /** Ten-year bins: [from, to) years. */
  readonly ageHistogram: readonly { from: number; to: number; n: number }[];
  /** Count per sex value (M, F, O, unknown). */
  readonly sex: Readonly<Record<string, number>>;
  /** Patients with a clinical row: the denominator of the clinical sections. */
  readonly clinicalPatients: number;
  readonly comorbidities: readonly CountedItem[];
  readonly symptoms: readonly CountedItem[];
  readonly rtPcr: Readonly<Record<string, number>>;
  readonly acquisition: {
    readonly first: string | null;
    readonly last: string | null;
    readonly months: number;
    readonly studiesByMonth: Readonly<Record<string, number>>;
  };
  readonly scanners: readonly CountedItem[];
  readonly sliceThickness: readonly CountedItem[];
  /** Studies whose every finding has a consensus label: the findings' denominator. */
  readonly consensusStudies: number;
  /** Per finding key (binary, multi: any choice) or `finding:choice` / `finding:value`. */
  readonly findings: Readonly<Record<string, { n: number; percent: number | null }>>;
  /** CT-0 to CT-4 by automatic involvement, null until quantification has run. */
  readonly severity: readonly CountedItem[] | null;
  /** Series per quality flag code, null until the quality checks have run. */
  readonly qualityFlags: readonly CountedItem[] | null;
}

// The quantification stage's classes of involvement (percent of lung volume).
const SEVERITY = [
  { key: 'CT-0', label: 'CT-0 (no involvement)' },
  { key: 'CT-1', label: 'CT-1 (under 25 %)' },
  { key: 'CT-2', label: 'CT-2 (25–50 %)' },
  { key: 'CT-3', label: 'CT-3 (50–75 %)' },
  { key: 'CT-4', label: 'CT-4 (75 % or more)' },
] as const;

/** Computes the overview table of the workspace's catalog. */
export async function overviewTable(
  db: Kysely<Database>,
  form: ReadingForm,
): Promise<OverviewTable> {
  const patients = await overviewPatients(db);
  const studies = await overviewStudies(db);
  const ages = patients.flatMap((patient) => (patient.age === null ? [] : [patient.age]));
  const withClinical = patients.filter((patient) => patient.clinical !== null);

  const months = tally(studies.flatMap((study) => (study.month === null ? [] : [study.month])));
  const monthKeys = Object.keys(months).sort();
  const consensus = (await consensusOfStudies(db, form)).filter((study) => study.complete);

  return {
    patients: patients.length,
    studies: studies.length,
    age: {
      ...summarise(ages),
      fromClinical: patients.filter((p) => p.ageSource === 'clinical').length,
      fromHeaders: patients.filter((p) => p.ageSource === 'headers').length,
    },
    ageHistogram: histogram(ages),
    sex: tally(patients.map((patient) => patient.sex ?? 'unknown')),
    clinicalPatients: withClinical.length,
    comorbidities: ranked(withClinical, COMORBIDITIES, (c) => c.comorbidities),
    symptoms: ranked(withClinical, SYMPTOMS, (c) => c.symptoms),
    rtPcr: tally(withClinical.flatMap((p) => (p.clinical?.rtPcr ? [p.clinical.rtPcr] : []))),
    acquisition: {
      first: monthKeys[0] ?? null,
      last: monthKeys[monthKeys.length - 1] ?? null,
      months: monthSpan(monthKeys[0], monthKeys[monthKeys.length - 1]),
      studiesByMonth: months,
    },
    scanners: counted(
      studies.flatMap((study) => study.scanners),
      studies.length,
    ),
    sliceThickness: counted(
      studies.flatMap((study) => study.sliceThicknesses.map((mm) => `${mm} mm`)),
      studies.reduce((sum, study) => sum + study.sliceThicknesses.length, 0),
    ),
    consensusStudies: consensus.length,
    findings: findingPrevalence(
      form,
      consensus.map((study) => new Map(study.labels.map((label) => [label.finding, label.value]))),
    ),
    severity: await severityClasses(db),
    qualityFlags: await qualityFlags(db),
  };
}

function findingPrevalence(
  form: ReadingForm,
  labels: readonly Map<string, unknown>[],
): Record<string, { n: number; percent: number | null }> {
  const total = labels.length;
  const count = (test: (value: unknown) => boolean, key: string) =>
    share(labels.filter((study) => test(study.get(key))).length, total);
  const entries: [string, { n: number; percent: number | null }][] = [];

  for (const finding of form.findings) {
    if (finding.type === 'binary') {
      entries.push([finding.key, count((v) => v === 'present', finding.key)]);
    } else if (finding.type === 'multi') {
      entries.push([finding.key, count((v) => Array.isArray(v) && v.length > 0, finding.key)]);
      for (const choice of finding.choices) {
        const chosen = (v: unknown) => Array.isArray(v) && v.includes(choice.key);
        entries.push([`${finding.key}:${choice.key}`, count(chosen, finding.key)]);
      }
    } else {
      for (let value = finding.min; value <= finding.max; value++) {
        entries.push([`${finding.key}:${value}`, count((v) => v === value, finding.key)]);
      }
    }
  }
  return Object.fromEntries(entries);
}

async function severityClasses(db: Kysely<Database>): Promise<CountedItem[] | null> {
  const measured = [...(await studyQuantification(db)).values()];
  if (measured.length === 0) return null;

  return SEVERITY.map((grade) => {
    const n = measured.filter((study) => study.severity === grade.key).length;
    return { key: grade.key, label: grade.label, ...share(n, measured.length) };
  });
}

async function qualityFlags(db: Kysely<Database>): Promise<CountedItem[] | null> {
  const counts = await qualityFlagCounts(db);
  const series = await db.selectFrom('series_quality').select('series_instance_uid').execute();
  if (series.length === 0) return null;

  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => ({ key: code, label: code, ...share(n, series.length) }));
}

function ranked(
  patients: readonly OverviewPatient[],
  vocabulary: readonly ClinicalTerm[],
  terms: (clinical: NonNullable<OverviewPatient['clinical']>) => readonly string[],
): CountedItem[] {
  const keys = patients.flatMap((patient) => (patient.clinical ? terms(patient.clinical) : []));
  return counted(keys, patients.length).map((item) => ({
    ...item,
    label: termLabel(vocabulary, item.key),
  }));
}

// Most frequent first, ties by key, so the order is stable.
function counted(keys: readonly string[], denominator: number): CountedItem[] {
  return Object.entries(tally(keys))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, n]) => ({ key, label: key, ...share(n, denominator) }));
}

function tally(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function histogram(ages: readonly number[]): { from: number; to: number; n: number }[] {
  if (ages.length === 0) return [];
  const first = Math.floor(Math.min(...ages) / 10) * 10;
  const last = Math.floor(Math.max(...ages) / 10) * 10;
  const bins = [];
  for (let from = first; from <= last; from += 10) {
    bins.push({
      from,
      to: from + 10,
      n: ages.filter((age) => age >= from && age < from + 10).length,
    });
  }
  return bins;
}

// Inclusive number of calendar months from the first to the last, both YYYY-MM.
function monthSpan(first: string | undefined, last: string | undefined): number {
  if (first === undefined || last === undefined) return 0;
  const index = (month: string): number =>
    Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(last) - index(first) + 1;
}
