/** `ctbank stats [--format md|html|json|csv]`: the overview table of the data note. */
import { Option, type Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { activeForm } from '../../reading/workspace-form.js';
import { overviewHtml } from '../../stats/overview-html.js';
import { overviewTable } from '../../stats/overview-table.js';
import { overviewCsv, overviewMarkdown } from '../../stats/overview-text.js';
import { printJson, withCommonOptions, workspaceFor, type CommonOptions } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { refusalsAsUsage } from '../rule-refusal.js';

type Format = 'md' | 'html' | 'json' | 'csv';

/** Registers the command. */
export function registerStats(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('stats'))
    .description('the overview table: cohort, age, sex, conditions, acquisition, findings')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['md', 'html', 'json', 'csv'])
        .default('md'),
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: CommonOptions & { format: Format; out?: string }) => {
      const workspace = await workspaceFor(options);
      try {
        const table = await refusalsAsUsage(async () => {
          const form = await activeForm(workspace.catalog.db, workspace.dir);
          return overviewTable(workspace.catalog.db, form);
        });
        const format = options.json === true ? 'json' : options.format;
        const title = `${workspace.config.name}: overview`;
        const text =
          format === 'json'
            ? JSON.stringify(table, null, 2) + '\n'
            : format === 'html'
              ? overviewHtml(table, title)
              : format === 'csv'
                ? overviewCsv(table)
                : overviewMarkdown(table, title);

        if (options.out !== undefined) await writeFile(options.out, text);
        else if (format === 'json') printJson(table);
        else process.stdout.write(text);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
