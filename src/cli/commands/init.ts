/** `ctbank init`: create a workspace. */
import type { Command } from 'commander';
import path from 'node:path';
import {
  printJson,
  printLines,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Registers the command. */
export function registerInit(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('init'))
    .description(
      'create a workspace: configuration, catalog, private and public zones, project secret',
    )
    .action(async (options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      const summary = {
        workspace: workspace.dir,
        catalog: workspace.catalog.location,
        dialect: workspace.catalog.dialect,
        secret: path.join(workspace.dir, 'private', 'secret.key'),
      };
      await workspace.close();

      if (options.json === true) printJson(summary);
      else {
        printLines(
          `workspace ready: ${summary.workspace}`,
          `  catalog:  ${summary.catalog} (${summary.dialect})`,
          `  secret:   ${summary.secret}`,
          '  Back up the secret with the catalog: without it, pseudonyms and UIDs cannot be',
          '  reproduced and later releases will not match earlier ones (see README).',
        );
      }
      finish(EXIT.ok);
    });
}
