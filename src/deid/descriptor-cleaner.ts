/**
 * The C (clean) action for descriptions and comments (PS3.15 E.3.4, Clean Descriptors): the
 * clinical words stay; every name, ID and date known from the same patient's headers goes,
 * in the date formats people type, and so does anything shaped like a date, a phone number,
 * an e-mail address or an identifier (a word holding six digits in a row), known or not.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

// Shapes removed whether or not the value is known. Word edges are letters and digits of any
// script, so that names in UTF-8 or Latin-1 data sets are matched whole.
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';
const SHAPES = new RegExp(
  [
    `\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}`,
    `\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}`,
    `\\d{1,2}[ -]?${MONTH_NAME}[ ,-]*\\d{2,4}`,
    `${MONTH_NAME}[ -]?\\d{1,2}(?:st|nd|rd|th)?,?[ -]\\d{4}`,
    `${MONTH_NAME}[ -]?\\d{4}`,
    `\\+\\d{1,3}[ .-]?\\(?\\d{2,4}\\)?[ .-]?\\d{3,4}[ .-]?\\d{3,5}`,
    `\\(\\d{2,4}\\)[ .-]?\\d{3,4}[ .-]\\d{3,5}`,
    `\\d{3}[.-]\\d{3,4}[.-]\\d{4}`,
    `[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+`,
  ]
    .map((shape) => `${EDGE_BEFORE}${shape}${EDGE_AFTER}`)
    .join('|'),
  'giu',
);
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const TOKEN = /[\p{L}\p{N}_-]+/gu;
const SEPARATORS_AT_ENDS = /^[\s,;:/^_-]+|[\s,;:/^_-]+$/g;

// Compiled matchers by their phrases and dates: the slices of one series share them, and
// compiling hundreds of date forms into one expression costs more than cleaning.
const MATCHER_CACHE_SIZE = 64;
const MIN_NUMBER_LENGTH = 4;
const matcherCache = new Map<string, RegExp | null>();

/** Cleans descriptor text against the names, IDs and dates of one patient. */
export class DescriptorCleaner {
  private readonly key: string;
  private matcher: RegExp | null | undefined;

  /**
   * @param phrases names, name parts and IDs to remove (matched whole, case-insensitively)
   * @param dates DA values (YYYYMMDD) whose every common written form is removed
   */
  constructor(
    private readonly phrases: readonly string[],
    private readonly dates: readonly string[],
  ) {
    this.key = `${phrases.join('\u0000')}\u0001${dates.join('\u0000')}`;
  }

  /** The text without any known or identifier-shaped value, whitespace tidied. */
  clean(text: string): string {
    let cleaned = text;
    const matcher = this.knownValues();
    if (matcher !== null) cleaned = cleaned.replace(matcher, ' ');

    cleaned = cleaned.replace(SHAPES, ' ');
    cleaned = cleaned.replace(TOKEN, (token) => (/\d{6}/.test(token) ? ' ' : token));

    return tidy(cleaned);
  }

  /**
   * The text without the patient's known names, IDs and dates, shapes left alone: for
   * retained text such as a Code Meaning, where a six-digit code is a code, not an ID.
   */
  removeKnown(text: string): string {
    const matcher = this.knownValues();
    if (matcher === null) return text;

    const cleaned = text.replace(matcher, ' ');
    return cleaned === text ? text : tidy(cleaned);
  }

  private knownValues(): RegExp | null {
    if (this.matcher !== undefined) return this.matcher;

    let matcher = matcherCache.get(this.key);
    if (matcher === undefined) {
      matcher = compileMatcher(this.phrases, this.dates);
      if (matcherCache.size >= MATCHER_CACHE_SIZE) {
        matcherCache.delete(matcherCache.keys().next().value ?? '');
      }
      matcherCache.set(this.key, matcher);
    }
    this.matcher = matcher;
    return matcher;
  }
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').replace(SEPARATORS_AT_ENDS, '').trim();
}

// One expression for every phrase and date form, longest first so that "SEXTON CARMEN" goes
// before "SEXTON" can split it. Phrases in scripts written without spaces (Han, Kana, Hangul)
// cannot wait for a word edge, so they match anywhere; all others match whole words only.
function compileMatcher(phrases: readonly string[], dates: readonly string[]): RegExp | null {
  const all = new Map<string, string>();
  const add = (phrase: string): void => {
    const normalised = phrase.trim().replace(/\s+/g, ' ');
    // A short number ("12") identifies no one and is often a dose, size or series number.
    const minimum = /^\d+$/.test(normalised) ? MIN_NUMBER_LENGTH : 2;
    if (normalised.length >= minimum) all.set(normalised.toLowerCase(), normalised);
  };
  phrases.forEach(add);
  new Set(dates).forEach((date) => dateForms(date).forEach(add));
  if (all.size === 0) return null;

  const sorted = [...all.values()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const spaced = sorted.filter((phrase) => !UNSPACED_SCRIPT.test(phrase));
  const unspaced = sorted.filter((phrase) => UNSPACED_SCRIPT.test(phrase));
  const alternatives = unspaced.map(phrasePattern);
  if (spaced.length > 0) {
    alternatives.unshift(`${EDGE_BEFORE}(?:${spaced.map(phrasePattern).join('|')})${EDGE_AFTER}`);
  }
  return new RegExp(alternatives.join('|'), 'giu');
}

function phrasePattern(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[\\s^,]+');
}

/**
 * The ways a date (YYYYMMDD) is commonly written: ISO, European and US orders with `-`, `/`,
 * `.` or space, with and without leading zeros, two- and four-digit years, compact digits,
 * and month names or abbreviations with or without the day.
 */
export function dateForms(date: string): string[] {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (match === null) return [];

  const [, yyyy = '', mm = '', dd = ''] = match;
  const yy = yyyy.slice(2);
  const m = String(Number(mm));
  const d = String(Number(dd));
  const month = MONTHS[Number(mm) - 1] ?? '';
  const mon = month.slice(0, 3);

  const forms = [`${yyyy}${mm}${dd}`, `${dd}${mm}${yyyy}`, `${mm}${dd}${yyyy}`, `${yy}${mm}${dd}`];
  for (const sep of ['-', '/', '.', ' ']) {
    forms.push(`${yyyy}${sep}${mm}${sep}${dd}`, `${yyyy}${sep}${m}${sep}${d}`);
    for (const year of [yyyy, yy]) {
      forms.push(`${dd}${sep}${mm}${sep}${year}`, `${mm}${sep}${dd}${sep}${year}`);
      forms.push(`${d}${sep}${m}${sep}${year}`, `${m}${sep}${d}${sep}${year}`);
    }
  }
  for (const name of [mon, month]) {
    for (const day of [d, dd]) {
      forms.push(`${day} ${name} ${yyyy}`, `${day}-${name}-${yyyy}`, `${day}${name}${yyyy}`);
      forms.push(`${day}-${name}-${yy}`, `${name} ${day}, ${yyyy}`, `${name} ${day} ${yyyy}`);
    }
    forms.push(`${name} ${yyyy}`, `${name}${yyyy}`, `${name}-${yyyy}`);
  }
  return forms;
}
