/**
 * The audit's options, and what is derived from them once (the profile's active Options, the
 * originals matcher) so that auditing each file of a large output costs only the file.
 */
import type { AnnexEOption } from './annex-e-row.js';
import { OriginalsMatcher, type OriginalIdentifiers } from './audit-originals.js';
import type { PatternContext } from './audit-text-patterns.js';
import { activeOptions, type DeidProfile } from './profile.js';

/** What the audit checks against. */
export interface AuditOptions {
  /** The profile the files were de-identified with: decides what must be absent or empty. */
  readonly profile: DeidProfile;
  /** The private mapping's original values, when the caller may read the private zone. */
  readonly originals?: OriginalIdentifiers;
  /**
   * The pseudonyms the files may carry. Without them, a Patient ID or Patient's Name shaped
   * like a pseudonym (`CT-0001`: letters, a hyphen, four or more digits) is accepted.
   */
  readonly expectedPseudonyms?: ReadonlySet<string>;
  /** The root of ctbank's own UIDs; default `2.25.` (ITU-T X.667 UUID-derived UIDs). */
  readonly projectUidRoot?: string;
}

/** The options made ready for auditing files. */
export interface AuditContext {
  readonly profile: DeidProfile;
  readonly options: ReadonlySet<AnnexEOption>;
  readonly originals: OriginalsMatcher | undefined;
  readonly patterns: PatternContext;
  /** True when expectedPseudonyms was given (then only those are pseudonyms). */
  readonly pseudonymsGiven: boolean;
}

const DEFAULT_PROJECT_UID_ROOT = '2.25.';
const PSEUDONYM_SHAPE = /^[A-Za-z][A-Za-z0-9]*-\d{4,}$/;
const contexts = new WeakMap<AuditOptions, AuditContext>();

/** The context of a set of options, built on first use and kept while the options live. */
export function auditContextOf(options: AuditOptions): AuditContext {
  const known = contexts.get(options);
  if (known !== undefined) return known;

  const pseudonyms = options.expectedPseudonyms ?? new Set<string>();
  const context: AuditContext = {
    profile: options.profile,
    options: activeOptions(options.profile),
    originals:
      options.originals === undefined
        ? undefined
        : new OriginalsMatcher(options.originals, pseudonyms),
    patterns: { projectUidRoot: options.projectUidRoot ?? DEFAULT_PROJECT_UID_ROOT, pseudonyms },
    pseudonymsGiven: options.expectedPseudonyms !== undefined,
  };
  contexts.set(options, context);
  return context;
}

/** True when the value is an expected pseudonym, or shaped like one when none were given. */
export function isPseudonym(value: string, context: AuditContext): boolean {
  if (context.patterns.pseudonyms.has(value)) return true;

  return !context.pseudonymsGiven && PSEUDONYM_SHAPE.test(value);
}
