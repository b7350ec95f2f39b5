/**
 * Multi-volume RAR sets and the limits on size and time, on the real corpus in ../shared/data/rar.
 */
import assert from 'node:assert/strict';
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { collectSources } from '../testing/collect-sources.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

async function withScratch(body: (scratchDir: string) => Promise<void>): Promise<void> {
  const scratchDir = await temporaryDir('ctbank-rar-volumes-');
  try {
    await body(scratchDir);
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

void test('reads the parts of a multi-volume set once, through the first part, in a folder', async (t) => {
  const corpus = sharedData('rar/libarchive');
  if (corpus === undefined) return t.skip(NO_SHARED_DATA);

  await withScratch(async (scratchDir) => {
    const { files, problems } = await collectSources([corpus], { scratchDir });

    const fromSets = files.filter((file) => file.path.includes('multiarchive.part01.rar!/'));
    assert.equal(fromSets.length, 2);
    // Only the two corpus files whose first parts do not exist are left over.
    const orphans = problems.filter((found) => found.code === 'ARCHIVE_MULTIVOLUME');
    assert.deepEqual(
      orphans.map((found) => path.basename(found.path)),
      [
        'test_read_format_rar5_bytes_remaining_underflow.rar',
        'test_read_format_rar_seek_data_cursor0.rar',
      ],
    );
  });
});

void test('asks for the missing parts when a first part is given without them', async (t) => {
  const first = sharedData('rar/libarchive/test_read_format_rar5_multiarchive.part01.rar');
  if (first === undefined) return t.skip(NO_SHARED_DATA);

  await withScratch(async (scratchDir) => {
    const alone = path.join(scratchDir, path.basename(first));
    await copyFile(first, alone);

    const { files, problems } = await collectSources([alone], { scratchDir });

    assert.deepEqual(files, []);
    assert.deepEqual(
      problems.map((found) => found.code),
      ['ARCHIVE_MULTIVOLUME'],
    );
    assert.match(problems[0]?.reason ?? '', /needs its missing part .*\.part02\.rar$/);
  });
});

void test('asks for the first part when a later part is given alone', async (t) => {
  const later = sharedData('rar/libarchive/test_read_format_rar_multivolume.part0003.rar');
  if (later === undefined) return t.skip(NO_SHARED_DATA);

  await withScratch(async (scratchDir) => {
    const { problems } = await collectSources([later], { scratchDir });

    assert.deepEqual(
      problems.map((found) => found.code),
      ['ARCHIVE_MULTIVOLUME'],
    );
    assert.match(problems[0]?.reason ?? '', /later part .* give its first part/);
  });
});

void test('stops an archive that runs past its time limit, and goes on with the next', async (t) => {
  const slow = sharedData('rar/libarchive/test_read_format_rar_ppmd_lzss_conversion.rar');
  const quick = sharedData('rar/libarchive/test_read_format_rar5_stored.rar');
  if (slow === undefined || quick === undefined) return t.skip(NO_SHARED_DATA);

  await withScratch(async (scratchDir) => {
    // 241 MB of PPMd takes the extractor a few hundred ms; the stored file takes a few.
    const limits = { timeoutMs: 100 };
    const { files, problems } = await collectSources([slow, quick], { scratchDir, limits });

    assert.deepEqual(
      problems.map((found) => [found.code, found.path]),
      [['ARCHIVE_TIMEOUT', slow]],
    );
    assert.deepEqual(
      files.map((file) => file.path),
      [`${quick}!/helloworld.txt`],
    );
  });
});

void test('refuses RARs beyond the size limits, from the headers and from the actual bytes', async (t) => {
  const ppmd = sharedData('rar/libarchive/test_read_format_rar_ppmd_lzss_conversion.rar');
  const lying = sharedData('rar/libarchive/test_read_format_rar_unbound_staticdata.rar');
  if (ppmd === undefined || lying === undefined) return t.skip(NO_SHARED_DATA);

  await withScratch(async (scratchDir) => {
    const total = await collectSources([ppmd], { scratchDir, limits: { maxExpandedBytes: 1e8 } });
    const ratio = await collectSources([ppmd], { scratchDir, limits: { maxExpansionRatio: 1000 } });
    const entry = await collectSources([ppmd], { scratchDir, limits: { maxEntryBytes: 1e6 } });
    // poc_b76.txt declares 4 bytes and unpacks 8: only counting the bytes written catches it.
    const actual = await collectSources([lying], { scratchDir, limits: { maxEntryBytes: 5 } });

    assert.match(
      total.problems[0]?.reason ?? '',
      /declares 241\.6 MB, over the limit of 100\.0 MB/,
    );
    assert.match(ratio.problems[0]?.reason ?? '', /\(1368:1\), over the limit of 1000:1/);
    assert.deepEqual(
      entry.problems.map((found) => [found.code, found.path]),
      [['ARCHIVE_TOO_LARGE', `${ppmd}!/ppmd_lzss_conversion_test.txt`]],
    );
    assert.deepEqual(
      actual.problems.map((found) => [found.code, found.path]),
      [['ARCHIVE_TOO_LARGE', `${lying}!/poc_b76.txt`]],
    );
    for (const outcome of [total, ratio, entry, actual]) assert.deepEqual(outcome.files, []);
  });
});
