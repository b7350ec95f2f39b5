/**
 * `ctbank reads import|export|submit|show|worklist|history`: reads made here or elsewhere,
 * under the rules of src/reading/ (assigned studies only, no edits, blinded until submitted).
 */
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { parseCsv } from '../../csv/csv-table.js';
import { CtbankError } from '../../errors.js';
import { parseAnswerCell } from '../../reading/answers.js';
import type { ReadingForm } from '../../reading/form-schema.js';
import { exportReads } from '../../reading/reads-export.js';
import { importReads } from '../../reading/reads-import.js';
import {
  correctRead,
  openStudy,
  otherReads,
  readHistory,
  submitRead,
} from '../../reading/reads.js';
import { activeForm } from '../../reading/workspace-form.js';
import { worklist } from '../../reading/worklist.js';
import type { Workspace } from '../../workspace/workspace.js';
import {
  printJson,
  printLines,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { refusalsAsUsage } from '../rule-refusal.js';

type Finish = (code: ExitCode) => void;

/** Registers the command group. */
export function registerReads(program: Command, finish: Finish): void {
  const reads = program.command('reads').description('import, export, submit and show reads');

  withCommonOptions(reads.command('import'))
    .description('load reads made elsewhere (CSV: study, reader, one column per finding)')
    .argument('<file>', 'the CSV file')
    .option('--corrections', 'rows that differ from a submitted read supersede it')
    .action(async (file: string, options: CommonOptions & { corrections?: boolean }) => {
      const table = parseCsv(await readFile(file, 'utf8'));
      await withForm(options, async (workspace, form) => {
        const report = await importReads(workspace.catalog.db, form, table, {
          corrections: options.corrections === true,
        });
        const rejected = report.rows.filter((row) => row.status === 'rejected');
        if (options.json === true) printJson(report);
        else {
          const count = (status: string) => report.rows.filter((r) => r.status === status).length;
          printLines(
            `${count('loaded')} loaded, ${count('corrected')} corrected, ` +
              `${count('unchanged')} unchanged, ${rejected.length} rejected`,
          );
          if (report.readersAdded.length > 0) {
            printLines(`new readers: ${report.readersAdded.join(', ')}`);
          }
          if (rejected.length > 0) printTable(rejected);
        }
        finish(rejected.length > 0 ? EXIT.findings : EXIT.ok);
      });
    });

  withCommonOptions(reads.command('export'))
    .description('write the current reads and the consensus (reader "consensus") as CSV')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: CommonOptions & { out?: string }) => {
      await withForm(options, async (workspace, form) => {
        const csv = await exportReads(workspace.catalog.db, form);
        if (options.out === undefined) process.stdout.write(csv);
        else await writeFile(options.out, csv);
        finish(EXIT.ok);
      });
    });

  withCommonOptions(reads.command('submit'))
    .description('submit a read of an assigned study (or, with --correction, supersede one)')
    .requiredOption('--study <uid>', 'the Study Instance UID (as ctbank ls studies prints it)')
    .requiredOption('--reader <name>', 'who read it')
    .option('--answer <key=value...>', 'one per finding, values as in the CSV format')
    .option('--correction <reason>', 'supersede the reader’s submitted read, saying why')
    .action(async (options: SubmitOptions) => {
      await withForm(options, async (workspace, form) => {
        const db = workspace.catalog.db;
        const read = await refusalsAsUsage(() => {
          const submission = {
            studyInstanceUid: options.study,
            reader: options.reader,
            answers: parseAnswerOptions(form, options.answer ?? []),
          };
          return options.correction === undefined
            ? submitRead(db, form, submission)
            : correctRead(db, form, { ...submission, reason: options.correction });
        });
        if (options.json === true) printJson(read);
        else printLines(`read ${read.id} of ${read.studyInstanceUid} by ${read.reader} submitted`);
        finish(EXIT.ok);
      });
    });

  withCommonOptions(reads.command('show'))
    .description('what a reader sees of a study: their read, and the others once submitted')
    .requiredOption('--study <uid>', 'the Study Instance UID')
    .requiredOption('--reader <name>', 'the reader looking')
    .action(async (options: CommonOptions & { study: string; reader: string }) => {
      await withForm(options, async (workspace, form) => {
        const db = workspace.catalog.db;
        const view = await refusalsAsUsage(async () => {
          const opened = await openStudy(db, form, options.reader, options.study);
          const others =
            opened.own === null ? null : await otherReads(db, options.reader, options.study);
          return { ...opened, others };
        });
        if (options.json === true) printJson(view);
        else {
          printLines(`${view.studyInstanceUid} (${view.patientId}), form ${view.formVersion}`);
          printLines(view.own === null ? 'not read yet: other reads hidden' : 'own read:');
          if (view.own !== null) printJson(view.own.answers);
          for (const other of view.others ?? []) {
            printLines(`read by ${other.reader}:`);
            printJson(other.answers);
          }
        }
        finish(EXIT.ok);
      });
    });

  withCommonOptions(reads.command('worklist'))
    .description('the studies assigned to a reader, in their order')
    .requiredOption('--reader <name>', 'the reader')
    .action(async (options: CommonOptions & { reader: string }) => {
      const workspace = await workspaceFor(options);
      try {
        const list = await refusalsAsUsage(() => worklist(workspace.catalog.db, options.reader));
        if (options.json === true) printJson(list);
        else printTable(list);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });

  withCommonOptions(reads.command('history'))
    .description('every read of a study, superseded ones included (curators)')
    .requiredOption('--study <uid>', 'the Study Instance UID')
    .action(async (options: CommonOptions & { study: string }) => {
      const workspace = await workspaceFor(options);
      try {
        const history = await readHistory(workspace.catalog.db, options.study);
        if (options.json === true) printJson(history);
        else
          printTable(
            history.map((read) => ({
              id: read.id,
              reader: read.reader,
              formVersion: read.formVersion,
              submittedAt: read.submittedAt,
              supersedes: read.supersedes,
              correctionReason: read.correctionReason,
              unblinded: read.unblindedCorrection ? 'yes' : '',
              source: read.source,
            })),
          );
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}

interface SubmitOptions extends CommonOptions {
  study: string;
  reader: string;
  answer?: string[];
  correction?: string;
}

async function withForm(
  options: CommonOptions,
  body: (workspace: Workspace, form: ReadingForm) => Promise<void>,
): Promise<void> {
  const workspace = await workspaceFor(options);
  try {
    const form = await refusalsAsUsage(() => activeForm(workspace.catalog.db, workspace.dir));
    await body(workspace, form);
  } finally {
    await workspace.close();
  }
}

function parseAnswerOptions(form: ReadingForm, pairs: readonly string[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const pair of pairs) {
    const split = pair.indexOf('=');
    const key = split < 0 ? pair : pair.slice(0, split);
    const finding = form.findings.find((candidate) => candidate.key === key);
    if (split < 0 || finding === undefined) {
      throw new CtbankError('USAGE', `--answer ${pair}: expected FINDING=VALUE of the form`);
    }
    answers[key] = parseAnswerCell(finding, pair.slice(split + 1));
  }
  return answers;
}
