/**
 * Deterministic UIDs for phantom instances: `2.25.` followed by the decimal form of a UUID
 * (PS3.5 §B.2, ITU-T X.667), the UUID being a version-8 ("custom", RFC 9562 §5.8) UUID built
 * from SHA-256 of the dataset seed and the role of the UID, so the same seed gives the same UIDs.
 */
import { createHash } from 'node:crypto';

/** A valid `2.25.<decimal>` UID derived from the given parts, for example (seed, 3, 'study'). */
export function syntheticUid(...parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('/')).digest();
  const uuid = Buffer.from(digest.subarray(0, 16));

  uuid[6] = ((uuid[6] ?? 0) & 0x0f) | 0x80; // version 8
  uuid[8] = ((uuid[8] ?? 0) & 0x3f) | 0x80; // RFC variant (binary 10)

  return `2.25.${BigInt(`0x${uuid.toString('hex')}`).toString(10)}`;
}
