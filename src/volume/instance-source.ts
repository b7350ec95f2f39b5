/**
 * Where assembly reads instances from: anything that can hand over one instance's bytes on
 * demand (a file, a blob in a zone), so that no more than one parsed instance is held at a time.
 */
import { readFile } from 'node:fs/promises';

/** One instance of a series, read when needed. */
export interface InstanceSource {
  /** Names the instance in findings and errors (a path, a blob key). */
  readonly name: string;
  read(): Promise<Uint8Array>;
}

/** Instance sources for files on disk. */
export function fileInstanceSources(paths: readonly string[]): InstanceSource[] {
  return paths.map((path) => ({
    name: path,
    read: async () => new Uint8Array(await readFile(path)),
  }));
}
