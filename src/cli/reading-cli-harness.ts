/**
 * Test support for the reading commands end to end: the real CLI in a child process, a phantom
 * cohort ingested and de-identified into a fresh workspace, and reads CSVs of the default form.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_READING_FORM } from '../reading/default-form.js';
import { databaseFor, type CatalogTarget } from '../testing/catalog-targets.js';
import { CLI, temporaryDir } from '../testing/paths.js';

/** What one CLI run printed and returned. */
export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI with the arguments. */
export function ctbank(args: string[]): Ran {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON a run printed, after checking it did not fail. */
export function json<T>(ran: Ran): T {
  assert.ok(ran.status === 0 || ran.status === 1, ran.stderr);
  return JSON.parse(ran.stdout) as T;
}

/** A phantom workspace: its folder, catalog URL (PostgreSQL) and the common CLI options. */
export interface PhantomWorkspace {
  readonly dir: string;
  readonly databaseUrl: string | undefined;
  readonly common: string[];
}

/**
 * A phantom cohort, ingested and (unless `run` is false) de-identified by `ctbank run`; the
 * truth files are removed first: they are not DICOM.
 */
export async function phantomWorkspace(
  patients: number,
  target: CatalogTarget,
  run = true,
): Promise<PhantomWorkspace> {
  const dir = await temporaryDir();
  const databaseUrl = await databaseFor(target);
  const input = await temporaryDir();
  const synth = ctbank(['synth', '--out', input, '--patients', String(patients), '--slices', '8']);
  assert.equal(synth.status, 0, synth.stderr);
  for (const entry of await readdir(input, { recursive: true })) {
    if (entry.endsWith('truth.json')) await rm(path.join(input, entry));
  }

  const common = ['--workspace', dir, ...(databaseUrl ? ['--database', databaseUrl] : [])];
  assert.equal(ctbank(['ingest', input, ...common]).status, 0);
  if (run) {
    const ran = ctbank(['run', ...common]);
    assert.equal(ran.status, 0, ran.stderr);
  }
  return { dir, databaseUrl, common };
}

const HEADER = ['study', 'reader', ...DEFAULT_READING_FORM.findings.map((f) => f.key)];

/** A complete read of the default form as CSV cells: ground glass in two lobes. */
export const CLEAR_READ: Readonly<Record<string, string>> = {
  opacity: 'ggo',
  'air-bronchogram': 'absent',
  'septal-thickening': 'absent',
  cavitation: 'absent',
  'lobes-affected': '2',
  fibrosis: 'absent',
  'centrilobular-nodules': 'absent',
  'pleural-effusion': 'absent',
  lymphadenopathy: 'absent',
  'underlying-disease': '',
  distribution: 'peripheral;bilateral',
};

/** A reads CSV of the rows (cells by column name, missing ones empty). */
export function readsCsv(rows: readonly Record<string, string>[]): string {
  const lines = rows.map((row) => HEADER.map((key) => row[key] ?? '').join(','));
  return [HEADER.join(','), ...lines].join('\n') + '\n';
}
