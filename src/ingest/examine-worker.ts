/**
 * Worker-thread entry for piscina: examines one file off the main thread, so that parsing and
 * hashing use both cores while the main thread writes the catalog.
 */
import { examineFile, type Examined, type ExamineTask } from './examine-file.js';

/** Examines the task's file (piscina calls the default export). */
export default function examineInWorker(task: ExamineTask): Promise<Examined> {
  return examineFile(task);
}
