/**
 * The benchmarks' result tables as aligned text: label columns padded on the right, figures on
 * the left, a rule under the header.
 */

/** The table of a header and rows of cells; the first `labelColumns` columns are text. */
export function alignedTable(
  header: readonly string[],
  cells: readonly (readonly string[])[],
  labelColumns: number,
): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((row) => (row[i] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) =>
        i < labelColumns ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0),
      )
      .join('  ');

  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join(
    '\n',
  );
}
