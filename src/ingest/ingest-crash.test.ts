/**
 * Crash safety: a real `ctbank ingest` process is killed with SIGKILL while it writes, several
 * times, and then run to the end. The catalog must be intact, hold no row whose original is
 * missing or damaged, and end up exactly as one uninterrupted ingest leaves it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sha256Hex } from '../store/blob-store.js';
import { CLI, NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';
import { openWorkspace } from '../workspace/workspace.js';

const series = sharedData('ct/covid-ct-md');
const KILLS = 3;

function countInstances(catalogFile: string): number {
  if (!existsSync(catalogFile)) return 0;
  const db = new SqliteDatabase(catalogFile, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db
      .prepare("select 1 from sqlite_master where name = 'original_instances'")
      .get();
    if (hasTable === undefined) return 0;
    const row = db.prepare('select count(*) as n from original_instances').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function ingestUntilKilled(workspaceDir: string, atLeast: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [CLI, 'ingest', series ?? '', '--workspace', workspaceDir],
    {
      stdio: 'ignore',
    },
  );
  const catalogFile = path.join(workspaceDir, 'catalog.sqlite');
  const deadline = Date.now() + 60_000;

  while (countInstances(catalogFile) < atLeast && Date.now() < deadline) {
    if (child.exitCode !== null) break;
    await sleep(20);
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return countInstances(catalogFile);
}

function ingestToEnd(workspaceDir: string): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [CLI, 'ingest', series ?? '', '--workspace', workspaceDir],
    {
      stdio: 'ignore',
    },
  );
  return new Promise((resolve) => child.once('exit', resolve));
}

test(
  'a killed ingest leaves a consistent catalog and the next run completes it',
  {
    skip: series === undefined ? NO_SHARED_DATA : false,
    timeout: 240_000,
  },
  async () => {
    const killed = await temporaryDir();
    const counts: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      counts.push(await ingestUntilKilled(killed, kill * 60));
    }
    assert.ok(
      counts.some((count) => count > 0 && count < 302),
      `killed mid-run: ${counts.join(', ')}`,
    );

    const db = new SqliteDatabase(path.join(killed, 'catalog.sqlite'), { readonly: true });
    assert.equal(
      (db.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check,
      'ok',
    );
    db.close();

    const workspace = await openWorkspace({ dir: killed });
    const rows = await workspace.catalog.db.selectFrom('original_instances').selectAll().execute();
    for (const row of rows) {
      const bytes = await workspace.privateStore.read(row.sha256);
      assert.equal(sha256Hex(bytes), row.sha256, `${row.source_path} is whole`);
    }
    await workspace.close();

    assert.equal(await ingestToEnd(killed), 1, 'P002 is rejected, so the run ends with status 1');
    const clean = await temporaryDir();
    await ingestToEnd(clean);

    const finalRows = async (dir: string): Promise<string[]> => {
      const opened = await openWorkspace({ dir });
      const all = await opened.catalog.db
        .selectFrom('original_instances')
        .select(['sop_instance_uid', 'sha256', 'status'])
        .orderBy('sop_instance_uid')
        .execute();
      await opened.close();
      return all.map((row) => `${row.sop_instance_uid} ${row.sha256} ${row.status}`);
    };
    const afterKills = await finalRows(killed);
    assert.equal(afterKills.length, 302);
    assert.deepEqual(afterKills, await finalRows(clean));
  },
);
