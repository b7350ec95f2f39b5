/** `ctbank adjudication list|decide`: a senior settles what the two reads disagree on. */
import type { Command } from 'commander';
import { parseAnswerCell } from '../../reading/answers.js';
import { decideAdjudication, openAdjudications } from '../../reading/adjudication.js';
import { activeForm } from '../../reading/workspace-form.js';
import { CtbankError } from '../../errors.js';
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

interface DecideOptions extends CommonOptions {
  study: string;
  finding: string;
  value: string;
  by: string;
}

/** Registers the command group. */
export function registerAdjudication(program: Command, finish: (code: ExitCode) => void): void {
  const adjudication = program
    .command('adjudication')
    .description('list and settle the findings two readers disagree on');

  withCommonOptions(adjudication.command('list'))
    .description('open items: study, finding and each reader’s answer')
    .option('--by <senior>', 'only the items this senior may decide')
    .action(async (options: CommonOptions & { by?: string }) => {
      const workspace = await workspaceFor(options);
      try {
        const items = await refusalsAsUsage(async () => {
          const form = await activeForm(workspace.catalog.db, workspace.dir);
          return openAdjudications(workspace.catalog.db, form, options.by);
        });
        const shown = items.map((item) => ({
          study: item.studyInstanceUid,
          finding: item.finding,
          answers: item.answers,
          adjudicator: item.adjudicator,
        }));
        if (options.json === true) printJson(shown);
        else printTable(shown);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });

  withCommonOptions(adjudication.command('decide'))
    .description('settle one item (the value as in the reads CSV format)')
    .requiredOption('--study <uid>', 'the Study Instance UID')
    .requiredOption('--finding <key>', 'the finding key')
    .requiredOption('--value <value>', 'present/absent, choices separated by ";", an integer')
    .requiredOption('--by <senior>', 'the senior reader deciding')
    .action(async (options: DecideOptions) => {
      const workspace = await workspaceFor(options);
      try {
        const decided = await refusalsAsUsage(async () => {
          const db = workspace.catalog.db;
          const form = await activeForm(db, workspace.dir);
          const finding = form.findings.find((candidate) => candidate.key === options.finding);
          if (finding === undefined) {
            throw new CtbankError(
              'READ_INVALID',
              `${options.finding} is not a finding of the form`,
            );
          }
          const value = parseAnswerCell(finding, options.value);
          return decideAdjudication(db, form, {
            studyInstanceUid: options.study,
            finding: options.finding,
            value,
            by: options.by,
          });
        });
        const summary = {
          study: decided.item.studyInstanceUid,
          finding: decided.item.finding,
          value: decided.value,
          by: options.by,
          decidedAt: decided.decidedAt,
        };
        if (options.json === true) printJson(summary);
        else printLines(`${summary.finding} of ${summary.study}: ${JSON.stringify(summary.value)}`);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
