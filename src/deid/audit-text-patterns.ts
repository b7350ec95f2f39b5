/**
 * Shapes of identifying text that the audit looks for in free text (LO, LT, SH, ST, UT, UC)
 * without knowing the patient: dates, phone numbers, identifiers and person names. Each shape
 * is written so that what de-identified chest-CT headers legitimately hold stays silent —
 * descriptions ("CHEST 1.25 MM", "ThoraxRoutine 3 B50f", "5/5mm Plain"), kernels ("B50f",
 * "D40s", "FC07"), software versions ("V8.32ER009", "LightSpeedApps14.13_2.8.2L_H2.1M4"),
 * coded values (CID 7050 "113100") and ctbank's own `2.25.` UIDs and pseudonyms.
 *
 * Dates are looked for first and blanked, then phone numbers, then identifiers, so one run of
 * digits is reported once, under its most specific shape.
 */

/** The rules a text shape can raise. */
export type PatternRule =
  'date-in-text' | 'phone-number-in-text' | 'id-like-string-in-text' | 'person-name-in-text';

/** One shape found: the rule and the text that matched (for masking, never shown whole). */
export interface PatternMatch {
  readonly rule: PatternRule;
  readonly text: string;
}

/** What the shapes must not report. */
export interface PatternContext {
  /** The root of ctbank's own UIDs, e.g. `2.25.`. */
  readonly projectUidRoot: string;
  /** Pseudonyms that may appear anywhere. */
  readonly pseudonyms: ReadonlySet<string>;
}

// Letters and digits of any script delimit words, so that names in UTF-8 and Latin-1 data sets
// are matched whole and "MAR" is not found inside "MARROW".
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// A four-digit year of the last two centuries: other four-digit numbers (kernels, software
// "2011A" excepted) next to a month name are rare, and birth years before 1900 do not occur.
const YEAR = '(?:19|20)\\d{2}';

/**
 * Dates, each shape checked for a real month and day afterwards (see validDate):
 * - `1999-09-23`, `1999/9/23`, `1999.09.23`: ISO and its variants;
 * - `23/09/1999`, `09-23-99`, `23.09.1999`: day- or month-first, as people type them; with
 *   dots a two-digit year needs two-digit day and month, because `3.2.10` is a version;
 * - `23 Sep 1999`, `23-SEP-99`, `23Sep1999`; `Sep 23, 1999`; `1999 Sep 23`;
 * - `Sep1999`, `Sep 1999`: the month of a study, as in "PARENCHYMAL PHASE Sep1999";
 * - `19990923`: eight digits that are a valid date from 1900 to 2099 (DA written into text).
 */
const DATE_SHAPES = new RegExp(
  [
    `(?<iso>\\d{4})[-/.](?<isoMonth>\\d{1,2})[-/.](?<isoDay>\\d{1,2})`,
    `(?<first>\\d{1,2})(?<sep>[-/.])(?<second>\\d{1,2})\\k<sep>(?<year>\\d{4}|\\d{2})`,
    `\\d{1,2}[ -]?${MONTH}[ ,-]*(?:\\d{4}|\\d{2})`,
    `${MONTH}[ -]?\\d{1,2}(?:st|nd|rd|th)?,?[ -]${YEAR}`,
    `${YEAR}[ -]?${MONTH}[ -]?\\d{1,2}`,
    `${MONTH}[ -]?${YEAR}`,
    `(?<compact>${YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]))`,
  ]
    .map((shape) => `${NOT_AFTER_WORD}${shape}(?!\\d)`)
    .join('|'),
  'giu',
);

/**
 * Phone numbers, each needing enough digits that sizes and ranges do not qualify:
 * - `+1-073-542-9992`, `+44 20 7946 0958`: international, a plus and 8 to 15 digits;
 * - `(555) 123-4567`: an area code in brackets;
 * - `990.563.5935`, `073-542-9992`: three groups of 3, 3-4 and 4 digits (a time zone offset
 *   such as `+0000` or a range such as `5-10` has too few);
 * - `Tel: 0123 456789`: any run of 6 or more digits after a phone label.
 */
