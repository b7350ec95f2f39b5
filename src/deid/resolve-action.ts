/**
 * The effective action for one element in its place (PS3.15 E.1.1, Table E.1-1a): the first
 * rule that applies wins.
 *
 * 1. Group lengths go (their values would be wrong after changes; retired in data sets).
 * 2. Private (odd-group) elements go; the allow-list is applied by the caller, which knows
 *    the private creators (see private-elements.ts).
 * 3. Overlays (60xx) and curves (50xx) go whole, whatever the options say: ctbank does not
 *    clean graphics, and every element of those groups is meaningless without the data.
 * 4. ctbank's policy where it is stricter than the table (see STRICTER_THAN_TABLE).
 * 5. A row of Table E.1-1: an active Option's override beats the Basic Profile; where two
 *    active Options disagree, C (clean) beats K (keep). A combined Basic code is resolved from
 *    the attribute's Type in the CT IOD at the top level (ct-iod-types.ts) and as Type 3 inside
 *    sequence items: X where allowed, else Z, else D or U*.
 * 6. An attribute of ctbank's own dictionary (deid-dictionary.ts): kept, or replaced if it is
 *    a marker de-identification writes.
 * 7. Anything else is unknown and reported; by VR: dates are shifted under Modified Dates,
 *    kept under Full Dates and removed otherwise (TM kept with dates, since only whole days
 *    move); names (PN) are removed; UIDs are replaced; UN goes because its content cannot be
 *    checked; in strict mode the rest goes; otherwise free text is cleaned like a descriptor
 *    (so no known name, ID or date survives in it) and everything else is kept.
 */
import type { Vr } from '../dicom/vr.js';
import { annexRowFor, isPrivateTag } from './annex-e-lookup.js';
import type { ActionCode, AnnexEOption, AnnexERow, BasicAction } from './annex-e-row.js';
import { ANNEX_E_ROWS } from './annex-e-table.generated.js';
import { iodTypeOf, type CtIod, type IodType } from './ct-iod-types.js';
import { deidAttributeFor } from './deid-dictionary.js';
import type { DeidProfile } from './profile.js';
import { FREE_TEXT_VRS } from './text-values.js';

/** Which rule decided the action, for the change report. */
export type Rule =
  | 'group-length'
  | 'private'
  | 'overlay'
  | 'curve'
  | 'policy'
  | 'basic'
  | 'option'
  | 'iod-type'
  | 'retained'
  | 'class-uid'
  | 'marker'
  | 'vr-date'
  | 'vr-name'
  | 'vr-uid'
  | 'vr-un'
  | 'unknown'
  | 'strict';

/** What a C (clean) means for the element: shift its date, clean its text, or dummy it. */
export type CleanKind = 'dates' | 'text' | 'dummy';

/** The action for an element, and why. */
export interface Resolution {
  readonly action: ActionCode;
  readonly rule: Rule;
  /** The Option whose override applied, when one did. */
  readonly option?: AnnexEOption;
  /** For C: what cleaning means here. */
  readonly clean?: CleanKind;
  /** The Table E.1-1 row, when the table lists the tag. */
  readonly row?: AnnexERow;
  /** True when neither the table nor ctbank's dictionary knows the attribute. */
  readonly unknown: boolean;
}

/** Where an element sits: its depth (0: top level) and the IOD of the instance. */
export interface Place {
  readonly depth: number;
  readonly iod: CtIod;
}

/**
 * Where ctbank removes more than the table asks. Occupation is C under Clean Descriptors, but
 * it describes the person, not the imaging, is a known quasi-identifier, and no statistic of
 * the dataset needs it.
 */
export const STRICTER_THAN_TABLE: Readonly<Record<string, 'X'>> = { Occupation: 'X' };

const CLEAN_KIND: Readonly<Record<AnnexEOption, CleanKind>> = {
  retainSafePrivate: 'dummy',
  retainUids: 'dummy',
  retainDeviceIdentity: 'dummy',
  retainInstitutionIdentity: 'dummy',
  retainPatientCharacteristics: 'text',
  retainLongFullDates: 'dates',
  retainLongModifiedDates: 'dates',
  cleanDescriptors: 'text',
  cleanStructuredContent: 'text',
  cleanGraphics: 'text',
};

