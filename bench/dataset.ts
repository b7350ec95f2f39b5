/**
 * The benchmark's dataset: phantom patients made by `ctbank synth`, as folders and as one stored
 * RAR5 archive per patient, kept under .bench/ and reused while the parameters stay the same.
 */
import { spawn } from 'node:child_process';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { CtbankError } from '../src/errors.js';
import { readFolderEntries, writeRar5Stored } from '../src/testing/rar5-stored-writer.js';

/** What the phantom generator is asked for. */
export interface DatasetParams {
  readonly patients: number;
  readonly slices: number;
  readonly seed: number;
  /** Slice thickness in mm (1.5 or 3); the phantom's default when absent. */
  readonly thicknessMm?: number;
}

/** A ready dataset: where it lies, its files and sizes. */
export interface Dataset {
  /** Folder holding one folder per patient. */
  readonly folder: string;
  /** Folder holding one <patient>.rar per patient. */
  readonly rarFolder: string;
  /** Every DICOM file under folder, in the order Orthanc receives them. */
  readonly files: readonly string[];
  readonly folderBytes: number;
  readonly rarBytes: number;
}

/** Written last, so a dataset interrupted halfway is never reused. */
interface CompleteMarker {
  readonly params: DatasetParams;
  readonly files: number;
  readonly folderBytes: number;
  readonly rarBytes: number;
}

const SYNTH_TIMEOUT_MS = 60 * 60 * 1000;

/** Every file under folder, recursively, sorted. */
export async function filesUnder(folder: string): Promise<string[]> {
  const dirents = await readdir(folder, { withFileTypes: true, recursive: true });
  return dirents
    .filter((dirent) => dirent.isFile())
    .map((dirent) => path.join(dirent.parentPath, dirent.name))
    .sort();
}

/** The summed sizes of the files in bytes. */
export async function totalBytes(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file)).size;
  return total;
}

/** Runs `ctbank synth` with inherited output, so its progress shows; stops it after an hour. */
export async function synthesize(
  cliPath: string,
  out: string,
  params: DatasetParams,
): Promise<void> {
  const args = [cliPath, 'synth', '--out', out, '--patients', String(params.patients)];
  args.push('--slices', String(params.slices), '--seed', String(params.seed));
  if (params.thicknessMm !== undefined) args.push('--thickness', String(params.thicknessMm));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), SYNTH_TIMEOUT_MS);

  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).finally(() => clearTimeout(timer));
  if (code !== 0) {
    throw new CtbankError('INTERNAL', `ctbank synth exited ${code}: ${args.join(' ')}`);
  }
}

/** True when the file has the DICOM Part 10 preamble: 128 bytes, then "DICM" (PS3.10 7.1). */
async function isPart10(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(132), 0, 132, 0);
    return bytesRead === 132 && buffer.toString('latin1', 128, 132) === 'DICM';
  } finally {
    await handle.close();
  }
}

/**
 * Moves what is not DICOM (the phantom's truth files) from the patient folders to extrasFolder,
 * so that both tools get DICOM only, as from a PACS export, and nothing is counted as rejected.
 */
export async function setAsideNonDicom(folder: string, extrasFolder: string): Promise<void> {
  for (const file of await filesUnder(folder)) {
    if (await isPart10(file)) continue;

    const target = path.join(extrasFolder, path.relative(folder, file));
    await mkdir(path.dirname(target), { recursive: true });
    await rename(file, target);
  }
}

async function patientFolders(folder: string): Promise<string[]> {
  const dirents = await readdir(folder, { withFileTypes: true });
  return dirents
    .filter((dirent) => dirent.isDirectory())
    .map((dirent) => dirent.name)
    .sort();
}

async function patientFiles(folder: string, patients: readonly string[]): Promise<string[]> {
  const perPatient = await Promise.all(patients.map((name) => filesUnder(path.join(folder, name))));
  return perPatient.flat();
}

/** Makes the dataset under benchDir, or reuses the one already there with the same params. */
export async function prepareDataset(
  benchDir: string,
  cliPath: string,
  params: DatasetParams,
  regenerate: boolean,
): Promise<Dataset> {
  const root = path.join(
    benchDir,
    `dataset-p${params.patients}-s${params.slices}-seed${params.seed}`,
  );
  const folder = path.join(root, 'folders');
  const rarFolder = path.join(root, 'rars');
  const markerFile = path.join(root, 'complete.json');

  const marker = regenerate ? undefined : await readMarker(markerFile);
  if (marker !== undefined) {
    const files = await patientFiles(folder, await patientFolders(folder));
    if (files.length === marker.files) {
      console.error(`bench: reusing the dataset in ${root}`);
      return { folder, rarFolder, files, ...pick(marker) };
    }
  }

  console.error(`bench: generating ${params.patients} patients x ${params.slices} slices`);
  await rm(root, { recursive: true, force: true });
  await mkdir(rarFolder, { recursive: true });
  await synthesize(cliPath, folder, params);
  await setAsideNonDicom(folder, path.join(root, 'extras'));

  const patients = await patientFolders(folder);
  if (patients.length !== params.patients) {
    throw new CtbankError(
      'INTERNAL',
      `ctbank synth made ${patients.length} patient folders in ${folder}, not ${params.patients}`,
    );
  }
  const rars: string[] = [];
  for (const patient of patients) {
    const rar = path.join(rarFolder, `${patient}.rar`);
    await writeRar5Stored(rar, readFolderEntries(path.join(folder, patient)));
    rars.push(rar);
  }

  const files = await patientFiles(folder, patients);
  const complete: CompleteMarker = {
    params,
    files: files.length,
    folderBytes: await totalBytes(files),
    rarBytes: await totalBytes(rars),
  };
  await writeFile(markerFile, JSON.stringify(complete, null, 2));
  return { folder, rarFolder, files, ...pick(complete) };
}

function pick(marker: CompleteMarker): { folderBytes: number; rarBytes: number } {
  return { folderBytes: marker.folderBytes, rarBytes: marker.rarBytes };
}

async function readMarker(file: string): Promise<CompleteMarker | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined; // no marker: the dataset is absent or was interrupted
  }
  return JSON.parse(text) as CompleteMarker;
}
