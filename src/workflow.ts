/**
 * The pipeline's stages in the order they run for each study. Each capability adds its stage
 * here; the runner and the faces take this list and know nothing of the stages themselves.
 */
import { deidStage } from './deid/deid-stage.js';
import { ingestStage } from './ingest/ingest-stage.js';
import type { Stage } from './pipeline/stage.js';
import { quantStage } from './quant/quant-stage.js';

/** Every stage, dependencies first. */
export const WORKFLOW: readonly Stage[] = [ingestStage, deidStage, quantStage];
