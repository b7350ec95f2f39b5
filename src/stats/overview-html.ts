/**
 * The overview table as one self-contained HTML page: the table, an age histogram and a bar
 * chart of the consensus findings, both as inline SVG.
 */
import { overviewRows } from './overview-rows.js';
import type { OverviewTable } from './overview-table.js';
import { barChart, columnChart, escapeXml } from './svg-charts.js';

/** The HTML page. */
export function overviewHtml(table: OverviewTable, title: string): string {
  const rows = overviewRows(table)
    .map(
      (row) =>
        `<tr><th scope="row">${escapeXml(row.section)}</th><td>${escapeXml(row.item)}</td>` +
        `<td>${escapeXml(row.value)}</td></tr>`,
    )
    .join('\n');
  const ages = columnChart(
    'Age (years)',
    table.ageHistogram.map((bin) => ({ label: `${bin.from}–${bin.to - 1}`, value: bin.n })),
  );
  const findings = barChart(
    'Consensus findings (% of studies)',
    Object.entries(table.findings).map(([key, { percent }]) => ({
      label: key,
      value: percent ?? 0,
    })),
  );

  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>
body{font-family:sans-serif;margin:2em}
table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<table>
<thead><tr><th>Section</th><th>Characteristic</th><th>Value</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<figure>${ages}</figure>
<figure>${findings}</figure>
</body>
</html>
`;
}
