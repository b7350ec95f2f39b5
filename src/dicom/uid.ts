/**
 * DICOM unique identifiers (PS3.5 section 9): validation, and `2.25.` UIDs derived from a keyed
 * hash so that the same input and secret always give the same new UID.
 */
import { createHmac } from 'node:crypto';

const UID_MAX_LENGTH = 64;
const COMPONENT = /^(0|[1-9][0-9]*)$/;

/** True when the value is a valid UID: at most 64 characters of dot-separated numbers. */
export function isValidUid(value: string | undefined): value is string {
  if (value === undefined || value.length === 0 || value.length > UID_MAX_LENGTH) return false;

  return value.split('.').every((component) => COMPONENT.test(component));
}

/**
 * A UID under the `2.25` root (ITU-T X.667: a UUID as one decimal integer), taken from the first
 * 128 bits of HMAC-SHA-256(secret, purpose + value) so it is stable per secret and unguessable.
 */
export function derivedUid(secret: Buffer, purpose: string, value: string): string {
  const digest = createHmac('sha256', secret).update(`${purpose}\u0000${value}`).digest();
  const bits = BigInt('0x' + digest.subarray(0, 16).toString('hex'));

  return `2.25.${bits.toString(10)}`;
}