const PHONE_SHAPES = new RegExp(
  [
    `(?<![\\p{L}\\p{N}+])\\+\\d[\\d ().-]{6,20}\\d`,
    `${NOT_AFTER_WORD}\\(\\d{2,4}\\)[ .-]?\\d{3,4}[ .-]?\\d{3,5}`,
    `${NOT_AFTER_WORD}\\d{3}[.-]\\d{3,4}[.-]\\d{4}`,
    `${NOT_AFTER_WORD}(?:tel|phone|ph|fax|mobile|cell)[.:#]?\\s*[+(\\d][\\d ().-]{4,}\\d`,
  ]
    .map((shape) => `${shape}(?!\\d)`)
    .join('|'),
  'giu',
);
const SHORTEST_PHONE_DIGITS = 6;
const SHORTEST_INTERNATIONAL_DIGITS = 8;

// Dotted numbers: one dot is a decimal ("1.25", "3.000"), more are a UID or a version.
const DOTTED_NUMBER = /\d+(?:\.\d+)+/g;
const DICOM_ROOT = '1.2.840.10008.';
// Six or more digits in a row are an identifier (MRN, accession, phone, account, serial):
// no description, kernel or version of the real CT headers has more than four.
const LONG_DIGITS = 6;
const LONG_DIGIT_RUN = /\d{6,}/;
// A word mixing letters and a run of five digits: MRN-like ("LUMC-OLD-24098", "NHID-76981").
// Versions and kernels ("V8.32ER009", "LightSpeed16", "2011A") have shorter runs.
const MIXED_WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const FIVE_DIGITS = /(?<!\d)\d{5}(?!\d)/;
const LETTER = /\p{L}/u;
const DIGIT = /\d/;
// An e-mail address names a person or a mailbox: reported as an identifier.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * Person names:
 * - `SEXTON^CARMEN`: the PN component separator written into text. Siemens writes study
 *   descriptions as `Region^Protocol` ("Private^DM_Thor_SIN__DM (Adult)", "Chest^Routine"):
 *   a second word followed by `_` or a digit, or a first word that is an imaging region or
 *   protocol word (REGION_WORDS), is not a name;
 * - `Dr. Jones`, `Mrs Smith`, `DR. JONES`, `DR JONES`: titles before a word. Upper-case `MR`,
 *   `MS` and `MRS` without a dot are left out: they are magnetic resonance, multiple sclerosis
 *   and MR spectroscopy in imaging text;
 * - `Name: Carmen`, `Patient = X`, `Pt: X`: a label and a value.
 */
const CARET_NAME = /(?<![\p{L}\p{N}_^])(\p{L}[\p{L}'’-]*)\^(\p{L}[\p{L}'’-]*)(?![\p{L}\p{N}_])/gu;
const TITLE_NAME = new RegExp(
  [
    `(?:Dr|Mr|Mrs|Ms|Miss|Prof)\\.?\\s+\\p{Lu}[\\p{L}'’-]+`,
    `(?:DR|MR|MRS|MS|MISS|PROF)\\.\\s*\\p{L}{2,}`,
    `DR\\s+\\p{L}{3,}`,
  ]
    .map((shape) => `(?<!\\p{L})${shape}`)
    .join('|'),
  'gu',
);
const LABELLED_NAME =
  /(?<!\p{L})(?:patient|pt|name|physician|doctor|referring)(?:\s*name)?\s*[:=]\s*\p{L}{2,}/giu;
const REGION_WORDS: ReadonlySet<string> = new Set([
  'abd', 'abdomen', 'adult', 'angio', 'body', 'brain', 'cardiac', 'chest', 'child', 'coronary',
  'covid', 'ct', 'cta', 'extremities', 'extremity', 'head', 'heart', 'hrct', 'lung', 'lungs',
  'misc', 'neck', 'paediatric', 'pediatric', 'pelvis', 'private', 'protocol', 'research',
  'routine', 'special', 'spine', 'study', 'thorax', 'thx', 'trauma', 'vascular', 'whole',
]); // prettier-ignore

/** Every identifying shape in one free-text value. */
export function findPatterns(text: string, context: PatternContext): PatternMatch[] {
  const matches: PatternMatch[] = [];

  // Every date, phone and identifier shape holds a digit and every e-mail address an `@`:
  // most descriptions have neither and skip straight to the names.
  if (DIGIT.test(text)) {
    let rest = text;
    rest = blank(rest, DATE_SHAPES, validDate, 'date-in-text', matches);
    rest = blank(
      rest,
      PHONE_SHAPES,
      (match) => phoneLike(match[0]),
      'phone-number-in-text',
      matches,
    );
    if (rest.includes('@'))
      rest = blank(rest, EMAIL, () => true, 'id-like-string-in-text', matches);
    rest = blankDottedNumbers(rest, context, matches);
    findIdentifiers(rest, context, matches);
  } else if (text.includes('@')) {
    blank(text, EMAIL, () => true, 'id-like-string-in-text', matches);
  }
  findNames(text, matches);
  return matches;
}

