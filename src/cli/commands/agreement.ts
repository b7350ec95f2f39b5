/** `ctbank agreement`: inter-reader agreement per finding (κ with 95 % interval). */
import type { Command } from 'commander';
import { readerAgreement } from '../../agreement/reader-agreement.js';
import { activeForm } from '../../reading/workspace-form.js';
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

/** Registers the command. */
export function registerAgreement(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('agreement'))
    .description("reader agreement per finding: n, % agreement, Cohen's κ with 95 % CI")
    .action(async (options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      try {
        const entries = await refusalsAsUsage(async () => {
          const form = await activeForm(workspace.catalog.db, workspace.dir);
          return readerAgreement(workspace.catalog.db, form);
        });
        if (options.json === true) {
          printJson(entries);
          finish(EXIT.ok);
          return;
        }

        const round = (value: number | null | undefined): string =>
          value === null || value === undefined ? '' : value.toFixed(2);
        printTable(
          entries.map((entry) => ({
            finding: entry.finding,
            n: entry.n,
            agreement:
              entry.percentAgreement === null ? '' : `${entry.percentAgreement.toFixed(1)} %`,
            kappa: entry.kappa === null ? `– (${entry.kappaReason ?? ''})` : round(entry.kappa),
            ci95:
              entry.kappa === null
                ? ''
                : `${round(entry.kappaCiLow)} to ${round(entry.kappaCiHigh)}`,
            weighted: round(entry.weightedKappa),
            fleiss: round(entry.fleissKappa),
          })),
        );
        const correlation = entries.find((e) => e.involvementCorrelation)?.involvementCorrelation;
        if (correlation !== undefined) {
          printLines(
            correlation.rho === null
              ? `lobes affected vs automatic involvement: – (${correlation.reason})`
              : `lobes affected vs automatic involvement: Spearman ρ ` +
                  `${correlation.rho.toFixed(2)}, ` +
                  `Pearson r ${correlation.r.toFixed(2)}, n ${correlation.n}`,
          );
        }
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
