#!/usr/bin/env node
/**
 * The ctbank command line. Every command shares --workspace, --database and --json, and the
 * exit statuses 0 (done), 1 (done with rejections or findings), 2 (bad usage), 3 (failed).
 */
import { Command, CommanderError } from 'commander';
import { CtbankError, messageOf } from '../errors.js';
import { registerAdjudication } from './commands/adjudication.js';
import { registerAgreement } from './commands/agreement.js';
import { registerAssign } from './commands/assign.js';
import { registerAudit } from './commands/audit.js';
import { registerClinical } from './commands/clinical.js';
import { registerDeid } from './commands/deid.js';
import { registerDemo } from './commands/demo.js';
import { registerForm } from './commands/form.js';
import { registerExport } from './commands/export.js';
import { registerIngest } from './commands/ingest.js';
import { registerInit } from './commands/init.js';
import { registerLs } from './commands/ls.js';
import { registerReaders } from './commands/readers.js';
import { registerReads } from './commands/reads.js';
import { registerReidentify } from './commands/reidentify.js';
import { registerQuantify } from './commands/quantify.js';
import { registerRun } from './commands/run.js';
import { registerStats } from './commands/stats.js';
import { registerStatus } from './commands/status.js';
import { registerSynth } from './commands/synth.js';
import { registerWithdraw } from './commands/withdraw.js';
import { EXIT, type ExitCode } from './exit-codes.js';

async function main(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const finish = (code: ExitCode): void => {
    exitCode = code;
  };

  const program = new Command('ctbank')
    .description('build, curate, serve and publish open chest-CT datasets')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  for (const register of [
    registerInit,
    registerSynth,
    registerIngest,
    registerRun,
    registerStatus,
    registerLs,
    registerReidentify,
    registerDeid,
    registerAudit,
    registerQuantify,
    registerWithdraw,
    registerReaders,
    registerAssign,
    registerForm,
    registerReads,
    registerAdjudication,
    registerAgreement,
    registerClinical,
    registerStats,
    registerExport,
    registerDemo,
  ]) {
    register(program, finish);
  }

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (thrown) {
    return failure(thrown);
  }
}

function failure(thrown: unknown): ExitCode {
  if (thrown instanceof CommanderError) {
    const isHelp = thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version';
    return isHelp || thrown.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (thrown instanceof CtbankError && thrown.code === 'USAGE') {
    console.error(`ctbank: ${thrown.message}`);
    return EXIT.usage;
  }

  console.error(`ctbank: ${messageOf(thrown)}`);
  if (process.env['CTBANK_DEBUG'] !== undefined && thrown instanceof Error)
    console.error(thrown.stack);
  return EXIT.failed;
}

process.exitCode = await main(process.argv);
