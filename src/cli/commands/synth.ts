/** `ctbank synth`: write synthetic chest CTs (the phantom) as DICOM. */
import { InvalidArgumentError, type Command } from 'commander';
import { synthesizeDataset, type SynthResult } from '../../phantom/synthesize-dataset.js';
import { printJson, printLines } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface SynthCommandOptions {
  out: string;
  patients: number;
  slices: number;
  thickness: 1.5 | 3;
  seed: number;
  table?: boolean;
  motion?: boolean;
  missingSlice?: boolean;
  json?: boolean;
}

/** Registers the command. */
export function registerSynth(program: Command, finish: (code: ExitCode) => void): void {
  program
    .command('synth')
    .description('write synthetic chest CTs (phantom) as DICOM, with a truth.json per patient')
    .requiredOption('--out <dir>', 'output folder')
    .option('--patients <n>', 'number of patients', positiveInteger, 3)
    .option('--slices <n>', 'slices per patient', positiveInteger, 120)
    .option('--thickness <mm>', 'slice thickness: 1.5 or 3', thickness, 3)
    .option('--seed <s>', 'random seed (same seed, same bytes)', positiveInteger, 1)
    .option('--table', 'show the patient table in every patient')
    .option('--motion', 'add a motion artefact to every patient')
    .option('--missing-slice', 'leave one slice out of every patient')
    .option('--json', 'print one JSON document on standard output')
    .action(async (options: SynthCommandOptions) => {
      const result = await synthesize(options);
      if (options.json === true) printJson(result);
      else {
        printLines(
          `wrote ${result.patients.length} patients, ${result.files} files ` +
            `(${(result.bytes / 1e6).toFixed(1)} MB) in ${result.seconds.toFixed(1)} s ` +
            `to ${options.out}`,
        );
      }
      finish(EXIT.ok);
    });
}

/** Writes a phantom dataset; shared with `demo`. */
export function synthesize(options: SynthCommandOptions): Promise<SynthResult> {
  return synthesizeDataset({
    outDir: options.out,
    patients: options.patients,
    slices: options.slices,
    thickness: options.thickness,
    seed: options.seed,
    ...(options.table === undefined ? {} : { table: options.table }),
    ...(options.motion === undefined ? {} : { motion: options.motion }),
    ...(options.missingSlice === undefined ? {} : { missingSlice: options.missingSlice }),
  });
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('not a whole number');
  return parsed;
}

function thickness(value: string): 1.5 | 3 {
  if (value === '1.5') return 1.5;
  if (value === '3') return 3;
  throw new InvalidArgumentError('slice thickness must be 1.5 or 3');
}
