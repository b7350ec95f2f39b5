/** `ctbank ls patients|studies|series`: list the catalog. */
import { Argument, type Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../catalog/schema.js';
import { listPatients, listSeries, listStudies } from '../../catalog/listing.js';
import {
  listWorkflowPatients,
  listWorkflowSeries,
  listWorkflowStudies,
} from '../../catalog/public-listing.js';
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

async function listing(db: Kysely<Database>, level: Level, original: boolean): Promise<object[]> {
  if (original) {
    if (level === 'patients') return listPatients(db);
    return level === 'studies' ? listStudies(db) : listSeries(db);
  }
  if (level === 'patients') return listWorkflowPatients(db);
  return level === 'studies' ? listWorkflowStudies(db) : listWorkflowSeries(db);
}

/** Registers the command. */
export function registerLs(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('ls'))
    .description('list the patients, studies or series in the catalog')
    .addArgument(new Argument('<level>', 'what to list').choices(['patients', 'studies', 'series']))
    .option(
      '--original',
      'show the identifiers as received (default: the de-identified ones where they exist)',
    )
    .action(async (level: Level, options: LsOptions) => {
      const workspace = await workspaceFor(options);
      const rows = await listing(workspace.catalog.db, level, options.original === true);
      await workspace.close();

      if (options.json === true) printJson(rows);
      else printTable(rows);
      finish(EXIT.ok);
    });
}
