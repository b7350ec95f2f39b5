/**
 * The workspace configuration file (`ctbank.json`), validated with zod. Every field has a
 * default, so an older or hand-trimmed file still opens.
 */
import { z } from 'zod';
import { DEFAULT_ARCHIVE_LIMITS as ARCHIVE } from '../archive/archive-limits.js';

export const ingestConfigSchema = z.object({
  // Archive limits: the defaults and why are in src/archive/archive-limits.ts.
  /** Largest declared or actual unpacked/packed ratio an archive may have. */
  maxExpansionRatio: z.number().positive().default(ARCHIVE.maxExpansionRatio),
  /** Largest total unpacked size of one archive, bytes. */
  maxExpandedBytes: z.number().positive().default(ARCHIVE.maxExpandedBytes),
  /** Longest time the extractor may spend on one archive, seconds. */
  archiveTimeoutSeconds: z
    .number()
    .positive()
    .default(ARCHIVE.timeoutMs / 1000),
  /** Largest single entry ctbank will hold in memory, bytes. */
  maxEntryBytes: z.number().positive().default(ARCHIVE.maxEntryBytes),
  /** How deep archives inside archives are opened (1: a ZIP inside a RAR, no deeper). */
  maxNestingDepth: z.number().int().min(0).default(ARCHIVE.maxNestingDepth),
  /** Files seen before parsing and hashing move to worker threads. */
  workerThreshold: z.number().int().min(0).default(32),
});

// Quality checks: what each threshold guards against is in src/qc/ beside the check using it.
export const qcConfigSchema = z.object({
  /** Slice Thickness values the dataset expects (mm): the reference protocol's 1.5 and 3. */
  expectedThicknessMm: z.array(z.number().positive()).default([1.5, 3]),
  /** How far a Slice Thickness may be from an expected one (mm): DS rounding. */
  thicknessToleranceMm: z.number().min(0).default(0.05),
  /** Rows × Columns and Bits Allocated the dataset expects. */
  expectedRows: z.number().int().positive().default(512),
  expectedColumns: z.number().int().positive().default(512),
  expectedBitsAllocated: z.number().int().positive().default(16),
  /** Largest angle between the slice normal and the patient's long axis (degrees). */
  maxObliqueDegrees: z.number().min(0).max(90).default(10),
  /** Lung air in an end slice above this share of the largest lung section: cut off. */
  coverageLungShare: z.number().positive().max(1).default(0.1),
  /** Share of body slices that must show the table before the series is flagged. */
  tableSliceShare: z.number().positive().max(1).default(0.3),
  /** A slice's outline band must exceed its neighbours' median by this factor and… */
  motionBandRatio: z.number().positive().default(2),
  /** …by this much (mm) to count as a motion ghost. */
  motionBandExcessMm: z.number().positive().default(2),
  /** Body outline change to a neighbour, against the neighbours' median change (factor). */
  motionJumpRatio: z.number().positive().default(4),
  /** Smallest body outline change (1 − Dice) that can be a motion jump. */
  motionJumpMin: z.number().positive().max(1).default(0.01),
  /** Upper quartile of mediastinal soft tissue above this (HU): contrast was given. */
  contrastUpperQuartileHu: z.number().default(110),
  /** Noise SD in soft tissue above this (HU): heavy noise. */
  maxNoiseHu: z.number().positive().default(50),
});

export const workspaceConfigSchema = z.object({
  format: z.literal(1).default(1),
  name: z.string().default('ctbank dataset'),
  /** Modalities the dataset expects; later stages quarantine the rest. */
  expectedModalities: z.array(z.string()).default(['CT']),
  ingest: ingestConfigSchema.default(ingestConfigSchema.parse({})),
  qc: qcConfigSchema.default(qcConfigSchema.parse({})),
});

/** The parsed configuration of a workspace. */
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;
export type QcConfig = z.infer<typeof qcConfigSchema>;

/** The configuration a new workspace starts with. */
export function defaultConfig(): WorkspaceConfig {
  return workspaceConfigSchema.parse({});
}