/** Resolves the action for a tag of the given VR in its place under the profile. */
export function resolveAction(
  tag: number,
  vr: Vr,
  place: Place,
  profile: DeidProfile,
  options: ReadonlySet<AnnexEOption>,
): Resolution {
  const group = tag >>> 16;
  if ((tag & 0xffff) === 0) return { action: 'X', rule: 'group-length', unknown: false };
  if (isPrivateTag(tag)) return { action: 'X', rule: 'private', unknown: false };
  if ((group & 0xff00) === 0x6000) return { action: 'X', rule: 'overlay', unknown: false };
  if ((group & 0xff00) === 0x5000) return { action: 'X', rule: 'curve', unknown: false };

  const row = annexRowFor(tag);
  if (row !== undefined) {
    const stricter = STRICTER_THAN_TABLE[row.keyword];
    if (stricter !== undefined) return { action: stricter, rule: 'policy', row, unknown: false };
    return fromTable(row, place, options);
  }

  const known = deidAttributeFor(tag);
  if (known?.disposition === 'marker') return { action: 'X', rule: 'marker', unknown: false };
  if (known?.disposition === 'class-uid') return { action: 'K', rule: 'class-uid', unknown: false };
  if (known !== undefined) return { action: 'K', rule: 'retained', unknown: false };

  return byVr(vr, profile);
}

function fromTable(row: AnnexERow, place: Place, options: ReadonlySet<AnnexEOption>): Resolution {
  let override: { option: AnnexEOption; action: 'K' | 'C' } | undefined;
  for (const option of options) {
    const action = row.options[option];
    if (action === undefined) continue;
    if (override === undefined || (action === 'C' && override.action === 'K')) {
      override = { option, action };
    }
  }

  if (override !== undefined) {
    const { option, action } = override;
    return action === 'C'
      ? { action, rule: 'option', option, clean: CLEAN_KIND[option], row, unknown: false }
      : { action, rule: 'option', option, row, unknown: false };
  }

  const combined = row.basic.includes('/');
  const type = place.depth === 0 ? iodTypeOf(row.keyword, place.iod) : 3;
  const action = combined ? resolveCombined(row.basic, type) : (row.basic as ActionCode);
  const clean = action === 'C' ? { clean: 'text' as const } : {};
  return { action, rule: combined ? 'iod-type' : 'basic', row, unknown: false, ...clean };
}

/** The single action a combined code stands for, given the attribute's Type in the IOD. */
export function resolveCombined(code: BasicAction, type: IodType): ActionCode {
  switch (code) {
    case 'Z/D':
      return type === 1 ? 'D' : 'Z';
    case 'X/Z':
      return type === 3 ? 'X' : 'Z';
    case 'X/D':
      return type === 3 ? 'X' : 'D';
    case 'X/Z/D':
      return type === 3 ? 'X' : type === 2 ? 'Z' : 'D';
    case 'X/Z/U*':
      return type === 3 ? 'X' : type === 2 ? 'Z' : 'U';
    default:
      return code;
  }
}

/** One combined code and what it resolves to at the top level of each CT IOD, for the README. */
export interface CombinedCodeResolution {
  readonly keyword: string;
  readonly basic: BasicAction;
  readonly ct: ActionCode;
  readonly enhancedCt: ActionCode;
}

/** How every combined code of Table E.1-1 resolves at the top level of the CT IODs. */
export function describeCombinedCodes(): CombinedCodeResolution[] {
  return ANNEX_E_ROWS.filter((row) => row.basic.includes('/')).map((row) => ({
    keyword: row.keyword,
    basic: row.basic,
    ct: resolveCombined(row.basic, iodTypeOf(row.keyword, 'ct')),
    enhancedCt: resolveCombined(row.basic, iodTypeOf(row.keyword, 'enhanced-ct')),
  }));
}

function byVr(vr: Vr, profile: DeidProfile): Resolution {
  const dates = profile.longitudinalDates;
  if (vr === 'DA' || vr === 'DT') {
    if (dates === 'modified')
      return { action: 'C', rule: 'vr-date', clean: 'dates', unknown: true };
    return { action: dates === 'full' ? 'K' : 'X', rule: 'vr-date', unknown: true };
  }
  if (vr === 'TM')
    return { action: dates === 'remove' ? 'X' : 'K', rule: 'vr-date', unknown: true };
  if (vr === 'PN') return { action: 'X', rule: 'vr-name', unknown: true };
  if (vr === 'UI') return { action: 'U', rule: 'vr-uid', unknown: true };
  if (vr === 'UN') return { action: 'X', rule: 'vr-un', unknown: true };

  if (profile.strict) return { action: 'X', rule: 'strict', unknown: true };
  if (FREE_TEXT_VRS.has(vr)) return { action: 'C', rule: 'unknown', clean: 'text', unknown: true };
  return { action: 'K', rule: 'unknown', unknown: true };
}
