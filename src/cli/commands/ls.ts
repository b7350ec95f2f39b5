/** `ctbank ls patients|studies|series`: list the catalog. */
import { Argument, type Command } from 'commander';
import { listPatients, listSeries, listStudies } from '../../catalog/listing.js';
import {
  printJson,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

type Level = 'patients' | 'studies' | 'series';

interface LsOptions extends CommonOptions {
  original?: boolean;
}

/** Registers the command. */
export function registerLs(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('ls'))
    .description('list the patients, studies or series in the catalog')
    .addArgument(new Argument('<level>', 'what to list').choices(['patients', 'studies', 'series']))
    .option(
      '--original',
      'show the original identifiers (the default until de-identification exists)',
    )
    .action(async (level: Level, options: LsOptions) => {
      const workspace = await workspaceFor(options);
      const db = workspace.catalog.db;
      const rows =
        level === 'patients'
          ? await listPatients(db)
          : level === 'studies'
            ? await listStudies(db)
            : await listSeries(db);
      await workspace.close();

      if (options.json === true) printJson(rows);
      else printTable(rows);
      finish(EXIT.ok);
    });
}
