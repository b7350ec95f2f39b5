/**
 * Small inline SVG bar charts for the HTML overview table: vertical bars for a histogram,
 * horizontal bars for prevalences. Plain SVG 1.1, no script, readable without CSS.
 */

/** One bar: its label and value. */
export interface Bar {
  readonly label: string;
  readonly value: number;
}

/** A vertical bar chart (a histogram), bars labelled underneath, counts on top. */
export function columnChart(title: string, bars: readonly Bar[]): string {
  const width = 40 * Math.max(bars.length, 1) + 40;
  const height = 180;
  const top = Math.max(1, ...bars.map((bar) => bar.value));
  const plot = 120;

  const columns = bars.map((bar, i) => {
    const h = (plot * bar.value) / top;
    const x = 30 + i * 40;
    const y = 20 + plot - h;
    return (
      `<rect x="${x}" y="${y.toFixed(1)}" width="30" height="${h.toFixed(1)}" fill="#4a78a8"/>` +
      `<text x="${x + 15}" y="${(y - 4).toFixed(1)}" text-anchor="middle" ` +
      `font-size="11">${bar.value}</text>` +
      `<text x="${x + 15}" y="${20 + plot + 16}" text-anchor="middle" ` +
      `font-size="11">${escapeXml(bar.label)}</text>`
    );
  });
  return svg(title, width, height, columns.join(''));
}

/** A horizontal bar chart of percentages (0–100), labels on the left. */
export function barChart(title: string, bars: readonly Bar[]): string {
  const labelWidth = 220;
  const plot = 300;
  const height = 20 * bars.length + 30;

  const rows = bars.map((bar, i) => {
    const y = 20 + i * 20;
    const w = (plot * Math.max(0, Math.min(100, bar.value))) / 100;
    return (
      `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end" ` +
      `font-size="11">${escapeXml(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="14" fill="#a8564a"/>` +
      `<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + 12}" ` +
      `font-size="11">${bar.value.toFixed(1)} %</text>`
    );
  });
  return svg(title, labelWidth + plot + 60, height, rows.join(''));
}

/** Text made safe for XML and HTML content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function svg(title: string, width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<text x="4" y="12" font-size="12" font-weight="bold">${escapeXml(title)}</text>${body}</svg>`
  );
}
