/**
 * What every command shares: the common options, the logger, the workspace, and printing —
 * one JSON document on standard output with --json, human text otherwise, logs on stderr.
 */
import type { Command } from 'commander';
import { createLogger, type Logger } from '../log.js';
import { openWorkspace, resolveLocation, type Workspace } from '../workspace/workspace.js';

/** Options every command accepts. */
export interface CommonOptions {
  workspace?: string;
  database?: string;
  json?: boolean;
}

/** Adds the common options to a command. */
export function withCommonOptions(command: Command): Command {
  return command
    .option(
      '--workspace <dir>',
      'workspace folder (default: $CTBANK_WORKSPACE or ./ctbank-workspace)',
    )
    .option(
      '--database <url>',
      'PostgreSQL URL for the catalog (default: $CTBANK_DATABASE_URL or SQLite)',
    )
    .option('--json', 'print one JSON document on standard output');
}

/** The logger for a command run. */
export function commandLogger(): Logger {
  return createLogger();
}

/** Opens the workspace the options name, creating it on first use. */
export function workspaceFor(options: CommonOptions): Promise<Workspace> {
  const location = resolveLocation({
    ...(options.workspace === undefined ? {} : { workspace: options.workspace }),
    ...(options.database === undefined ? {} : { database: options.database }),
  });
  return openWorkspace(location);
}

/** Prints a JSON document on standard output. */
export function printJson(document: unknown): void {
  process.stdout.write(JSON.stringify(document, null, 2) + '\n');
}

/** Prints lines of human text on standard output. */
export function printLines(...lines: string[]): void {
  process.stdout.write(lines.join('\n') + '\n');
}

/** Prints rows as an aligned plain-text table. */
export function printTable(rows: readonly object[]): void {
  if (rows.length === 0) {
    printLines('(none)');
    return;
  }
  const columns = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) =>
    columns.map((column) => cellText((row as Record<string, unknown>)[column])),
  );
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((line) => line[i]?.length ?? 0)),
  );
  const format = (line: readonly string[]): string =>
    line
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();

  printLines(format(columns), ...cells.map(format));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
