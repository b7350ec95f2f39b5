/**
 * End-to-end tests of every CLI command, run as a real process on the compiled build.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { catalogTargets, databaseFor } from '../testing/catalog-targets.js';
import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function ctbank(args: string[], env: Record<string, string> = {}): Ran {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(ran: Ran): T {
  return JSON.parse(ran.stdout) as T;
}

const threeSlices = sharedData('ct/dcmqi-ct-3slice');

describe('ctbank CLI', () => {
  test('--help lists every command', () => {
    const ran = ctbank(['--help']);
    assert.equal(ran.status, 0);
    const commands = [
      ...['init', 'synth', 'ingest', 'run', 'status', 'ls', 'reidentify', 'deid', 'audit'],
      ...['quantify', 'withdraw', 'readers', 'assign', 'form', 'reads', 'adjudication'],
      ...['agreement', 'clinical', 'stats', 'export', 'demo'],
    ];
    for (const command of commands) {
      assert.match(ran.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    }
  });

  test('exits 2 on bad usage', () => {
    assert.equal(ctbank(['ls', 'nonsense']).status, 2);
    assert.equal(ctbank(['run', '--until', 'nonsense']).status, 2);
    assert.equal(ctbank(['no-such-command']).status, 2);
    assert.equal(ctbank(['synth', '--out', 'x', '--thickness', '2']).status, 2);
  });

  test('init creates a workspace at CTBANK_WORKSPACE', async () => {
    const dir = path.join(await temporaryDir(), 'ws');
    const ran = ctbank(['init', '--json'], { CTBANK_WORKSPACE: dir });
    assert.equal(ran.status, 0, ran.stderr);
    const summary = json<{ workspace: string; dialect: string }>(ran);
    assert.equal(summary.workspace, dir);
    assert.equal(summary.dialect, 'sqlite');
    assert.match(
      await readFile(path.join(dir, 'private', 'secret.key'), 'utf8'),
      /^[0-9a-f]{64}\n$/,
    );
  });

  test('synth writes a phantom with truth files', async () => {
    const out = await temporaryDir();
    const ran = ctbank(['synth', '--out', out, '--patients', '2', '--slices', '12', '--json']);
    assert.equal(ran.status, 0, ran.stderr);
    const result = json<{ files: number; patients: { truthPath: string }[] }>(ran);
    assert.ok(result.files >= 22);
    assert.equal(result.patients.length, 2);
  });

  for (const target of catalogTargets()) {
    test(
      `ingest, run, status and ls on ${target.dialect}`,
      {
        skip: threeSlices === undefined ? NO_SHARED_DATA : (target.skip ?? false),
      },
      async () => {
        const dir = await temporaryDir();
        const databaseUrl = await databaseFor(target);
        const common = ['--workspace', dir, ...(databaseUrl ? ['--database', databaseUrl] : [])];
        const junk = path.join(dir, 'notes.txt');
        await writeFile(junk, 'not an image');

        const ingested = ctbank(['ingest', threeSlices ?? '', junk, '--json', ...common]);
        assert.equal(ingested.status, 1, 'a rejected input makes the status 1');
        const report = json<Record<string, unknown>>(ingested);
        for (const key of ['patients', 'studies', 'series', 'instances', 'newInstances', 'bytes']) {
          assert.equal(typeof report[key], 'number', key);
        }
        assert.equal(report['instances'], 3);
        assert.deepEqual(report['rejected'], [
          {
            path: junk,
            code: 'NOT_DICOM',
            reason: 'not DICOM (no DICM prefix at byte 128 and no data set at byte 0)',
          },
        ]);

        const ran = ctbank(['run', '--json', ...common]);
        assert.equal(ran.status, 0, ran.stderr);

        const status = json<
          { studyInstanceUid: string; stages: Record<string, { status: string }> }[]
        >(ctbank(['status', '--json', ...common]));
        assert.equal(status.length, 1);
        assert.equal(status[0]?.stages['ingest']?.status, 'done');

        assert.equal(status[0]?.stages['deid']?.status, 'done');

        const patients = json<
          { patientId: string; instanceCount: number; deidentified: boolean }[]
        >(ctbank(['ls', 'patients', '--json', ...common]));
        assert.equal(patients.length, 1);
        assert.equal(patients[0]?.instanceCount, 3);
        assert.match(
          patients[0]?.patientId ?? '',
          /^CT-\d{4}$/,
          'the pseudonym once de-identified',
        );
        assert.equal(patients[0]?.deidentified, true);
        const series = json<{ seriesInstanceUid: string; instanceCount: number }[]>(
          ctbank(['ls', 'series', '--json', ...common]),
        );
        assert.equal(series[0]?.instanceCount, 3);
        assert.match(series[0]?.seriesInstanceUid ?? '', /^2\.25\./);
        const studies = json<{ studyInstanceUid: string; seriesCount: number }[]>(
          ctbank(['ls', 'studies', '--json', ...common]),
        );
        assert.equal(studies[0]?.seriesCount, 1);
        const originals = json<{ studyInstanceUid: string; patientId: string }[]>(
          ctbank(['ls', 'studies', '--original', '--json', ...common]),
        );
        assert.equal(originals[0]?.studyInstanceUid, status[0]?.studyInstanceUid);
        assert.notEqual(originals[0]?.studyInstanceUid, studies[0]?.studyInstanceUid);
      },
    );
  }

  test('demo takes a phantom through every stage', async () => {
    const dir = await temporaryDir();
    const ran = ctbank(['demo', '--workspace', dir, '--patients', '2', '--slices', '16']);
    assert.equal(ran.status, 0, ran.stderr);
    assert.match(ran.stdout, /ingest/);
    assert.match(ran.stdout, /stage runs/);
  });
});
