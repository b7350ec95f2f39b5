/** The overview table as Markdown and as CSV (one line per row of {@link overviewRows}). */
import { formatCsv } from '../csv/csv-table.js';
import { overviewRows } from './overview-rows.js';
import type { OverviewTable } from './overview-table.js';

/** A Markdown table, a section's name printed once at its first row. */
export function overviewMarkdown(table: OverviewTable, title: string): string {
  const lines = [`# ${title}`, '', '| Characteristic | | Value |', '| --- | --- | --- |'];
  let section = '';
  for (const row of overviewRows(table)) {
    const cell = (text: string): string => text.replace(/\|/g, '\\|');
    lines.push(
      `| ${row.section === section ? '' : cell(row.section)} | ${cell(row.item)} | ` +
        `${cell(row.value)} |`,
    );
    section = row.section;
  }
  return lines.join('\n') + '\n';
}

/** CSV with columns section, item, value. */
export function overviewCsv(table: OverviewTable): string {
  return formatCsv(
    ['section', 'item', 'value'],
    overviewRows(table).map((row) => ({ ...row })),
  );
}
