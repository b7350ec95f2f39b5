/**
 * `ctbank audit PATH...`: the proof that de-identified files hold nothing identifying. Every
 * file and name below the paths is scanned against the workspace's profile and, when the
 * workspace exists, against the original values of its private mapping.
 */
import type { Command } from 'commander';
import { auditFiles, type AuditFinding, type AuditOptions } from '../../deid/audit.js';
import { workspaceAuditOptions } from '../../deid/identity-values.js';
import { defaultDeidProfile, type DeidProfile } from '../../deid/profile.js';
import { readWorkspaceProfile } from '../../deid/workspace-profile.js';
import { isWorkspace, resolveLocation } from '../../workspace/workspace.js';
import {
  printJson,
  printLines,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface AuditCommandOptions extends CommonOptions {
  profile?: string;
}

/** Registers the command. */
export function registerAudit(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('audit'))
    .description('prove that de-identified files and their names carry nothing identifying')
    .argument('<paths...>', 'folders or files of de-identified DICOM')
    .option('--profile <file>', "the profile the files were made with (default: the workspace's)")
    .action(async (paths: string[], options: AuditCommandOptions) => {
      const context = await auditContext(options);
      const result = await auditFiles(paths, context.options);

      const summary = {
        files: result.files,
        originalsChecked: context.originalsChecked,
        findings: result.findings,
      };
      if (options.json === true) printJson(summary);
      else printReport(summary.files, summary.originalsChecked, result.findings);
      finish(result.findings.length === 0 ? EXIT.ok : EXIT.findings);
    });
}

// The private mapping is read only from an existing workspace: auditing a folder received
// from elsewhere must not create one, and then checks the profile and the text patterns only.
async function auditContext(
  options: AuditCommandOptions,
): Promise<{ options: AuditOptions; originalsChecked: boolean }> {
  const location = resolveLocation(options);
  const hasWorkspace = isWorkspace(location.dir) || options.database !== undefined;
  if (!hasWorkspace) {
    const profile = readProfileOutside(options.profile);
    return { options: { profile }, originalsChecked: false };
  }

  const workspace = await workspaceFor(options);
  try {
    const profile = readWorkspaceProfile(workspace.dir, options.profile);
    return {
      options: await workspaceAuditOptions(workspace.catalog.db, profile),
      originalsChecked: true,
    };
  } finally {
    await workspace.close();
  }
}

function readProfileOutside(profileFile: string | undefined): DeidProfile {
  return profileFile === undefined ? defaultDeidProfile() : readWorkspaceProfile('', profileFile);
}

function printReport(files: number, originalsChecked: boolean, findings: AuditFinding[]): void {
  const against = originalsChecked
    ? "the profile, the workspace's original values and text patterns"
    : 'the profile and text patterns (no workspace: original values not checked)';
  printLines(`audited ${files} files against ${against}`);
  if (findings.length === 0) {
    printLines('clean: nothing identifying found');
    return;
  }

  printLines(`${findings.length} findings:`);
  printTable(findings);
}
