/**
 * Stable patient pseudonyms (`CT-0001`, …). The workspace keeps the registry in the private
 * part of the catalog; the de-identifier only asks it, so the same original Patient ID always
 * gets the same pseudonym and two different IDs never share one.
 */

/** Assigns and remembers pseudonyms, keyed by the original Patient ID after trimming. */
export interface PseudonymRegistry {
  /** The pseudonym of a (trimmed) original Patient ID, assigning the next one if it is new. */
  pseudonymFor(originalPatientId: string): Promise<string>;
}

/** The n-th pseudonym: prefix plus a number of at least four digits, e.g. `CT-0001`. */
export function formatPseudonym(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(4, '0')}`;
}

/** A registry held in memory, for tests and one-off runs outside a workspace. */
export class InMemoryPseudonymRegistry implements PseudonymRegistry {
  private readonly assigned = new Map<string, string>();

  constructor(private readonly prefix = 'CT-') {}

  /** Returns the pseudonym of the ID, numbering new IDs in the order they arrive. */
  pseudonymFor(originalPatientId: string): Promise<string> {
    const key = originalPatientId.trim();
    let pseudonym = this.assigned.get(key);
    if (pseudonym === undefined) {
      pseudonym = formatPseudonym(this.prefix, this.assigned.size + 1);
      this.assigned.set(key, pseudonym);
    }
    return Promise.resolve(pseudonym);
  }

  /** Every assignment so far, original ID to pseudonym. */
  entries(): [string, string][] {
    return [...this.assigned];
  }
}
