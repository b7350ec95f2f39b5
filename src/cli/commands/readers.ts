/** `ctbank readers add|list`: the radiologists who read and adjudicate. */
import { Option, type Command } from 'commander';
import { addReader, listReaders, type ReaderRole } from '../../reading/readers.js';
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
export function registerReaders(program: Command, finish: (code: ExitCode) => void): void {
  const readers = program.command('readers').description('register and list readers');

  withCommonOptions(readers.command('add'))
    .description('register a reader (reads studies) or a senior (adjudicates)')
    .argument('<name>', 'the reader’s name as it appears in reads')
    .addOption(
      new Option('--role <role>', 'reader or senior')
        .choices(['reader', 'senior'])
        .default('reader'),
    )
    .action(async (name: string, options: CommonOptions & { role: ReaderRole }) => {
      const workspace = await workspaceFor(options);
      try {
        const reader = await addReader(workspace.catalog.db, { name, role: options.role });
        if (options.json === true) printJson(reader);
        else printLines(`${reader.name}: ${reader.role}`);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });

  withCommonOptions(readers.command('list'))
    .description('list the registered readers')
    .action(async (options: CommonOptions) => {
      const workspace = await workspaceFor(options);
      try {
        const list = await listReaders(workspace.catalog.db);
        if (options.json === true) printJson(list);
        else printTable(list);
        finish(EXIT.ok);
      } finally {
        await workspace.close();
      }
    });
}
