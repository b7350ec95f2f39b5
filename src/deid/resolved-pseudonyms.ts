/**
 * A pseudonym registry over pseudonyms resolved beforehand from the catalog, for worker
 * threads, which cannot reach the catalog: an ID it does not hold is remembered as missing,
 * so that the caller resolves it and submits the instance again.
 */
import type { PseudonymRegistry } from './pseudonym-registry.js';

/** Answers from a fixed map of trimmed original Patient IDs to pseudonyms. */
export class ResolvedPseudonyms implements PseudonymRegistry {
  /** The first ID asked for that the map does not hold. */
  missing: string | undefined;

  constructor(private readonly resolved: Readonly<Record<string, string>>) {}

  /** The resolved pseudonym; for a missing ID, '' (the instance is then submitted again). */
  pseudonymFor(originalPatientId: string): Promise<string> {
    const key = originalPatientId.trim();
    const pseudonym = Object.hasOwn(this.resolved, key) ? this.resolved[key] : undefined;
    if (pseudonym === undefined) this.missing ??= key;
    return Promise.resolve(pseudonym ?? '');
  }
}
