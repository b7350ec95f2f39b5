/** Process exit statuses, the same for every command (README, "Conventions"). */
export const EXIT = {
  /** All done. */
  ok: 0,
  /** Done, but some inputs were rejected or a check found something. */
  findings: 1,
  /** Bad usage. */
  usage: 2,
  /** Failed. */
  failed: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
