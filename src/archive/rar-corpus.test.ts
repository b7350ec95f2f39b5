/**
 * Every file of the RAR corpus in ../shared/data/rar (libarchive's reader tests, byte-split
 * pieces, and the per-patient reference archive) read on its own through readSources: each gets
 * its expected outcome, within the time limit, and none hangs or crashes the process.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import type { ErrorCode } from '../errors.js';
import { collectSources } from '../testing/collect-sources.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from '../testing/paths.js';

type Short = 'CORRUPT' | 'EMPTY' | 'ENCRYPTED' | 'ENTRY_SKIPPED' | 'MULTIVOLUME' | 'TOO_LARGE';

/**
 * [path under rar/, files yielded, problem codes in order]. Later volumes read alone ask for the
 * first part; first parts read the whole set from the parts beside them. The byte-split pieces
 * `_ab`.. carry no signature, so they are passed on as plain files (ingest rejects them);
 * `test_read_large_splitted_rar_aa` declares 241 MB from 40 kB and is refused by ratio.
 * Hostile archives end as CORRUPT (or MULTIVOLUME when they claim a missing next volume).
 */
const EXPECTED: readonly (readonly [string, number, readonly Short[]])[] = [
  ['libarchive/test_rar_multivolume_multiple_files.part1.rar', 2, []],
  ['libarchive/test_rar_multivolume_multiple_files.part2.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_multiple_files.part3.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_multiple_files.part4.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_multiple_files.part5.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_multiple_files.part6.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_single_file.part1.rar', 1, []],
  ['libarchive/test_rar_multivolume_single_file.part2.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_single_file.part3.rar', 0, ['MULTIVOLUME']],
  [
    'libarchive/test_rar_multivolume_uncompressed_files.part01.rar',
    6,
    [
      'ENTRY_SKIPPED',
      'ENTRY_SKIPPED',
      'ENTRY_SKIPPED',
      'ENTRY_SKIPPED',
      'ENTRY_SKIPPED',
      'ENTRY_SKIPPED',
    ],
  ],
  ['libarchive/test_rar_multivolume_uncompressed_files.part02.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part03.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part04.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part05.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part06.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part07.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part08.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part09.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_rar_multivolume_uncompressed_files.part10.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar.rar', 2, ['ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar3_lowdist_reset.rar', 1, []],
  ['libarchive/test_read_format_rar4_encrypted.rar', 2, ['ENCRYPTED', 'ENCRYPTED']],
  ['libarchive/test_read_format_rar4_encrypted_filenames.rar', 0, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar4_solid_encrypted.rar', 0, ['ENCRYPTED', 'ENCRYPTED']],
  ['libarchive/test_read_format_rar4_solid_encrypted_filenames.rar', 0, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar5_arm.rar', 1, []],
  ['libarchive/test_read_format_rar5_arm_filter_on_window_boundary.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_bad_tables.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_bad_window_sz_in_mltarc_file.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_blake2.rar', 1, []],
  ['libarchive/test_read_format_rar5_block_size_is_too_small.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_bytes_remaining_underflow.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_compressed.rar', 1, []],
  ['libarchive/test_read_format_rar5_data_ready_pointer_leak.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_decode_number_out_of_bounds_read.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_different_solid_window_size.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_different_window_size.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_different_winsize_on_merge.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_dirdata.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_distance_overflow.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_encrypted.rar', 2, ['ENCRYPTED', 'ENCRYPTED']],
  ['libarchive/test_read_format_rar5_encrypted_filenames.rar', 0, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar5_extra_field_version.rar', 2, []],
  ['libarchive/test_read_format_rar5_fileattr.rar', 4, []],
  ['libarchive/test_read_format_rar5_hardlink.rar', 1, ['ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar5_invalid_dict_reference.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_invalid_hash_valid_htime_exfld.rar', 1, []],
  ['libarchive/test_read_format_rar5_leftshift1.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_leftshift2.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_loop_bug.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_main_block_extra_bytes.rar', 1, []],
  ['libarchive/test_read_format_rar5_multiarchive.part01.rar', 2, []],
  ['libarchive/test_read_format_rar5_multiarchive.part02.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive.part03.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive.part04.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive.part05.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive.part06.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive.part07.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive.part08.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive_solid.part01.rar', 9, []],
  ['libarchive/test_read_format_rar5_multiarchive_solid.part02.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive_solid.part03.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiarchive_solid.part04.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar5_multiple_files.rar', 4, []],
  ['libarchive/test_read_format_rar5_multiple_files_solid.rar', 4, []],
  ['libarchive/test_read_format_rar5_nonempty_dir_stream.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_only_crypt_exfld.rar', 0, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar5_owner.rar', 3, []],
  ['libarchive/test_read_format_rar5_owner_name_toolong.rar', 0, ['EMPTY']],
  ['libarchive/test_read_format_rar5_readtables_overflow.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_skip_block_extra_bytes.rar', 1, []],
  ['libarchive/test_read_format_rar5_solid.rar', 7, []],
  ['libarchive/test_read_format_rar5_solid_encrypted.rar', 0, ['ENCRYPTED', 'ENCRYPTED']],
  ['libarchive/test_read_format_rar5_solid_encrypted_filenames.rar', 0, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar5_stored.rar', 1, []],
  ['libarchive/test_read_format_rar5_stored_manyfiles.rar', 3, []],
  ['libarchive/test_read_format_rar5_symlink.rar', 1, ['ENTRY_SKIPPED', 'ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar5_truncated_huff.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_unicode.rar', 1, ['ENTRY_SKIPPED', 'ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar5_unpacked_size_exceeds_declared.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_unsupported_exfld.rar', 1, []],
  ['libarchive/test_read_format_rar5_win32.rar', 7, []],
  ['libarchive/test_read_format_rar5_window_buf_and_size_desync.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar5_zip_in_rar.rar', 2, []],
  ['libarchive/test_read_format_rar_binary_data.rar', 2, []],
  ['libarchive/test_read_format_rar_compress_best.rar', 3, ['ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar_compress_normal.rar', 3, ['ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar_encryption_data.rar', 0, ['ENCRYPTED', 'ENCRYPTED']],
  ['libarchive/test_read_format_rar_encryption_header.rar', 0, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar_encryption_partially.rar', 1, ['ENCRYPTED']],
  ['libarchive/test_read_format_rar_endarc_huge.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_filter.rar', 1, []],
  ['libarchive/test_read_format_rar_invalid1.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_multi_lzss_blocks.rar', 1, []],
  ['libarchive/test_read_format_rar_multivolume.part0001.rar', 4, ['ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar_multivolume.part0002.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar_multivolume.part0003.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar_multivolume.part0004.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar_newsub_huge.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_newsub_rr_over_1m.rar', 0, ['EMPTY']],
  ['libarchive/test_read_format_rar_noeof.rar', 1, []],
  ['libarchive/test_read_format_rar_overflow.rar', 0, ['EMPTY']],
  ['libarchive/test_read_format_rar_ppmd_lzss_conversion.rar', 1, []],
  ['libarchive/test_read_format_rar_ppmd_use_after_free.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_ppmd_use_after_free2.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_seek_data_cursor0.rar', 0, ['MULTIVOLUME']],
  ['libarchive/test_read_format_rar_subblock.rar', 1, []],
  ['libarchive/test_read_format_rar_symlink_huge.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_unbound_staticdata.rar', 0, ['CORRUPT']],
  ['libarchive/test_read_format_rar_unicode.rar', 3, ['ENTRY_SKIPPED']],
  ['libarchive/test_read_format_rar_windows.rar', 3, []],
  ['libarchive-split/test_read_large_splitted_rar_aa', 0, ['TOO_LARGE']],
  ['libarchive-split/test_read_large_splitted_rar_ab', 1, []],
  ['libarchive-split/test_read_large_splitted_rar_ac', 1, []],
  ['libarchive-split/test_read_large_splitted_rar_ad', 1, []],
  ['libarchive-split/test_read_large_splitted_rar_ae', 1, []],
  ['libarchive-split/test_read_splitted_rar_aa', 1, ['CORRUPT', 'CORRUPT']],
  ['libarchive-split/test_read_splitted_rar_ab', 1, []],
  ['libarchive-split/test_read_splitted_rar_ac', 1, []],
  ['libarchive-split/test_read_splitted_rar_ad', 1, []],
  ['libarchive-split/test_splitted_rar_seek_support_aa', 0, ['CORRUPT']],
  ['libarchive-split/test_splitted_rar_seek_support_ab', 1, []],
  ['libarchive-split/test_splitted_rar_seek_support_ac', 1, []],
  ['reference-layout/P001.rar', 148, []],
];

const TIME_LIMIT_MS = 10_000;

async function filesUnder(folder: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const dirent of await readdir(folder, { withFileTypes: true })) {
    const relative = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
    if (dirent.isDirectory())
      found.push(...(await filesUnder(path.join(folder, dirent.name), relative)));
    else found.push(relative);
  }
  return found;
}

const longCode = (short: Short): ErrorCode => `ARCHIVE_${short}`;

void test('gives every file of the RAR corpus its expected outcome within the time limit', async (t) => {
  const corpus = sharedData('rar');
  if (corpus === undefined) return t.skip(NO_SHARED_DATA);
  const scratchDir = await temporaryDir('ctbank-rar-corpus-');

  try {
    const listed = EXPECTED.map(([relative]) => relative).sort();
    assert.deepEqual((await filesUnder(corpus)).sort(), listed, 'the table covers every file');

    for (const [relative, fileCount, codes] of EXPECTED) {
      const started = performance.now();
      const limits = { timeoutMs: TIME_LIMIT_MS };
      const { files, problems } = await collectSources([path.join(corpus, relative)], {
        scratchDir,
        limits,
      });
      const elapsed = performance.now() - started;

      const outcome = { files: files.length, problems: problems.map((found) => found.code) };
      assert.deepEqual(outcome, { files: fileCount, problems: codes.map(longCode) }, relative);
      assert.ok(elapsed < TIME_LIMIT_MS, `${relative} took ${Math.round(elapsed)} ms`);
      for (const found of problems) assert.ok(found.reason.length > 0, relative);
    }
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
});

void test('reads P001.rar as the 148 real CT slices of the P001 folder, byte for byte', async (t) => {
  const archive = sharedData('rar/reference-layout/P001.rar');
  const folder = sharedData('ct/covid-ct-md/COVID-19/P001');
  if (archive === undefined || folder === undefined) return t.skip(NO_SHARED_DATA);
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const scratchDir = await temporaryDir('ctbank-rar-p001-');

  try {
    const { files, problems } = await collectSources([archive], { scratchDir });

    assert.deepEqual(problems, []);
    assert.equal(files.length, 148);
    for (const file of files) {
      const name = file.path.slice(file.path.lastIndexOf('/') + 1);
      assert.ok(file.path.startsWith(`${archive}!/`), file.path);
      assert.equal(sha256(file.bytes), sha256(await readFile(path.join(folder, name))), name);
    }
    const names = files.map((file) => path.basename(file.path)).sort();
    assert.deepEqual(names, (await readdir(folder)).sort());
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
});