/** Identifier shapes alone (long digit runs, MRN-like words), for file and folder names. */
export function findIdentifiers(
  text: string,
  context: PatternContext,
  matches: PatternMatch[] = [],
): PatternMatch[] {
  for (const word of text.matchAll(MIXED_WORD)) {
    if (context.pseudonyms.has(word[0])) continue;

    const longRun = LONG_DIGIT_RUN.test(word[0]);
    if (longRun || (FIVE_DIGITS.test(word[0]) && LETTER.test(word[0]))) {
      matches.push({ rule: 'id-like-string-in-text', text: word[0] });
    }
  }
  return matches;
}

/** Date shapes alone, for file and folder names. */
export function findDates(text: string): PatternMatch[] {
  const matches: PatternMatch[] = [];
  blank(text, DATE_SHAPES, validDate, 'date-in-text', matches);
  return matches;
}

/** Person-name shapes alone. */
export function findNames(text: string, matches: PatternMatch[] = []): PatternMatch[] {
  for (const match of text.matchAll(CARET_NAME)) {
    if (!REGION_WORDS.has((match[1] ?? '').toLowerCase())) {
      matches.push({ rule: 'person-name-in-text', text: match[0] });
    }
  }
  for (const pattern of [TITLE_NAME, LABELLED_NAME]) {
    for (const match of text.matchAll(pattern)) {
      matches.push({ rule: 'person-name-in-text', text: match[0] });
    }
  }
  return matches;
}

// Records every accepted match of the pattern and returns the text with it blanked (same
// length, so later matches keep their places).
function blank(
  text: string,
  pattern: RegExp,
  accept: (match: RegExpMatchArray) => boolean,
  rule: PatternRule,
  matches: PatternMatch[],
): string {
  let out = text;
  for (const match of text.matchAll(pattern)) {
    if (!accept(match)) continue;

    matches.push({ rule, text: match[0] });
    out = blankAt(out, match);
  }
  return out;
}

// Dotted numbers are blanked whether or not they are reported, so that the digits of a
// decimal or of a project UID never reach the identifier shapes.
function blankDottedNumbers(text: string, context: PatternContext, matches: PatternMatch[]) {
  let out = text;
  for (const match of text.matchAll(DOTTED_NUMBER)) {
    if (idLikeUid(match[0], context))
      matches.push({ rule: 'id-like-string-in-text', text: match[0] });
    out = blankAt(out, match);
  }
  return out;
}

function blankAt(text: string, match: RegExpMatchArray): string {
  const start = match.index ?? 0;
  const end = start + match[0].length;
  return text.slice(0, start) + ' '.repeat(match[0].length) + text.slice(end);
}

function validDate(match: RegExpMatchArray): boolean {
  const groups = match.groups ?? {};
  if (groups.compact !== undefined) return true;

  if (groups.iso !== undefined) {
    return realDay(Number(groups.isoMonth), Number(groups.isoDay), Number(groups.iso));
  }
  if (groups.first !== undefined) {
    const first = groups.first;
    const second = groups.second ?? '';
    const year = groups.year ?? '';
    if (groups.sep === '.' && year.length === 2 && (first.length < 2 || second.length < 2)) {
      return false;
    }
    const [a, b] = [Number(first), Number(second)];
    return realDay(b, a, Number(year)) || realDay(a, b, Number(year));
  }
  return true; // a month name: the shape itself is the evidence
}

function realDay(month: number, day: number, year: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && Number.isFinite(year);
}

function phoneLike(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return text.startsWith('+')
    ? digits >= SHORTEST_INTERNATIONAL_DIGITS
    : digits >= SHORTEST_PHONE_DIGITS;
}

// A decimal number is no identifier; a UID is one, unless ctbank or the standard made it,
// when it holds a long run of digits (an organisation root or a timestamp).
function idLikeUid(text: string, context: PatternContext): boolean {
  const dots = text.split('.').length - 1;
  if (dots < 2) return false;
  if (text.startsWith(context.projectUidRoot) || text.startsWith(DICOM_ROOT)) return false;

  return text.split('.').some((component) => component.length >= LONG_DIGITS);
}
