/**
 * Finding the Table E.1-1 row that governs a tag: an exact row first, then the masked rows
 * (curves `50xx,xxxx`, overlays `60xx,3000` and `60xx,4000`), then the private-attributes row
 * for any odd group (PS3.15 E.1.1; PS3.5 7.8 for private groups).
 */
import type { AnnexERow } from './annex-e-row.js';
import { ANNEX_E_ROWS } from './annex-e-table.generated.js';

const exactRows = new Map<number, AnnexERow>();
const maskedRows: AnnexERow[] = [];
const keywordRows = new Map<string, AnnexERow>();
let privateRow: AnnexERow | undefined;

for (const row of ANNEX_E_ROWS) {
  if (row.pattern.kind === 'exact') exactRows.set(row.pattern.tag, row);
  if (row.pattern.kind === 'mask') maskedRows.push(row);
  if (row.pattern.kind === 'private') privateRow = row;
  if (row.keyword !== '') keywordRows.set(row.keyword, row);
}

/** True for an odd group: a private data element or private creator (PS3.5 7.8.1). */
export function isPrivateTag(tag: number): boolean {
  return ((tag >>> 16) & 1) === 1;
}

/** The row of Table E.1-1 that governs the tag, or undefined when the table does not list it. */
export function annexRowFor(tag: number): AnnexERow | undefined {
  if (isPrivateTag(tag)) return privateRow;

  const exact = exactRows.get(tag);
  if (exact !== undefined) return exact;

  return maskedRows.find(
    (row) => row.pattern.kind === 'mask' && (tag & row.pattern.mask) >>> 0 === row.pattern.value,
  );
}

/** The row of a keyword, for code that names attributes rather than tags. */
export function annexRowByKeyword(keyword: string): AnnexERow | undefined {
  return keywordRows.get(keyword);
}
