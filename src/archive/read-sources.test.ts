/**
 * readSources on folders and archives built here: order, ZIPs and RARs inside folders and inside
 * each other, and every safety refusal, each as a problem that does not stop the stream.
 */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { collectSources } from '../testing/collect-sources.js';
import { temporaryDir } from '../testing/paths.js';
import { writeRar5Stored } from '../testing/rar5-stored-writer.js';
import { buildZip, writeZip } from '../testing/zip-writer.js';
import { readSources } from './read-sources.js';

const text = (value: string) => Buffer.from(value);

async function withDirs(body: (input: string, scratchDir: string) => Promise<void>): Promise<void> {
  const root = await temporaryDir('ctbank-archive-');
  try {
    const input = path.join(root, 'in');
    await mkdir(input);
    await body(input, path.join(root, 'scratch'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

void test('reads a folder tree with ZIPs inside as one stream in sorted path order', async () => {
  await withDirs(async (input, scratchDir) => {
    await mkdir(path.join(input, 'a', 'c'), { recursive: true });
    await writeFile(path.join(input, 'a.dcm'), text('A'));
    await writeFile(path.join(input, 'a', 'b.dcm'), text('B'));
    await writeFile(path.join(input, 'a', 'c', 'DICOMDIR'), text('D'));
    const zip = [
      { name: 'z/2.dcm', data: text('Z2') },
      { name: '1.dcm', data: text('Z1'), method: 'deflate' as const },
    ];
    await writeZip(path.join(input, 'images.zip'), zip);
    await writeZip(path.join(input, 'no-extension'), [{ name: 'x.dcm', data: text('X') }]);

    const { files, problems } = await collectSources([input], { scratchDir });

    assert.deepEqual(problems, []);
    assert.deepEqual(
      files.map((file) => [path.relative(input, file.path), file.bytes.toString()]),
      [
        ['a.dcm', 'A'],
        ['a/b.dcm', 'B'],
        ['a/c/DICOMDIR', 'D'],
        ['images.zip!/1.dcm', 'Z1'],
        ['images.zip!/z/2.dcm', 'Z2'],
        ['no-extension!/x.dcm', 'X'],
      ],
    );
    assert.equal(files[0]?.diskPath, path.join(input, 'a.dcm'));
    assert.equal(files[3]?.diskPath, undefined);
    assert.deepEqual(
      files.map((file) => file.size),
      files.map((file) => file.bytes.length),
    );
  });
});

void test('blocks zip-slip and absolute ZIP entries, yields the rest, writes nothing else', async () => {
  await withDirs(async (input, scratchDir) => {
    const slip = buildZip([
      { name: '../evil.dcm', data: text('evil') },
      { name: '/abs.dcm', data: text('abs') },
      { name: 'C:\\win.dcm', data: text('win') },
      { name: 'sub/../../up.dcm', data: text('up') },
      { name: 'ok/1.dcm', data: text('ok') },
    ]);
    // Nested, so that the inner ZIP goes through the scratch folder.
    await writeZip(path.join(input, 'outer.zip'), [{ name: 'slip.zip', data: slip }]);

    const { files, problems } = await collectSources([input], { scratchDir });

    const inner = path.join(input, 'outer.zip!/slip.zip');
    assert.deepEqual(
      files.map((file) => file.path),
      [`${inner}!/ok/1.dcm`],
    );
    assert.deepEqual(
      problems.map((found) => [found.code, found.path]),
      [
        ['ARCHIVE_PATH_ESCAPE', `${inner}!/../evil.dcm`],
        ['ARCHIVE_PATH_ESCAPE', `${inner}!//abs.dcm`],
        ['ARCHIVE_PATH_ESCAPE', `${inner}!/C:/win.dcm`],
        ['ARCHIVE_PATH_ESCAPE', `${inner}!/sub/../../up.dcm`],
      ],
    );
    assert.match(problems[0]?.reason ?? '', /'\.\.\/evil\.dcm' in slip\.zip climbs out/);

    const root = path.dirname(input);
    const everything = await readdir(root, { recursive: true });
    assert.deepEqual(everything.sort(), ['in', 'in/outer.zip', 'scratch']);
  });
});

void test('blocks zip-slip and absolute entries in a RAR', async () => {
  await withDirs(async (input, scratchDir) => {
    const rar = path.join(input, 'P009.rar');
    await writeRar5Stored(rar, [
      { name: '../evil.dcm', data: text('evil') },
      { name: '/abs.dcm', data: text('abs') },
      { name: 'P009/1.dcm', data: text('one') },
    ]);

    const { files, problems } = await collectSources([rar], { scratchDir });

    assert.deepEqual(
      files.map((file) => [file.path, file.bytes.toString()]),
      [[`${rar}!/P009/1.dcm`, 'one']],
    );
    assert.deepEqual(
      problems.map((found) => found.code),
      ['ARCHIVE_PATH_ESCAPE', 'ARCHIVE_PATH_ESCAPE'],
    );
  });
});

void test('rejects a ZIP entry that declares a huge size before reading anything', async () => {
  await withDirs(async (input, scratchDir) => {
    const bomb = path.join(input, 'bomb.zip');
    await writeZip(bomb, [
      { name: 'ok.dcm', data: text('ok') },
      { name: 'huge.dcm', data: Buffer.alloc(1000), method: 'deflate', declaredSize: 0xfffffff0 },
    ]);

    const { files, problems } = await collectSources([bomb], { scratchDir });

    assert.deepEqual(files, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'ARCHIVE_TOO_LARGE');
    assert.match(problems[0]?.reason ?? '', /^bomb\.zip declares 4\.3 GB from .* over the limit/);
  });
});

void test('checks expansion against both the ratio and the per-entry and total sizes', async () => {
  await withDirs(async (input, scratchDir) => {
    const zeros = path.join(input, 'zeros.zip');
    await writeZip(zeros, [{ name: 'z.bin', data: Buffer.alloc(2_000_000), method: 'deflate' }]);
    const mixed = path.join(input, 'mixed.zip');
    await writeZip(mixed, [
      { name: 'big.dcm', data: Buffer.alloc(5000, 1) },
      { name: 'small.dcm', data: text('small') },
    ]);

    const byRatio = await collectSources([zeros], {
      scratchDir,
      limits: { maxExpansionRatio: 100 },
    });
    const byTotal = await collectSources([zeros], {
      scratchDir,
      limits: { maxExpandedBytes: 1e6 },
    });
    const byEntry = await collectSources([mixed], { scratchDir, limits: { maxEntryBytes: 1000 } });

    assert.deepEqual(
      byRatio.problems.map((found) => found.code),
      ['ARCHIVE_TOO_LARGE'],
    );
    assert.match(byRatio.problems[0]?.reason ?? '', /:1\), over the limit of 100:1/);
    assert.deepEqual(
      byTotal.problems.map((found) => found.code),
      ['ARCHIVE_TOO_LARGE'],
    );
    assert.deepEqual(
      byEntry.problems.map((found) => [found.code, found.path]),
      [['ARCHIVE_TOO_LARGE', `${mixed}!/big.dcm`]],
    );
    assert.deepEqual(
      byEntry.files.map((file) => file.path),
      [`${mixed}!/small.dcm`],
    );
  });
});

void test('reports a truncated ZIP as corrupt and goes on with the next input', async () => {
  await withDirs(async (input, scratchDir) => {
    const whole = buildZip([{ name: 'a.dcm', data: Buffer.alloc(4000, 7) }]);
    await writeFile(path.join(input, 'a-truncated.zip'), whole.subarray(0, 3000));
    await writeFile(path.join(input, 'b.dcm'), text('B'));

    const { files, problems } = await collectSources([input], { scratchDir });

    assert.deepEqual(
      problems.map((found) => found.code),
      ['ARCHIVE_CORRUPT'],
    );
    assert.match(problems[0]?.reason ?? '', /^a-truncated\.zip is not a readable ZIP archive/);
    assert.deepEqual(
      files.map((file) => path.basename(file.path)),
      ['b.dcm'],
    );
  });
});

void test('rejects password-protected ZIP entries and skips links and folders', async () => {
  await withDirs(async (input, scratchDir) => {
    const zip = path.join(input, 'mixed.zip');
    await writeZip(zip, [
      { name: 'secret.dcm', data: text('x'), encryptedFlag: true },
      { name: 'link.dcm', data: text('/etc/passwd'), unixMode: 0o120777 },
      { name: 'folder/', data: Buffer.alloc(0), unixMode: 0o040755 },
      { name: 'folder/plain.dcm', data: text('plain') },
    ]);

    const { files, problems } = await collectSources([zip], { scratchDir });

    assert.deepEqual(
      files.map((file) => file.path),
      [`${zip}!/folder/plain.dcm`],
    );
    assert.deepEqual(
      problems.map((found) => [found.code, found.path]),
      [
        ['ARCHIVE_ENTRY_SKIPPED', `${zip}!/link.dcm`],
        ['ARCHIVE_ENCRYPTED', `${zip}!/secret.dcm`],
      ],
    );
    assert.match(problems[1]?.reason ?? '', /'secret\.dcm' in mixed\.zip is password-protected/);
  });
});

void test('opens one level of nested archive, a RAR in a ZIP, and refuses deeper nesting', async () => {
  await withDirs(async (input, scratchDir) => {
    const rar = path.join(input, '..', 'P002.rar');
    await writeRar5Stored(rar, [{ name: 'P002/1.dcm', data: text('rar slice') }]);
    const inner = buildZip([{ name: 'deep.dcm', data: text('deep') }]);
    const middle = buildZip([
      { name: 'inner.zip', data: inner },
      { name: 'middle.dcm', data: text('middle') },
    ]);
    const outer = path.join(input, 'outer.zip');
    await writeZip(outer, [
      { name: 'P002.rar', data: await readFile(rar) },
      { name: 'middle.zip', data: middle },
    ]);

    const nested = await collectSources([outer], { scratchDir });
    const flat = await collectSources([outer], { scratchDir, limits: { maxNestingDepth: 0 } });

    assert.deepEqual(
      nested.files.map((file) => [file.path, file.bytes.toString()]),
      [
        [`${outer}!/P002.rar!/P002/1.dcm`, 'rar slice'],
        [`${outer}!/middle.zip!/middle.dcm`, 'middle'],
      ],
    );
    assert.deepEqual(
      nested.problems.map((found) => [found.code, found.path]),
      [['ARCHIVE_NESTING', `${outer}!/middle.zip!/inner.zip`]],
    );
    assert.deepEqual(flat.files, []);
    assert.deepEqual(
      flat.problems.map((found) => found.code),
      ['ARCHIVE_NESTING', 'ARCHIVE_NESTING'],
    );
  });
});

void test('reports missing inputs, links in folders, fake and empty archives', async () => {
  await withDirs(async (input, scratchDir) => {
    await symlink('/etc/hostname', path.join(input, 'link.dcm'));
    await writeFile(path.join(input, 'fake.zip'), text('not a zip'));
    await writeZip(path.join(input, 'empty.zip'), []);
    const missing = path.join(input, '..', 'missing.dcm');

    const { files, problems } = await collectSources([input, missing], { scratchDir });

    assert.deepEqual(files, []);
    assert.deepEqual(
      problems.map((found) => [found.code, path.basename(found.path)]),
      [
        ['ARCHIVE_EMPTY', 'empty.zip'],
        ['ARCHIVE_CORRUPT', 'fake.zip'],
        ['ARCHIVE_ENTRY_SKIPPED', 'link.dcm'],
        ['READ_FAILED', 'missing.dcm'],
      ],
    );
  });
});

void test('stops with the abort reason when the signal is aborted', async () => {
  await withDirs(async (input, scratchDir) => {
    await writeFile(path.join(input, '1.dcm'), text('1'));
    await writeFile(path.join(input, '2.dcm'), text('2'));
    const controller = new AbortController();
    const seen: string[] = [];

    const reading = (async () => {
      for await (const item of readSources([input], { scratchDir, signal: controller.signal })) {
        seen.push(path.basename(item.path));
        controller.abort();
      }
    })();

    await assert.rejects(reading, { name: 'AbortError' });
    assert.deepEqual(seen, ['1.dcm']);
  });
});
