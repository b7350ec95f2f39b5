/**
 * The de-identification profile a workspace stores: the Basic Application Level
 * Confidentiality Profile of PS3.15 E.1 plus the Options of E.3, with ctbank's dataset
 * defaults and the reason for each, validated with zod.
 */
import { z } from 'zod';
import type { AnnexEOption } from './annex-e-row.js';

// A private attribute the Retain Safe Private Option keeps: its creator, and its tag with the
// block byte written `xx` (PS3.5 7.8.1), e.g. `{ creator: 'GEMS_ACQU_01', tag: '0019,xx0A' }`.
const safePrivateEntrySchema = z.object({
  creator: z.string().trim().min(1),
  tag: z
    .string()
    .regex(/^[0-9A-Fa-f]{3}[13579BDFbdf],xx[0-9A-Fa-f]{2}$/, 'expected an odd group: 0019,xx0A'),
});

export const deidProfileSchema = z
  .object({
    /** Retain Safe Private Option (E.3.10): keep the allow-listed private attributes. */
    retainSafePrivate: z.boolean().default(false),
    /** The private attributes known to be safe; used only with retainSafePrivate. */
    safePrivateAllowList: z.array(safePrivateEntrySchema).default([]),
    /** Retain UIDs Option (E.3.9). */
    retainUids: z.boolean().default(false),
    /** Retain Device Identity Option (E.3.7). */
    retainDeviceIdentity: z.boolean().default(false),
    /** Retain Institution Identity Option (E.3.8). */
    retainInstitutionIdentity: z.boolean().default(false),
    /** Retain Patient Characteristics Option (E.3.5). */
    retainPatientCharacteristics: z.boolean().default(true),
    /**
     * Retain Longitudinal Temporal Information (E.3.6): `full` keeps dates, `modified` shifts
     * them by one secret offset per patient, `remove` applies the Basic Profile.
     */
    longitudinalDates: z.enum(['remove', 'full', 'modified']).default('modified'),
    /** Clean Descriptors Option (E.3.4). */
    cleanDescriptors: z.boolean().default(true),
    /** Clean Structured Content Option (E.3.3). */
    cleanStructuredContent: z.boolean().default(false),
    /** Clean Graphics Option (E.3.2). */
    cleanGraphics: z.boolean().default(false),
    /** Clean Pixel Data Option (E.3.1): blank burned-in text instead of quarantining it. */
    cleanPixelData: z.boolean().default(false),
    /** Remove every attribute neither Table E.1-1 nor ctbank's retained list knows. */
    strict: z.boolean().default(false),
    /** Modalities that go through; everything else is quarantined with the reason. */
    expectedModalities: z.array(z.string().trim().min(1)).min(1).default(['CT']),
  })
  .refine((profile) => profile.retainSafePrivate || profile.safePrivateAllowList.length === 0, {
    message: 'safePrivateAllowList is ignored unless retainSafePrivate is true',
    path: ['safePrivateAllowList'],
  });

/** A validated de-identification profile. */
export type DeidProfile = z.infer<typeof deidProfileSchema>;

/** One allow-listed private attribute. */
export type SafePrivateEntry = z.infer<typeof safePrivateEntrySchema>;

/** The dataset default profile (every field at its default). */
export function defaultDeidProfile(): DeidProfile {
  return deidProfileSchema.parse({});
}

/** Validates a stored profile, filling defaults for absent fields; throws a ZodError. */
export function parseDeidProfile(input: unknown): DeidProfile {
  return deidProfileSchema.parse(input);
}

/** The Table E.1-1 Option columns a profile switches on. */
export function activeOptions(profile: DeidProfile): ReadonlySet<AnnexEOption> {
  const active = new Set<AnnexEOption>();
  if (profile.retainSafePrivate) active.add('retainSafePrivate');
  if (profile.retainUids) active.add('retainUids');
  if (profile.retainDeviceIdentity) active.add('retainDeviceIdentity');
  if (profile.retainInstitutionIdentity) active.add('retainInstitutionIdentity');
  if (profile.retainPatientCharacteristics) active.add('retainPatientCharacteristics');
  if (profile.longitudinalDates === 'full') active.add('retainLongFullDates');
  if (profile.longitudinalDates === 'modified') active.add('retainLongModifiedDates');
  if (profile.cleanDescriptors) active.add('cleanDescriptors');
  if (profile.cleanStructuredContent) active.add('cleanStructuredContent');
  if (profile.cleanGraphics) active.add('cleanGraphics');
  return active;
}

/** One documented default, for the README and `--json` output. */
export interface ProfileDefault {
  readonly field: keyof DeidProfile;
  readonly value: unknown;
  readonly reason: string;
}

const REASONS: Readonly<Record<keyof DeidProfile, string>> = {
  retainSafePrivate:
    'Off: vendor private elements are undocumented and can hold names and IDs; a curator who ' +
    'has checked one may allow-list it.',
  safePrivateAllowList: 'Empty: nothing private is known safe until a curator says so.',
  retainUids:
    'Off: original UIDs often embed site roots, device serials and timestamps; keyed-hash ' +
    'UIDs keep every reference consistent without them.',
  retainDeviceIdentity:
    'Off: station names and serial numbers point at a site; manufacturer and model stay, as ' +
    'the table leaves them.',
  retainInstitutionIdentity: 'Off: institution names and addresses identify the site.',
  retainPatientCharacteristics:
    'On: sex, age, size and weight are the overview table of the data note; ages over 89 ' +
    'are written as 090Y.',
  longitudinalDates:
    'Modified: one secret offset per patient (never zero) shifts every date, so intervals ' +
    'between studies survive while true dates do not.',
  cleanDescriptors:
    'On: study and series descriptions and comments carry the clinical words readers need; ' +
    "every name, ID and date known from the patient's headers is cut out of them.",
  cleanStructuredContent: 'Off: structured reports are quarantined, never published.',
  cleanGraphics: 'Off: overlays, curves and graphic annotations are removed outright.',
  cleanPixelData:
    'Off: an image with burned-in text is quarantined for a human to review rather than ' +
    'blanked automatically.',
  strict:
    'Off: attributes the table does not know are kept and reported; switch on to remove ' +
    'them when the report shows any.',
  expectedModalities: 'CT: the dataset is chest CT; any other modality is quarantined.',
};

/** Every field of the default profile with its value and the reason for it. */
export function describeProfileDefaults(): ProfileDefault[] {
  const defaults = defaultDeidProfile();

  return (Object.keys(REASONS) as (keyof DeidProfile)[]).map((field) => ({
    field,
    value: defaults[field],
    reason: REASONS[field],
  }));
}
