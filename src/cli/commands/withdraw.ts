/** `ctbank withdraw PSEUDONYM --reason TEXT`: take a patient out of the public zone for good. */
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { withdrawPatient } from '../../deid/withdraw.js';
import {
  printJson,
  printLines,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface WithdrawOptions extends CommonOptions {
  reason: string;
}

/** Registers the command. */
export function registerWithdraw(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('withdraw'))
    .description('remove a patient from the public zone and every later release, saying why')
    .argument('<pseudonym>', 'a pseudonym such as CT-0001')
    .requiredOption('--reason <text>', 'why (consent withdrawn, identifiable, wrong patient...)')
    .action(async (pseudonym: string, options: WithdrawOptions) => {
      const workspace = await workspaceFor(options);
      try {
        // The operating-system account: the withdrawal log is for the privacy officer.
        const withdrawal = await withdrawPatient(workspace.catalog.db, workspace.publicStore, {
          pseudonym,
          reason: options.reason,
          withdrawnBy: userInfo().username,
        });

        if (options.json === true) printJson(withdrawal);
        else {
          printLines(
            `${pseudonym} withdrawn: ${withdrawal.instancesRemoved} instances in ` +
              `${withdrawal.studiesRemoved} studies removed from the public zone`,
          );
        }
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
