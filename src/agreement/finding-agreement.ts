/**
 * Reader agreement per finding of the form: n, percent agreement and Cohen's κ with its 95 %
 * interval between the first and second reader of each study (their assignment slots); for a
 * multi finding also one entry per choice (`finding:choice`, chosen or not); for an ordinal
 * one also linearly weighted κ; Fleiss' κ when studies have more than two reads.
 */
import { formatAnswerCell, type Answer } from '../reading/answers.js';
import type { FindingDefinition, ReadingForm } from '../reading/form-schema.js';
import { cohenKappa, contingencyTable, type KappaResult } from './cohen-kappa.js';
import { fleissKappa } from './fleiss-kappa.js';

/** The agreement on one finding or one choice of a multi finding. */
export interface AgreementEntry {
  /** The finding key, or `finding:choice`. */
  readonly finding: string;
  readonly type: 'binary' | 'multi' | 'choice' | 'ordinal';
  /** Studies with two reads answering the finding. */
  readonly n: number;
  readonly percentAgreement: number | null;
  readonly kappa: number | null;
  readonly kappaSe: number | null;
  readonly kappaCiLow: number | null;
  readonly kappaCiHigh: number | null;
  /** Why κ is null, when it is. */
  readonly kappaReason?: string;
  readonly weightedKappa?: number | null;
  readonly weightedKappaCiLow?: number | null;
  readonly weightedKappaCiHigh?: number | null;
  readonly weightedKappaReason?: string;
  /** Present when studies have more than two reads. */
  readonly fleissKappa?: number | null;
  readonly fleissReason?: string;
  readonly readersPerStudy?: number;
}

/** The current answers of one study, in reader order (slot 1 first). */
export type StudyAnswers = readonly (Readonly<Record<string, Answer>> | undefined)[];

/** Agreement entries for every finding of the form, in form order. */
export function findingAgreement(
  form: ReadingForm,
  studies: readonly StudyAnswers[],
): AgreementEntry[] {
  return form.findings.flatMap((finding) => {
    const ratings = studies.map((reads) => reads.map((answers) => answers?.[finding.key]));
    if (finding.type !== 'multi') return [entry(finding.key, finding.type, ratings, finding)];

    const whole = entry(finding.key, 'multi', ratings, finding);
    const perChoice = finding.choices.map((choice) => {
      const chosen = ratings.map((study) =>
        study.map((answer) =>
          answer === undefined ? undefined : (answer as string[]).includes(choice.key),
        ),
      );
      return entry(`${finding.key}:${choice.key}`, 'choice', chosen, finding);
    });
    return [whole, ...perChoice];
  });
}

type Rating = Answer | boolean | undefined;

function entry(
  key: string,
  type: AgreementEntry['type'],
  ratings: readonly (readonly Rating[])[],
  finding: FindingDefinition,
): AgreementEntry {
  const text = (rating: Rating): string | undefined =>
    rating === undefined
      ? undefined
      : typeof rating === 'boolean'
        ? String(rating)
        : formatAnswerCell(rating);
  const studies = ratings.map((study) => study.map(text));
  const pairs = studies.flatMap((study): [string, string][] => {
    const [first, second] = study;
    return first === undefined || second === undefined ? [] : [[first, second]];
  });
  const categories = categoriesOf(type, finding, studies);

  const agreed = pairs.filter(([a, b]) => a === b).length;
  const kappa = cohenKappa(contingencyTable(pairs, categories));
  const result: AgreementEntry = {
    finding: key,
    type,
    n: pairs.length,
    percentAgreement: pairs.length === 0 ? null : (100 * agreed) / pairs.length,
    ...kappaFields(kappa),
    ...(type === 'ordinal' ? weightedFields(pairs, categories) : {}),
    ...fleissFields(studies, categories),
  };
  return result;
}

// Binary and choice: both values always; ordinal: the whole range (the spacing weights use);
// a multi finding as a whole: the sets of choices that occur.
function categoriesOf(
  type: AgreementEntry['type'],
  finding: FindingDefinition,
  studies: readonly (readonly (string | undefined)[])[],
): string[] {
  if (type === 'binary') return ['absent', 'present'];
  if (type === 'choice') return ['false', 'true'];
  if (finding.type === 'ordinal') {
    return Array.from({ length: finding.max - finding.min + 1 }, (_, i) => String(finding.min + i));
  }
  const seen = new Set(studies.flat().filter((value) => value !== undefined));
  return [...seen].sort();
}

function kappaFields(kappa: KappaResult) {
  if (kappa.kappa === null) {
    return {
      kappa: null,
      kappaSe: null,
      kappaCiLow: null,
      kappaCiHigh: null,
      kappaReason: kappa.reason,
    };
  }
  return {
    kappa: kappa.kappa,
    kappaSe: kappa.standardError,
    kappaCiLow: kappa.ciLow,
    kappaCiHigh: kappa.ciHigh,
  };
}

function weightedFields(pairs: readonly [string, string][], categories: readonly string[]) {
  const weighted = cohenKappa(contingencyTable(pairs, categories), 'linear');
  if (weighted.kappa === null) {
    return {
      weightedKappa: null,
      weightedKappaCiLow: null,
      weightedKappaCiHigh: null,
      weightedKappaReason: weighted.reason,
    };
  }
  return {
    weightedKappa: weighted.kappa,
    weightedKappaCiLow: weighted.ciLow,
    weightedKappaCiHigh: weighted.ciHigh,
  };
}

// Fleiss' κ over the studies with the most common number of reads above two.
function fleissFields(
  studies: readonly (readonly (string | undefined)[])[],
  categories: readonly string[],
) {
  const complete = studies.map((study) => study.filter((value) => value !== undefined));
  const sizes = complete.map((study) => study.length).filter((size) => size > 2);
  if (sizes.length === 0) return {};

  const tally = new Map<number, number>();
  for (const size of sizes) tally.set(size, (tally.get(size) ?? 0) + 1);
  const m = [...tally].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 3;
  const counts = complete
    .filter((study) => study.length === m)
    .map((study) => categories.map((category) => study.filter((v) => v === category).length));
  const fleiss = fleissKappa(counts);

  return fleiss.kappa === null
    ? { fleissKappa: null, fleissReason: fleiss.reason, readersPerStudy: m }
    : { fleissKappa: fleiss.kappa, readersPerStudy: m };
}
