/** `ctbank form show|use`: the reading form readers fill in. */
import type { Command } from 'commander';
import { describeForm } from '../../reading/form-schema.js';
import { activeForm, adoptForm, readFormFile } from '../../reading/workspace-form.js';
import {
  printJson,
  printLines,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { refusalsAsUsage } from '../rule-refusal.js';

/** Registers the command group. */
export function registerForm(program: Command, finish: (code: ExitCode) => void): void {
  const form = program.command('form').description('show or change the reading form');

  withCommonOptions(form.command('show'))
    .description('print the active reading form (or a form file, checked)')
    .option('--file <path>', 'a form file to check and show instead')
    .action(async (options: CommonOptions & { file?: string }) => {
      const workspace = await workspaceFor(options);
      try {
        const shown = await refusalsAsUsage(async () =>
          options.file === undefined
            ? activeForm(workspace.catalog.db, workspace.dir)
            : readFormFile(workspace.dir, options.file),
        );
        if (options.json === true) printJson(describeForm(shown));
        else {
          printLines(`${shown.title} (version ${shown.version})`);
          for (const finding of shown.findings) {
            const values =
              finding.type === 'binary'
                ? 'present | absent'
                : finding.type === 'ordinal'
                  ? `${finding.min}–${finding.max}`
                  : `any of ${finding.choices.map((c) => c.key).join(', ')}`;
            printLines(`  ${finding.key.padEnd(24)} ${finding.label}: ${values}`);
          }
        }
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });

  withCommonOptions(form.command('use'))
    .description('make a form file the active form (new reads record its version)')
    .argument('<file>', 'a reading form as JSON (docs/reading.md)')
    .action(async (file: string, options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      try {
        const adopted = await refusalsAsUsage(() =>
          adoptForm(workspace.catalog.db, workspace.dir, file),
        );
        if (options.json === true) printJson(describeForm(adopted));
        else printLines(`active form: ${adopted.version} (${adopted.findings.length} findings)`);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
