/**
 * Answers to a reading form: `present`/`absent` for a binary finding, the chosen keys (sorted,
 * possibly none) for a multi finding, an integer for an ordinal one. Parsed from CSV cells and
 * JSON, checked against the form, compared and written back the same way.
 */
import { CtbankError } from '../errors.js';
import { BINARY_VALUES, type FindingDefinition, type ReadingForm } from './form-schema.js';

/** The answer to one finding. */
export type Answer = string | readonly string[] | number;

/** Finding key → answer, one per finding of the form. */
export type Answers = Readonly<Record<string, Answer>>;

/** The answer a CSV cell stands for (`;` between choices, empty for none); throws READ_INVALID. */
export function parseAnswerCell(finding: FindingDefinition, cell: string): Answer {
  const text = cell.trim();
  if (finding.type === 'multi') {
    const chosen = text === '' ? [] : text.split(';').map((choice) => choice.trim());
    return checkAnswer(finding, chosen);
  }
  if (finding.type === 'ordinal') {
    return checkAnswer(finding, /^-?\d+$/.test(text) ? Number(text) : text);
  }
  return checkAnswer(finding, text.toLowerCase());
}

/** The answer as a CSV cell. */
export function formatAnswerCell(answer: Answer): string {
  if (typeof answer === 'number') return String(answer);
  return typeof answer === 'string' ? answer : answer.join(';');
}

/** Checks one answer against its finding and returns it normalised; throws READ_INVALID. */
export function checkAnswer(finding: FindingDefinition, value: unknown): Answer {
  const invalid = (why: string): CtbankError =>
    new CtbankError('READ_INVALID', `${finding.key}: ${why}`, { keyword: finding.key });

  if (finding.type === 'binary') {
    if (value === 'present' || value === 'absent') return value;
    throw invalid(`expected ${BINARY_VALUES.join(' or ')}, got ${JSON.stringify(value)}`);
  }
  if (finding.type === 'ordinal') {
    if (typeof value === 'number' && Number.isInteger(value)) {
      if (value >= finding.min && value <= finding.max) return value;
    }
    throw invalid(
      `expected an integer ${finding.min}–${finding.max}, got ${JSON.stringify(value)}`,
    );
  }

  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalid(`expected a list of choices, got ${JSON.stringify(value)}`);
  }
  const known = new Set(finding.choices.map((choice) => choice.key));
  const unknown = value.filter((choice) => !known.has(choice));
  if (unknown.length > 0) throw invalid(`unknown choice ${unknown.join(', ')}`);
  // Sorted in the form's order, duplicates dropped: equal sets compare equal.
  return finding.choices.map((choice) => choice.key).filter((choice) => value.includes(choice));
}

/** Checks a whole set of answers against the form: every finding answered, nothing else. */
export function checkAnswers(form: ReadingForm, raw: Readonly<Record<string, unknown>>): Answers {
  const reasons: string[] = [];
  const answers: Record<string, Answer> = {};

  for (const finding of form.findings) {
    if (!(finding.key in raw)) {
      reasons.push(`${finding.key}: not answered`);
      continue;
    }
    try {
      answers[finding.key] = checkAnswer(finding, raw[finding.key]);
    } catch (thrown) {
      if (!(thrown instanceof CtbankError)) throw thrown;
      reasons.push(thrown.message);
    }
  }
  const known = new Set(form.findings.map((finding) => finding.key));
  for (const extra of Object.keys(raw).filter((name) => !known.has(name))) {
    reasons.push(`${extra}: not a finding of form ${form.version}`);
  }

  if (reasons.length > 0) throw new CtbankError('READ_INVALID', reasons.join('; '));
  return answers;
}

/** True when two answers are the same (for multi findings: the same set of choices). */
export function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return formatAnswerCell(a) === formatAnswerCell(b);
}
