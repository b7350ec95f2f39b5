/**
 * `ctbank quantify PATH... [--masks DIR]`: lungs, ground-glass opacity and consolidation of
 * every series in a folder, file set or archive, with the series' quality flags. Read where the
 * files are; no workspace is made (its quality settings are used when `--workspace` names one).
 */
import type { Command } from 'commander';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seriesBaseName } from '../../export/export-series.js';
import { maskImage } from '../../export/nifti-image.js';
import { writeNifti } from '../../export/nifti-write.js';
import { seriesFromPaths } from '../../export/path-series.js';
import { quantifySeries, type SeriesSummary } from '../../quant/quantify-series.js';
import { defaultConfig, type QcConfig } from '../../workspace/config.js';
import { isWorkspace, resolveLocation } from '../../workspace/workspace.js';
import {
  printJson,
  printTable,
  withCommonOptions,
  workspaceFor,
  type CommonOptions,
} from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface QuantifyOptions extends CommonOptions {
  masks?: string;
}

/** Registers the command. */
export function registerQuantify(program: Command, finish: (code: ExitCode) => void): void {
  withCommonOptions(program.command('quantify'))
    .description('measure lungs, ground-glass opacity and consolidation of every series in PATHs')
    .argument('<paths...>', 'a series folder, folders, DICOM files or archives')
    .option('--masks <dir>', 'write lung and infection masks per series as NIfTI')
    .action(async (paths: string[], options: QuantifyOptions) => {
      const qc = await qcConfigFor(options);
      const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'ctbank-quantify-'));
      const summaries: SeriesSummary[] = [];
      let rejected = 0;

      try {
        const found = await seriesFromPaths(paths, scratchDir);
        rejected = found.rejected.length;
        for (const series of found.series) {
          const uid = series.attributes.seriesInstanceUid;
          const measured = await quantifySeries(uid, series.instances, qc);
          summaries.push(measured.summary);
          if (options.masks !== undefined && measured.result !== undefined && measured.volume) {
            const base = path.join(path.resolve(options.masks), seriesBaseName(series));
            await mkdir(path.dirname(base), { recursive: true });
            const { volume, result } = measured;
            await writeNifti(`${base}_lung.nii.gz`, maskImage(volume, result.lungMask, 'lung'), {
              gzip: true,
            });
            const infection = maskImage(volume, result.infectionMask, 'infection');
            await writeNifti(`${base}_infection.nii.gz`, infection, { gzip: true });
          }
        }
      } finally {
        await rm(scratchDir, { recursive: true, force: true });
      }

      if (options.json === true) printJson(summaries);
      else printTable(summaries.map(tableRow));
      const unmeasured = summaries.some((summary) => !summary.quantified);
      finish(rejected > 0 || unmeasured ? EXIT.findings : EXIT.ok);
    });
}

// A workspace's own quality settings when one is named and exists; the defaults otherwise.
async function qcConfigFor(options: CommonOptions): Promise<QcConfig> {
  const location = resolveLocation(options);
  if (options.workspace === undefined || !isWorkspace(location.dir)) return defaultConfig().qc;

  const workspace = await workspaceFor(options);
  const qc = workspace.config.qc;
  await workspace.close();
  return qc;
}

function tableRow(summary: SeriesSummary): Record<string, unknown> {
  return {
    series: summary.seriesInstanceUid,
    slices: summary.sliceCount,
    lungMl: summary.lungVolumeMl,
    rightMl: summary.rightLungVolumeMl,
    leftMl: summary.leftLungVolumeMl,
    ggoPercent: summary.ggoPercent,
    consolidationPercent: summary.consolidationPercent,
    involvementPercent: summary.involvementPercent,
    severity: summary.severity,
    flags: summary.flags.map((flag) => flag.code).join(' '),
  };
}
