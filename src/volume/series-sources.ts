/**
 * Groups the DICOM instances found under some paths (folders, files, ZIP and RAR, through the
 * archive layer) by Series Instance UID, so that each series can become a volume. Files on disk
 * are read again when the volume needs their pixels; archive entries stay in memory, since an
 * archive cannot be re-read entry by entry. What is not DICOM, or has no series, is a problem
 * with the file's path, code and reason, and never stops the rest.
 */
import { readSources, type SourceProblem } from '../archive/read-sources.js';
import { readHeader } from '../dicom/read-header.js';
import { CtbankError, messageOf } from '../errors.js';
import type { InstanceSource } from './instance-source.js';

/** The instances of one series, in the order they were found. */
export interface SeriesSources {
  readonly seriesInstanceUid: string;
  readonly instances: InstanceSource[];
}

/** Series found under some paths, and the files that are not part of any. */
export interface SeriesCollection {
  readonly series: SeriesSources[];
  readonly problems: SourceProblem[];
}

/** Reads the headers of everything under the paths and groups the instances by series. */
export async function collectSeriesSources(
  paths: readonly string[],
  scratchDir: string,
): Promise<SeriesCollection> {
  const bySeries = new Map<string, InstanceSource[]>();
  const problems: SourceProblem[] = [];

  for await (const item of readSources(paths, { scratchDir })) {
    if (item.kind === 'problem') {
      problems.push(item);
      continue;
    }

    const bytes = await item.read();
    const seriesUid = seriesOf(bytes, item.path, problems);
    if (seriesUid === undefined) continue;

    const diskPath = item.diskPath;
    const instance: InstanceSource =
      diskPath === undefined
        ? { name: item.path, read: () => Promise.resolve(bytes) }
        : { name: item.path, read: async () => new Uint8Array(await item.read()) };
    const list = bySeries.get(seriesUid) ?? [];
    list.push(instance);
    bySeries.set(seriesUid, list);
  }

  const series = [...bySeries].map(([seriesInstanceUid, instances]) => ({
    seriesInstanceUid,
    instances,
  }));
  return { series, problems };
}

function seriesOf(bytes: Uint8Array, path: string, problems: SourceProblem[]): string | undefined {
  try {
    const header = readHeader(bytes, path);
    if (header.isDicomdir) return undefined;

    const uid = header.values.SeriesInstanceUID;
    if (uid !== undefined && uid !== '') return uid;
    problems.push({ kind: 'problem', path, code: 'INVALID_UID', reason: 'no Series Instance UID' });
  } catch (thrown) {
    const code = thrown instanceof CtbankError ? thrown.code : 'READ_FAILED';
    problems.push({ kind: 'problem', path, code, reason: messageOf(thrown) });
  }
  return undefined;
}
