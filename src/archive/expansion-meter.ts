/**
 * Zip-bomb accounting shared by the ZIP and RAR readers: declared sizes are checked from the
 * headers before extracting, and actual bytes are counted while extracting, because headers lie.
 */
import type { ArchiveLimits } from './archive-limits.js';

/** Why extraction must stop: the entry alone, or the whole archive, is out of proportion. */
export interface ExpansionRefusal {
  readonly scope: 'entry' | 'archive';
  readonly reason: string;
}

/** Bytes as a short human-readable size (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit] ?? 'B'}`;
}

function archiveRefusal(unpacked: number, packed: number, limits: ArchiveLimits, verb: string) {
  if (unpacked > limits.maxExpandedBytes) {
    const limit = formatBytes(limits.maxExpandedBytes);
    return `${verb} ${formatBytes(unpacked)}, over the limit of ${limit}`;
  }

  const ratio = packed > 0 ? unpacked / packed : unpacked > 0 ? Infinity : 0;
  if (ratio > limits.maxExpansionRatio) {
    return (
      `${verb} ${formatBytes(unpacked)} from ${formatBytes(packed)} packed ` +
      `(${Math.round(ratio)}:1), over the limit of ${limits.maxExpansionRatio}:1`
    );
  }
  return null;
}

/** Checks the unpacked total declared in the headers against both limits, before extracting. */
export function checkDeclaredExpansion(
  declaredBytes: number,
  packedBytes: number,
  limits: ArchiveLimits,
): string | null {
  return archiveRefusal(declaredBytes, packedBytes, limits, 'declares');
}

/** Counts the bytes actually extracted, per entry and per archive, against the limits. */
export class ExpansionMeter {
  #entryBytes = 0;
  #totalBytes = 0;

  constructor(
    private readonly packedBytes: number,
    private readonly limits: ArchiveLimits,
  ) {}

  /** Starts counting a new entry. */
  startEntry(): void {
    this.#entryBytes = 0;
  }

  /** Adds extracted bytes; returns why extraction must stop, or null to go on. */
  add(count: number): ExpansionRefusal | null {
    this.#entryBytes += count;
    this.#totalBytes += count;

    if (this.#entryBytes > this.limits.maxEntryBytes) {
      const limit = formatBytes(this.limits.maxEntryBytes);
      return { scope: 'entry', reason: `expands beyond the per-entry limit of ${limit}` };
    }

    const reason = archiveRefusal(this.#totalBytes, this.packedBytes, this.limits, 'expands to');
    return reason === null ? null : { scope: 'archive', reason };
  }
}
