/**
 * What the de-identification audit reports (issue 3, point 6): one finding per identifying
 * value left in an output file, placed by file, tag and keyword path, with the value masked so
 * that the report itself can be shown, logged and stored without repeating what it found.
 */

/** Why a finding was raised. */
export type AuditRule =
  /** An attribute the profile removes (X) is present. */
  | 'removed-attribute-present'
  /** An attribute the profile empties (Z) has a value. */
  | 'emptied-attribute-has-value'
  /** A value known from the private mapping, or a UID the profile replaces, is still there. */
  | 'original-value'
  | 'person-name-in-text'
  | 'phone-number-in-text'
  | 'id-like-string-in-text'
  | 'date-in-text'
  /** An odd-group element or private creator the safe-private allow-list does not keep. */
  | 'private-element'
  /** The 128-byte Part 10 preamble holds something other than zeros. */
  | 'preamble-not-empty'
  | 'identifying-file-name'
  /** The file cannot be parsed, so nothing about it can be proven. */
  | 'unparseable';

/** One identifying value left in an audited file. */
export interface AuditFinding {
  /** The file as the audit was given it (root plus the path below it). */
  readonly file: string;
  /** `(GGGG,EEEE)` of the element; empty for preamble, file-name and parse findings. */
  readonly tag: string;
  /**
   * The element's keyword path, e.g. `OtherPatientIDsSequence[0].PatientID`; `Preamble`,
   * `FileName` or `FolderName` for those findings; the error code for `unparseable`.
   */
  readonly keyword: string;
  readonly rule: AuditRule;
  /** The value found, masked by {@link maskValue}; empty for binary values and sequences. */
  readonly value: string;
}

// Below this many characters the first character is a large share of the value, so it is
// left out too.
const SHORTEST_WITH_FIRST_CHARACTER = 4;

/**
 * A value masked for reports: its first character, `***` and its length in characters
 * (`SEXTON^CARMEN` → `S***13`); values shorter than four characters keep only `***` and the
 * length, so no value is ever shown whole.
 */
export function maskValue(value: string): string {
  const characters = [...value.trim()];
  if (characters.length === 0) return '';
  if (characters.length < SHORTEST_WITH_FIRST_CHARACTER) return `***${characters.length}`;

  return `${characters[0]}***${characters.length}`;
}
