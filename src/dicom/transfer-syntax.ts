/**
 * Transfer syntax UIDs ctbank names in code (PS3.5 section 10 and PS3.6 Annex A).
 */

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** True for the transfer syntaxes whose data set is encoded big endian. */
export function isBigEndian(transferSyntaxUid: string): boolean {
  return transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN;
}
