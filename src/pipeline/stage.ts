/**
 * What a stage is: a named, versioned step over one study. A stage is idempotent and says what
 * its inputs are (as a hash), so the runner can tell when it is due again.
 */
import type { Logger } from '../log.js';
import type { Workspace } from '../workspace/workspace.js';

/** What a stage gets to work with. */
export interface StageContext {
  readonly workspace: Workspace;
  readonly logger: Logger;
}

/** One step of the pipeline, run per study. */
export interface Stage {
  readonly name: string;
  /** Raised whenever the stage's output would change for the same inputs. */
  readonly version: number;
  /** Stages that must be done for the study first. */
  readonly dependsOn: readonly string[];
  /** A digest of everything the stage reads for the study. */
  inputHash(context: StageContext, studyInstanceUid: string): Promise<string>;
  /** Does the work; throws to fail. Must not half-write: outputs appear whole or not at all. */
  run(context: StageContext, studyInstanceUid: string): Promise<void>;
}

/** The states a stage run can be in. */
export type StageStatus = 'running' | 'done' | 'failed';
