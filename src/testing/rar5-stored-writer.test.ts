import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { createExtractorFromData } from 'node-unrar-js';

import {
  type Rar5Entry,
  encodeVint,
  readFolderEntries,
  writeRar5Stored,
} from './rar5-stored-writer.js';
import { NO_SHARED_DATA, sharedData, temporaryDir } from './paths.js';

const run = promisify(execFile);
const referenceRar = sharedData('rar/reference-layout/P001.rar');
const referenceFolder = sharedData('ct/covid-ct-md/COVID-19/P001');

function sampleEntries(): Rar5Entry[] {
  const large = Buffer.alloc(3 * 1024 * 1024 + 17);
  for (let i = 0; i < large.length; i += 1) large[i] = (i * 2654435761) >>> 24;
  return [
    { name: 'P001/slice-0001.dcm', data: large, mtime: new Date('2021-03-04T05:06:07Z') },
    { name: 'P001/empty.txt', data: Buffer.alloc(0) },
    { name: 'notes/résumé ü.txt', data: Buffer.from('hello, rar5\n') },
  ];
}

async function withTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await temporaryDir('ctbank-rar5-');
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function hasBsdtar(): boolean {
  return spawnSync('bsdtar', ['--version']).status === 0;
}

/** Walks a RAR5 archive's headers (technote layout) and returns each file's name and mtime. */
function listReference(archive: Buffer): { name: string; mtime: number | undefined }[] {
  let offset = 8;
  const readVint = (): number => {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = archive[offset++] ?? 0;
      value += (byte & 0x7f) * shift;
      if ((byte & 0x80) === 0) return value;
    }
  };

  const files: { name: string; mtime: number | undefined }[] = [];
  while (offset < archive.length) {
    offset += 4; // header CRC32
    const size = readVint();
    const end = offset + size;
    const type = readVint();
    const flags = readVint();
    if ((flags & 0x0001) !== 0) readVint(); // extra area size
    const dataSize = (flags & 0x0002) !== 0 ? readVint() : 0;

    if (type === 2) {
      const fileFlags = readVint();
      readVint(); // unpacked size
      readVint(); // attributes
      const mtime = (fileFlags & 0x0002) !== 0 ? archive.readUInt32LE(offset) : undefined;
      offset += (mtime === undefined ? 0 : 4) + ((fileFlags & 0x0004) !== 0 ? 4 : 0);
      readVint(); // compression information
      readVint(); // host OS
      const nameLength = readVint();
      files.push({ name: archive.toString('utf8', offset, offset + nameLength), mtime });
    }
    offset = end + dataSize;
  }
  return files;
}

void test('encodes vints seven bits per byte, low bits first', () => {
  assert.deepEqual([...encodeVint(0)], [0x00]);
  assert.deepEqual([...encodeVint(127)], [0x7f]);
  assert.deepEqual([...encodeVint(128)], [0x80, 0x01]);
  assert.deepEqual([...encodeVint(239632)], [0x90, 0xd0, 0x0e]);
  assert.deepEqual([...encodeVint(2 ** 35)], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
});

void test('packs stored files that node-unrar-js extracts with identical bytes', async () => {
  await withTempDir(async (dir) => {
    const entries = sampleEntries();
    const archive = path.join(dir, 'sample.rar');
    await writeRar5Stored(archive, entries);

    const data = await readFile(archive);
    const extractor = await createExtractorFromData({ data: new Uint8Array(data).buffer });
    const extracted = [...extractor.extract().files];

    assert.deepEqual(
      extracted.map((file) => file.fileHeader.name),
      entries.map((entry) => entry.name),
    );
    for (const [i, file] of extracted.entries()) {
      assert.equal(file.fileHeader.method, 'Storing');
      assert.ok(Buffer.from(file.extraction ?? []).equals(entries[i]?.data ?? Buffer.alloc(1)));
    }
  });
});

void test('streams a folder from an async iterable, nested paths in name order', async () => {
  await withTempDir(async (dir) => {
    const source = path.join(dir, 'source');
    await mkdir(path.join(source, 'b'), { recursive: true });
    await writeFile(path.join(source, 'b', 'two.dcm'), 'two');
    await writeFile(path.join(source, 'a.dcm'), 'one');
    const archive = path.join(dir, 'folder.rar');
    await writeRar5Stored(archive, readFolderEntries(source));

    const extractor = await createExtractorFromData({
      data: new Uint8Array(await readFile(archive)).buffer,
    });
    const extracted = [...extractor.extract().files].map((file) => [
      file.fileHeader.name,
      Buffer.from(file.extraction ?? []).toString(),
    ]);
    assert.deepEqual(extracted, [
      ['a.dcm', 'one'],
      ['b/two.dcm', 'two'],
    ]);
  });
});

void test('leaves no file behind when an entry fails midway', async () => {
  await withTempDir(async (dir) => {
    const archive = path.join(dir, 'broken.rar');
    function* failing(): Generator<Rar5Entry> {
      yield { name: 'ok.txt', data: Buffer.from('ok') };
      throw new Error('source vanished');
    }

    await assert.rejects(writeRar5Stored(archive, failing()), /source vanished/);
    assert.deepEqual(await readdir(dir), []);
  });
});

void test('packs files that bsdtar lists and extracts identically', async (t) => {
  if (!hasBsdtar()) {
    t.skip('bsdtar is not installed (Debian package libarchive-tools)');
    return;
  }

  await withTempDir(async (dir) => {
    const entries = sampleEntries();
    const archive = path.join(dir, 'sample.rar');
    await writeRar5Stored(archive, entries);

    const listed = await run('bsdtar', ['-tf', archive]);
    assert.deepEqual(
      listed.stdout.trim().split('\n'),
      entries.map((entry) => entry.name),
    );

    const target = path.join(dir, 'out');
    await mkdir(target);
    await run('bsdtar', ['-xf', archive, '-C', target]);
    for (const entry of entries) {
      assert.ok((await readFile(path.join(target, entry.name))).equals(entry.data), entry.name);
    }
  });
});

void test('writes the reference P001 layout byte for byte', async (t) => {
  if (referenceRar === undefined || referenceFolder === undefined) {
    t.skip(NO_SHARED_DATA);
    return;
  }

  await withTempDir(async (dir) => {
    const reference = await readFile(referenceRar);
    const listed = listReference(reference);
    assert.equal(listed.length, 148);

    async function* sameEntries(folder: string): AsyncGenerator<Rar5Entry> {
      for (const { name, mtime } of listed) {
        const data = await readFile(path.join(folder, name));
        yield mtime === undefined ? { name, data } : { name, data, mtime: new Date(mtime * 1000) };
      }
    }
    const archive = path.join(dir, 'P001.rar');
    await writeRar5Stored(archive, sameEntries(referenceFolder));

    const written = await readFile(archive);
    assert.equal(written.length, reference.length);
    assert.ok(written.equals(reference), 'archive bytes differ from the reference');
  });
});
