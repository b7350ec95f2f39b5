/**
 * The audit of file and folder names (issue 3, points 6 and 7: names carry no identifying
 * data). A name is judged without its extension, with `_` read as a space, against the
 * original values and the shapes of dates, identifiers and person names that text elements
 * are judged by, plus one shape of names that only file names use ("..._for_Douglas_Davidson").
 * ctbank's own names stay silent: pseudonyms (`CT-0001`), `2.25.` UIDs and zero-padded
 * counters (`000123`).
 */
import { isPseudonym, type AuditContext } from './audit-context.js';
import { maskValue, type AuditFinding } from './audit-finding.js';
import { findPatterns } from './audit-text-patterns.js';

/** Which kind of name is judged. */
export type NameKind = 'FileName' | 'FolderName';

// An extension: a dot and up to five letters and digits, at least one a letter (so the last
// component of a UID is not taken for one).
const EXTENSION = /\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,5}$/;
// Exporters name files after the patient: "..._for_Douglas_Davidson", "Patient Carmen Sexton".
const NAME_AFTER_WORD = /(?<!\p{L})(?:for|of|patient|pt)\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/gu;
// A counter padded with zeros ("000123", "000000"): below this value it numbers, not names.
const COUNTER_LIMIT = 100_000;
const DIGIT_RUN = /\d{6,}/g;

/** The findings of one file or folder name (one path segment). */
export function nameFindings(
  name: string,
  kind: NameKind,
  display: string,
  context: AuditContext,
): AuditFinding[] {
  const stem = name.replace(EXTENSION, '');
  if (stem === '' || isPseudonym(stem, context)) return [];

  const text = stem.replace(/_/g, ' ').replace(DIGIT_RUN, blankCounter);
  const pieces = [
    ...(context.originals?.find(text) ?? []),
    ...findPatterns(text, context.patterns).map((match) => match.text),
    ...[...text.matchAll(NAME_AFTER_WORD)].map((match) => match[0]),
  ];

  const values = new Set(pieces.map(maskValue));
  return [...values].map((value) => ({
    file: display,
    tag: '',
    keyword: kind,
    rule: 'identifying-file-name',
    value,
  }));
}

function blankCounter(run: string): string {
  return run.startsWith('0') && Number(run) < COUNTER_LIMIT ? ' '.repeat(run.length) : run;
}
