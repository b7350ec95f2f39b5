/**
 * The shape of one row of DICOM PS3.15 Table E.1-1 (Application Level Confidentiality Profile
 * Attributes) as compiled into `annex-e-table.generated.ts`, and the action codes of
 * Table E.1-1a.
 */

/** A single action of Table E.1-1a: dummy, zero-length, remove, keep, clean, new UID. */
export type ActionCode = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U';

/** The Basic Profile column: a single action or one of the IOD-dependent combined codes. */
export type BasicAction = ActionCode | 'Z/D' | 'X/Z' | 'X/D' | 'X/Z/D' | 'X/Z/U*';

/** Every code the Basic Profile column may hold, for validation. */
export const BASIC_ACTIONS: readonly BasicAction[] = [
  'D',
  'Z',
  'X',
  'K',
  'C',
  'U',
  'Z/D',
  'X/Z',
  'X/D',
  'X/Z/D',
  'X/Z/U*',
];

/** What an Option column may say: keep, or clean. */
export type OptionAction = 'K' | 'C';

/** The ten Option columns of Table E.1-1, in the table's order. */
export const ANNEX_E_OPTIONS = [
  'retainSafePrivate',
  'retainUids',
  'retainDeviceIdentity',
  'retainInstitutionIdentity',
  'retainPatientCharacteristics',
  'retainLongFullDates',
  'retainLongModifiedDates',
  'cleanDescriptors',
  'cleanStructuredContent',
  'cleanGraphics',
] as const;

/** One Option of PS3.15 E.3 that has a column in Table E.1-1. */
export type AnnexEOption = (typeof ANNEX_E_OPTIONS)[number];

/**
 * How a row's tag matches: one tag, a masked tag (`50xx,xxxx`: `(tag & mask) === value`), or
 * every private (odd-group) attribute.
 */
export type TagPattern =
  | { readonly kind: 'exact'; readonly tag: number }
  | { readonly kind: 'mask'; readonly value: number; readonly mask: number }
  | { readonly kind: 'private' };

/** One row of Table E.1-1. */
export interface AnnexERow {
  /** The tag as the table writes it, e.g. `0010,0010`, `60xx,3000` or `gggg,eeee`. */
  readonly tag: string;
  readonly pattern: TagPattern;
  /** PS3.6 keyword; empty for the private-attributes row. */
  readonly keyword: string;
  readonly name: string;
  readonly basic: BasicAction;
  /** The Options that override the Basic Profile for this row (absent: no change). */
  readonly options: Readonly<Partial<Record<AnnexEOption, OptionAction>>>;
  /** Retired in PS3.6; null where the source does not say (rows after 2024c). */
  readonly retired: boolean | null;
  /** Used in a standard composite IOD (PS3.3); null where unknown. */
  readonly inStandardCompositeIod: boolean | null;
  /** The edition and provenance of the row, e.g. `PS3.15-2024c`. */
  readonly source: string;
}
