/**
 * `ctbank demo`: the main job on bundled synthetic data — a phantom dataset in a demo workspace
 * taken through every stage that exists, showing what each step did.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { listWorkflowSeries } from '../../catalog/public-listing.js';
import { auditFiles } from '../../deid/audit.js';
import { exportStudies, writeExport } from '../../deid/export-public.js';
import { workspaceAuditOptions } from '../../deid/identity-values.js';
import { readWorkspaceProfile } from '../../deid/workspace-profile.js';
import type { Workspace } from '../../workspace/workspace.js';
import { stageRecords } from '../../pipeline/stage-records.js';
import { WORKFLOW } from '../../workflow.js';
import { printLines, printTable, workspaceFor, type CommonOptions } from '../context.js';
import { demoReading } from '../demo-reading.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { runIngest } from './ingest.js';
import { runWorkflow } from './run.js';
import { synthesize } from './synth.js';

const DEMO_WORKSPACE = './demo-workspace';

// The phantom writes truth.json beside the slices; the demo ingests only the slices.
async function dicomFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.dcm'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Registers the command. */
export function registerDemo(program: Command, finish: (code: ExitCode) => void): void {
  program
    .command('demo')
    .description('run the whole pipeline on a synthetic phantom dataset in a demo workspace')
    .option('--workspace <dir>', 'demo workspace folder', DEMO_WORKSPACE)
    .option('--database <url>', 'PostgreSQL URL for the catalog (default: SQLite)')
    .option('--patients <n>', 'phantom patients', (v) => Number(v), 4)
    .option('--slices <n>', 'slices per patient', (v) => Number(v), 80)
    .action(async (options: CommonOptions & { patients: number; slices: number }) => {
      const workspaceDir = path.resolve(options.workspace ?? DEMO_WORKSPACE);
      const common = {
        workspace: workspaceDir,
        ...(options.database ? { database: options.database } : {}),
      };
      const input = path.join(workspaceDir, 'demo-input');

      printLines(`1. phantom: ${options.patients} synthetic chest CTs of ${options.slices} slices`);
      if (!existsSync(input)) {
        const phantom = await synthesize({
          out: input,
          patients: options.patients,
          slices: options.slices,
          thickness: 3,
          seed: 7,
        });
        printLines(`   wrote ${phantom.files} DICOM files to ${input}`);
      } else printLines(`   reusing ${input}`);

      printLines(
        '',
        '2. ingest: index the DICOM into the catalog, originals into the private zone',
      );
      const report = await runIngest(await dicomFiles(input), { ...common, json: false });

      printLines('', '3. run: every due stage for every study');
      const { summary } = await runWorkflow(common);
      printLines(`   ${summary.ran} stage runs, ${summary.done} done, ${summary.failed} failed`);

      printLines('', '4. catalog: de-identified series, and the stages of each original study');
      const workspace = await workspaceFor(common);
      printTable(await listWorkflowSeries(workspace.catalog.db));
      const records = await stageRecords(workspace.catalog.db);
      printTable(
        [...records].map(([studyInstanceUid, stages]) => ({
          studyInstanceUid,
          ...Object.fromEntries(
            WORKFLOW.map((stage) => [stage.name, stages.get(stage.name)?.status]),
          ),
        })),
      );
      await showQuantification(workspace, workspaceDir);
      const clean = await exportAndAudit(workspace, [...records.keys()], workspaceDir);
      await demoReading(workspace);
      await workspace.close();

      printLines(
        '',
        `workspace: ${workspaceDir}  (try: npx ctbank status --workspace ${workspaceDir})`,
      );
      const problems = report.rejected.length > 0 || summary.failed > 0 || !clean;
      finish(problems ? EXIT.findings : EXIT.ok);
    });
}

// The quantify stage's figures for the series chosen in each study, and its PNG reports
// copied where a person can open them.
async function showQuantification(workspace: Workspace, workspaceDir: string): Promise<void> {
  const db = workspace.catalog.db;
  const rows = await db
    .selectFrom('series_quantification as q')
    .innerJoin('series_quality as c', 'c.series_instance_uid', 'q.series_instance_uid')
    .innerJoin('studies as st', 'st.study_instance_uid', 'q.study_instance_uid')
    .select([
      'st.patient_id',
      'q.slice_count',
      'q.lung_ml',
      'q.ggo_percent',
      'q.consolidation_percent',
      'q.involvement_percent',
      'q.severity',
      'c.flags_json',
    ])
    .where('c.chosen', '=', 1)
    .orderBy('st.patient_id')
    .execute();
  printLines('', '   quantification (lungs, GGO, consolidation) of the series chosen per study');
  printTable(
    rows.map((row) => ({
      patientId: row.patient_id,
      slices: row.slice_count,
      lungMl: Math.round(row.lung_ml),
      ggoPercent: row.ggo_percent,
      consolidationPercent: row.consolidation_percent,
      involvementPercent: row.involvement_percent,
      severity: row.severity,
      flags: (JSON.parse(row.flags_json) as { code: string }[]).map((f) => f.code).join(' '),
    })),
  );

  const reports = await db
    .selectFrom('study_reports as r')
    .innerJoin('studies as st', 'st.study_instance_uid', 'r.study_instance_uid')
    .select(['st.patient_id', 'r.png_sha256'])
    .execute();
  const folder = path.join(workspaceDir, 'demo-reports');
  await mkdir(folder, { recursive: true });
  for (const report of reports) {
    await copyFile(
      workspace.publicStore.pathOf(report.png_sha256),
      path.join(folder, `${report.patient_id}.png`),
    );
  }
  printLines(`   ${reports.length} one-page PNG reports in ${folder}`);
}

// The public zone as a recipient gets it, audited against the private mapping: the proof
// that de-identification left nothing identifying.
async function exportAndAudit(
  workspace: Workspace,
  originalStudyUids: string[],
  workspaceDir: string,
): Promise<boolean> {
  const out = path.join(workspaceDir, 'demo-export');
  await rm(out, { recursive: true, force: true });
  const exported = await exportStudies(workspace, originalStudyUids);
  await writeExport(workspace.publicStore, exported.files, out);
  printLines(
    '',
    `5. export: ${exported.files.length} de-identified files of ${exported.patients} patients ` +
      `to ${out}, ${exported.quarantined.length} quarantined`,
  );

  const audit = await auditFiles(
    out,
    await workspaceAuditOptions(workspace.catalog.db, readWorkspaceProfile(workspace.dir)),
  );
  printLines(
    `6. audit: ${audit.files} files, ${audit.findings.length} findings` +
      (audit.findings.length === 0 ? ' (clean)' : ''),
  );
  if (audit.findings.length > 0) printTable(audit.findings);
  return audit.findings.length === 0;
}
