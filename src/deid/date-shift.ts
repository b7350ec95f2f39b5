/**
 * Retain Longitudinal Temporal Information with Modified Dates (PS3.15 E.3.6): every date of
 * one patient moves by the same secret number of days, so intervals between studies survive.
 *
 * Only whole days move. A DT keeps its time of day and UTC offset, so it never crosses
 * midnight and TM values stay as they are; a DA or DT given only to the year or month is
 * shifted from its first day and written back at its own precision (PS3.5 6.2, DA and DT).
 */
import { createHmac } from 'node:crypto';

/** The range of the offset, in days: one to ten years back, never zero. */
export const DATE_OFFSET_RANGE_DAYS = { min: -3650, max: -365 } as const;

const MS_PER_DAY = 86_400_000;
const DT_PATTERN =
  /^(\d{4})(\d{2})?(\d{2})?((?:\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?(?:[+-]\d{4})?)$/;

/**
 * The patient's date offset in days, from HMAC-SHA-256 of the trimmed original Patient ID
 * under the workspace secret: stable per patient and secret, unguessable without the secret.
 */
export function dateOffsetDays(secret: Buffer, patientId: string): number {
  const digest = createHmac('sha256', secret)
    .update(`deid:date-offset\u0000${patientId.trim()}`)
    .digest();
  const span = DATE_OFFSET_RANGE_DAYS.max - DATE_OFFSET_RANGE_DAYS.min + 1;

  return DATE_OFFSET_RANGE_DAYS.min + (digest.readUInt32BE(0) % span);
}

/** A DA value (YYYYMMDD, or the ACR-NEMA YYYY.MM.DD) moved by the offset; undefined if invalid. */
export function shiftDate(value: string, days: number): string | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (match === null) return undefined;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const shifted = shiftedDay(year, month, day, days);
  return shifted === undefined ? undefined : formatDay(shifted).slice(0, 8);
}

/** A DT value moved by the offset, keeping its precision, time and UTC offset. */
export function shiftDateTime(value: string, days: number): string | undefined {
  const match = DT_PATTERN.exec(value.trim());
  if (match === null) return undefined;

  const [, yearText, monthText, dayText, rest] = match;
  const shifted = shiftedDay(
    Number(yearText),
    monthText === undefined ? 1 : Number(monthText),
    dayText === undefined ? 1 : Number(dayText),
    days,
  );
  if (shifted === undefined) return undefined;

  const precision = dayText !== undefined ? 8 : monthText !== undefined ? 6 : 4;
  return formatDay(shifted).slice(0, precision) + (rest ?? '');
}

/** The first eight characters of a DA or DT value when they are a valid date, else undefined. */
export function datePart(value: string): string | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})/.exec(value.trim());
  if (match === null) return undefined;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return shiftedDay(year, month, day, 0) === undefined
    ? undefined
    : `${match[1]}${match[2]}${match[3]}`;
}

function shiftedDay(year: number, month: number, day: number, days: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 20230231 over into March; a date that rolls is not a date.
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!valid || year < 1) return undefined;

  return new Date(date.getTime() + days * MS_PER_DAY);
}

function formatDay(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}${month}${day}`;
}
