/** `ctbank reidentify PSEUDONYM`: the original Patient ID behind a pseudonym (curators only). */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { reidentify } from '../../deid/catalog-pseudonym-registry.js';
import {
  printJson,
  printLines,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Registers the command. */
export function registerReidentify(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('reidentify'))
    .description('tell the original Patient ID of a pseudonym, and record that it was asked')
    .argument('<pseudonym>', 'a pseudonym such as CT-0001')
    .action(async (pseudonym: string, options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      // Who asked is the operating-system account: the request log is for the privacy officer.
      const requestedBy = userInfo().username;
      const original = await reidentify(workspace.catalog.db, pseudonym, requestedBy);
      await workspace.close();

      if (options.json === true) printJson({ pseudonym, originalPatientId: original ?? null });
      else printLines(original === undefined ? `${pseudonym}: unknown` : original);
      finish(original === undefined ? EXIT.findings : EXIT.ok);
    });
}
