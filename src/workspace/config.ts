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

export const workspaceConfigSchema = z.object({
  format: z.literal(1).default(1),
  name: z.string().default('ctbank dataset'),
  /** Modalities the dataset expects; later stages quarantine the rest. */
  expectedModalities: z.array(z.string()).default(['CT']),
  ingest: ingestConfigSchema.default(ingestConfigSchema.parse({})),
});

/** The parsed configuration of a workspace. */
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type IngestConfig = z.infer<typeof ingestConfigSchema>;

/** The configuration a new workspace starts with. */
export function defaultConfig(): WorkspaceConfig {
  return workspaceConfigSchema.parse({});
}
