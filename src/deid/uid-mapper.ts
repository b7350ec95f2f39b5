/**
 * The U action (PS3.15 Table E.1-1a): every instance-level UID is replaced by a `2.25.` UID
 * derived by HMAC-SHA-256 from the original and the workspace secret (`derivedUid`), so the
 * same UID gets the same replacement in every attribute, file and run, and a reference still
 * points where it did. UIDs the standard itself defines (root 1.2.840.10008: SOP classes,
 * transfer syntaxes, well-known instances) identify no one and stay.
 */
import { derivedUid } from '../dicom/uid.js';

const DICOM_ROOT = '1.2.840.10008.';
const PURPOSE = 'deid:uid';

/** One replaced UID, for the private zone. */
export interface UidReplacement {
  readonly original: string;
  readonly replacement: string;
}

/** Maps UIDs for one instance, remembering each replacement made. */
export class UidMapper {
  private readonly replaced = new Map<string, string>();

  constructor(private readonly secret: Buffer) {}

  /** The replacement of a UID; empty and standard-defined UIDs are returned unchanged. */
  map(uid: string): string {
    const original = uid.trim();
    if (original === '' || original.startsWith(DICOM_ROOT)) return original;

    let replacement = this.replaced.get(original);
    if (replacement === undefined) {
      replacement = derivedUid(this.secret, PURPOSE, original);
      this.replaced.set(original, replacement);
    }
    return replacement;
  }

  /** Every replacement made so far, in the order first met. */
  replacements(): UidReplacement[] {
    return [...this.replaced].map(([original, replacement]) => ({ original, replacement }));
  }
}
