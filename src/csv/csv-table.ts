/**
 * CSV as spreadsheets write it (RFC 4180): comma-separated, fields optionally in double
 * quotes with `""` for a quote, CRLF or LF line ends, an optional UTF-8 byte-order mark. The
 * first line names the columns; each data row keeps its line number for row-level errors.
 */

/** One data row: column name → cell, and the line it started on (1 is the header). */
export interface CsvRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A parsed CSV document. */
export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** Parses CSV text; blank lines are skipped, missing trailing cells read as empty. */
export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  const columns = (header?.fields ?? []).map((name) => name.trim());

  const rows = records
    .filter((record) => record.fields.some((field) => field.trim() !== ''))
    .map((record) => ({
      line: record.line,
      cells: Object.fromEntries(columns.map((name, i) => [name, record.fields[i] ?? ''])),
    }));
  return { columns, rows };
}

/** Writes rows as CSV with a header line, quoting only the fields that need it. */
export function formatCsv(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
): string {
  const line = (fields: readonly string[]): string => fields.map(quoted).join(',');
  return [line(columns), ...rows.map((row) => line(columns.map((c) => row[c] ?? '')))]
    .map((text) => `${text}\r\n`)
    .join('');
}

function quoted(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

// A small state machine: a quoted field may hold commas and line breaks.
function splitRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quotedField = false;
  let line = 1;
  let recordLine = 1;

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quotedField) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quotedField = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }

    if (char === '"' && field === '') quotedField = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += char;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
