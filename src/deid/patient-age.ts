/**
 * Patient's Age (0010,1010), VR AS (PS3.5 6.2: `nnnD`, `nnnW`, `nnnM` or `nnnY`): computed from
 * birth date and study date when missing, and aggregated to 090Y above 89 years as HIPAA Safe
 * Harbor requires (45 CFR 164.514(b)(2)(i)(C)).
 */

/** The age written for everyone older than 89 years. */
export const OLDEST_WRITTEN_AGE = '090Y';

const DAYS_PER_YEAR = 365.2425;
const AGE_PATTERN = /^(\d{3})([DWMY])$/;

/** The age in years an AS value stands for, or undefined when it is not a valid AS value. */
export function ageInYears(age: string): number | undefined {
  const match = AGE_PATTERN.exec(age.trim());
  if (match === null) return undefined;

  const count = Number(match[1]);
  const unit = match[2];
  if (unit === 'Y') return count;
  if (unit === 'M') return count / 12;
  if (unit === 'W') return (count * 7) / DAYS_PER_YEAR;
  return count / DAYS_PER_YEAR;
}

/**
 * The age as a valid AS value: unchanged when it is one, a bare number of years (a common
 * non-conformance) written as years; undefined when the value is unusable.
 */
export function normalisedAge(age: string): string | undefined {
  const trimmed = age.trim();
  const normalised = /^\d{1,3}$/.test(trimmed) ? `${trimmed.padStart(3, '0')}Y` : trimmed;
  return ageInYears(normalised) === undefined ? undefined : normalised;
}

/** A valid AS value for publication: 090Y above 89 years; undefined when unusable. */
export function publishableAge(age: string): string | undefined {
  const normalised = normalisedAge(age);
  if (normalised === undefined) return undefined;

  return (ageInYears(normalised) ?? 0) > 89 ? OLDEST_WRITTEN_AGE : normalised;
}

/**
 * The age between two DA values (YYYYMMDD) in the largest unit that is at least one: years,
 * then months, weeks, days. Undefined when a date is invalid or the study precedes the birth.
 */
export function ageBetween(birthDate: string, studyDate: string): string | undefined {
  const birth = parseDate(birthDate);
  const study = parseDate(studyDate);
  if (birth === undefined || study === undefined || study.time < birth.time) return undefined;

  let months = (study.year - birth.year) * 12 + (study.month - birth.month);
  if (study.day < birth.day) months -= 1;
  const years = Math.floor(months / 12);
  const days = Math.round((study.time - birth.time) / 86_400_000);

  if (years >= 1) return `${format(years)}Y`;
  if (months >= 1) return `${format(months)}M`;
  if (days >= 7) return `${format(Math.floor(days / 7))}W`;
  return `${format(days)}D`;
}

function format(count: number): string {
  return String(Math.min(count, 999)).padStart(3, '0');
}

function parseDate(
  value: string,
): { year: number; month: number; day: number; time: number } | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (match === null) return undefined;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;

  return { year, month, day, time };
}
