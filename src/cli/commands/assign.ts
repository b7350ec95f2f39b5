/** `ctbank assign [--seed S]`: two readers and a senior for every study that has none. */
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { assignStudies } from '../../reading/assignment.js';
import {
  printJson,
  printLines,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Registers the command. */
export function registerAssign(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('assign'))
    .description('give each unassigned study two distinct readers (balanced, random order)')
    .option('--seed <text>', 'seed of the random order (default: a fresh one, printed)')
    .action(async (options: CommonOptions & { seed?: string }) => {
      const seed = options.seed ?? randomBytes(6).toString('hex');
      const workspace = await workspaceFor(options);
      try {
        const report = await assignStudies(workspace.catalog.db, seed);
        if (options.json === true) printJson(report);
        else {
          printLines(
            `seed ${report.seed}: ${report.assigned.length} studies assigned, ` +
              `${report.alreadyAssigned} already had readers`,
          );
          printTable(report.assigned.map((a) => ({ ...a, readers: a.readers.join(', ') })));
        }
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
