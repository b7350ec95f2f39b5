/**
 * Where tests find the repository, the compiled CLI and the shared real-data folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/src/…). */
export const REPO_ROOT = path.resolve(fileURLToPath(import.meta.url), '../../../..');

/** The compiled CLI entry point. */
export const CLI = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

/** The shared real-data folder (../shared/data beside the repository). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');

/** The path of a real-data file or folder, or undefined when the shared folder is absent. */
export function sharedData(relative: string): string | undefined {
  const full = path.join(SHARED_DATA, relative);
  return existsSync(full) ? full : undefined;
}

/** The reason a test skips when the shared data is absent. */
export const NO_SHARED_DATA = `${SHARED_DATA} is absent: real-data test skipped`;

/** A fresh temporary folder. */
export function temporaryDir(prefix = 'ctbank-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}
