/**
 * The overview table as rows of text (section, characteristic, value), the one layout the
 * Markdown, CSV and HTML versions share, so that they always say the same thing.
 */
import type { CountedItem, OverviewTable } from './overview-table.js';

/** One printed line of the table. */
export interface OverviewRow {
  readonly section: string;
  readonly item: string;
  readonly value: string;
}

/** The rows of the table, in data-note order. */
export function overviewRows(table: OverviewTable): OverviewRow[] {
  const rows: OverviewRow[] = [];
  const add = (section: string, item: string, value: string): void => {
    rows.push({ section, item, value });
  };
  const { age } = table;

  add('Cohort', 'Patients', String(table.patients));
  add('Cohort', 'Studies', String(table.studies));
  add(
    'Age (years)',
    'Mean ± SD',
    age.mean === null ? '–' : `${fixed(age.mean)} ± ${age.sd === null ? '–' : fixed(age.sd)}`,
  );
  add('Age (years)', 'Median', age.median === null ? '–' : fixed(age.median, 1));
  add(
    'Age (years)',
    'Range',
    age.min === null ? '–' : `${fixed(age.min, 0)}–${fixed(age.max ?? age.min, 0)}`,
  );
  add(
    'Age (years)',
    'Known for',
    `${age.n} (${age.fromClinical} clinical, ${age.fromHeaders} headers)`,
  );
  for (const [sex, n] of Object.entries(table.sex).sort()) {
    add('Sex', SEX_LABELS[sex] ?? sex, counted(n, table.patients));
  }

  items(
    rows,
    `Coexisting conditions (of ${table.clinicalPatients} with clinical data)`,
    table.comorbidities,
  );
  items(rows, `Symptoms (of ${table.clinicalPatients} with clinical data)`, table.symptoms);
  for (const [result, n] of Object.entries(table.rtPcr)) {
    add('RT-PCR', result, counted(n, table.clinicalPatients));
  }

  const { acquisition } = table;
  if (acquisition.first !== null) {
    add(
      'Acquisition',
      'Period',
      `${acquisition.first} to ${acquisition.last ?? ''} (${acquisition.months} months)`,
    );
  }
  items(rows, 'Scanner model (studies)', table.scanners);
  items(rows, 'Slice thickness (series)', table.sliceThickness);

  const findings = `Consensus findings (of ${table.consensusStudies} studies)`;
  for (const [key, { n }] of Object.entries(table.findings)) {
    add(findings, key, counted(n, table.consensusStudies));
  }
  if (table.severity !== null) items(rows, 'Severity (automatic involvement)', table.severity);
  if (table.qualityFlags !== null) items(rows, 'Quality flags (series)', table.qualityFlags);
  return rows;
}

const SEX_LABELS: Readonly<Record<string, string>> = {
  M: 'Male',
  F: 'Female',
  O: 'Other',
  unknown: 'Unknown',
};

function items(rows: OverviewRow[], section: string, list: readonly CountedItem[]): void {
  for (const item of list) {
    rows.push({
      section,
      item: item.label,
      value: item.percent === null ? String(item.n) : `${item.n} (${fixed(item.percent, 1)} %)`,
    });
  }
}

/** `n (p %)` of a denominator. */
export function counted(n: number, of: number): string {
  return of === 0 ? String(n) : `${n} (${fixed((100 * n) / of, 1)} %)`;
}

/** A number with a fixed count of decimals (two by default). */
export function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}
