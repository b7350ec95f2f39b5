/**
 * Worker-thread entry for piscina: de-identifies one instance off the main thread, so that
 * parsing, screening, writing and auditing use every core while the main thread writes the
 * catalog.
 */
import { deidentifyInstance, type InstanceResult, type InstanceTask } from './deid-instance.js';

/** De-identifies the task's instance (piscina calls the default export). */
export default function deidentifyInWorker(task: InstanceTask): Promise<InstanceResult> {
  return deidentifyInstance(task);
}
