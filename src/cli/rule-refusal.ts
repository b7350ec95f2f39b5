/**
 * The reading rules refuse some requests (a study not assigned, a read already submitted…):
 * the command line reports those as bad usage (exit status 2), with the rule's message.
 */
import { CtbankError, type ErrorCode } from '../errors.js';

const REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'FORM_INVALID',
  'READ_INVALID',
  'READER_UNKNOWN',
  'STUDY_UNKNOWN',
  'NOT_ASSIGNED',
  'READ_HIDDEN',
  'READ_SUBMITTED',
  'ADJUDICATION_OWN_READ',
  'ADJUDICATION_NOT_OPEN',
]);

/** Runs the action; a refusal by the reading rules becomes a USAGE error keeping its code. */
export async function refusalsAsUsage<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (thrown) {
    if (thrown instanceof CtbankError && REFUSALS.has(thrown.code)) {
      throw new CtbankError('USAGE', `${thrown.code}: ${thrown.message}`, thrown.place, thrown);
    }
    throw thrown;
  }
}
