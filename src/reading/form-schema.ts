/**
 * The reading form as data: a versioned list of findings, each `binary` (present/absent),
 * `multi` (any of a list of choices) or `ordinal` (an integer in a range), with the labels and
 * help text readers see. Validated with zod, so a dataset can ship its own form as JSON.
 */
import { z } from 'zod';
import { CtbankError } from '../errors.js';

// Keys appear as CSV column names and in `finding:choice` statistics keys.
const key = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');

const choiceSchema = z.object({
  key,
  label: z.string().min(1),
  help: z.string().optional(),
});

const common = { key, label: z.string().min(1), help: z.string().optional() };

const findingSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('binary') }),
  z.object({ ...common, type: z.literal('multi'), choices: z.array(choiceSchema).min(1) }),
  z.object({ ...common, type: z.literal('ordinal'), min: z.number().int(), max: z.number().int() }),
]);

const formSchema = z
  .object({
    version: z.string().min(1),
    title: z.string().min(1),
    definitions: z.array(z.object({ term: z.string().min(1), text: z.string().min(1) })),
    findings: z.array(findingSchema).min(1),
  })
  .superRefine((form, context) => {
    const seen = new Set<string>();
    for (const finding of form.findings) {
      if (seen.has(finding.key)) context.addIssue(`finding ${finding.key} appears twice`);
      seen.add(finding.key);

      if (finding.type === 'ordinal' && finding.min >= finding.max) {
        context.addIssue(`finding ${finding.key}: min must be below max`);
      }
      if (finding.type === 'multi') {
        const choices = finding.choices.map((choice) => choice.key);
        if (new Set(choices).size !== choices.length) {
          context.addIssue(`finding ${finding.key} lists a choice twice`);
        }
      }
    }
  });

/** A reading form definition. */
export type ReadingForm = z.infer<typeof formSchema>;

/** One finding of a form. */
export type FindingDefinition = ReadingForm['findings'][number];

/** The values of a binary finding. */
export const BINARY_VALUES = ['present', 'absent'] as const;

/** Validates a parsed JSON document as a reading form; throws FORM_INVALID with the reasons. */
export function parseReadingForm(document: unknown, source: string): ReadingForm {
  const parsed = formSchema.safeParse(document);
  if (parsed.success) return parsed.data;

  const reasons = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(form)'}: ${issue.message}`,
  );
  throw new CtbankError('FORM_INVALID', `${source}: ${reasons.join('; ')}`, { file: source });
}

/** The form as `ctbank form show --json` prints it: each finding with its values or range. */
export function describeForm(form: ReadingForm): object {
  return {
    version: form.version,
    title: form.title,
    definitions: form.definitions,
    findings: form.findings.map((finding) => {
      const shown = { key: finding.key, type: finding.type, label: finding.label };
      const help = finding.help === undefined ? {} : { help: finding.help };
      if (finding.type === 'binary') return { ...shown, ...help, values: [...BINARY_VALUES] };
      if (finding.type === 'ordinal') {
        return { ...shown, ...help, min: finding.min, max: finding.max };
      }
      return {
        ...shown,
        ...help,
        values: finding.choices.map((choice) => choice.key),
        choices: finding.choices,
      };
    }),
  };
}
