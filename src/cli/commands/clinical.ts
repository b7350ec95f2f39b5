/** `ctbank clinical import FILE.csv`: clinical data linked through the private mapping. */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { importClinical } from '../../clinical/clinical-import.js';
import { parseCsv } from '../../csv/csv-table.js';
import {
  printJson,
  printLines,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/** Registers the command group. */
export function registerClinical(program: Command, finish: (code: ExitCode) => void): void {
  const clinical = program.command('clinical').description('clinical data of the patients');

  withCommonOptions(clinical.command('import'))
    .description(
      'load a clinical CSV (patientId, age, sex, comorbidities, rtPcr, rtPcrDate, symptoms)',
    )
    .argument('<file>', 'the CSV file; patientId is the hospital’s ID')
    .action(async (file: string, options: CommonOptions) => {
      const table = parseCsv(await readFile(file, 'utf8'));
      const workspace = await workspaceFor(options);
      try {
        const rows = await importClinical(workspace.catalog.db, table);
        const rejected = rows.filter((row) => row.status === 'rejected');
        const loaded = rows.length - rejected.length;
        if (options.json === true) printJson({ loaded, rejected, rows });
        else {
          printLines(`${loaded} patients loaded, ${rejected.length} rows rejected`);
          if (rejected.length > 0) printTable(rejected);
        }
        finish(rejected.length > 0 ? EXIT.findings : EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
