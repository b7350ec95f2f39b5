/**
 * The workspace configuration file (`ctbank.json`), validated with zod. Every field has a
 * default, so an older or hand-trimmed file still opens.
 */
import { z } from 'zod';

const GIB = 1024 ** 3;

export const ingestConfigSchema = z.object({
  /** Largest declared or actual unpacked/packed ratio an archive may have. */
  maxExpansionRatio: z.number().positive().default(2000),
  /** Largest total unpacked size of one archive, bytes. */
  maxExpandedBytes: z
    .number()
    .positive()
    .default(16 * GIB),
  /** Longest time one archive may take to list and extract, seconds. */
  archiveTimeoutSeconds: z.number().positive().default(300),
  /** Largest single entry ctbank will hold in memory, bytes. */
  maxEntryBytes: z
    .number()
    .positive()
    .default(2 * GIB),
  /** How deep archives inside archives are opened. */
  maxNestingDepth: z.number().int().min(0).default(2),
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
