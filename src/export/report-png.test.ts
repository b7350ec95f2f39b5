import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { synthesizeDataset } from '../phantom/synthesize-dataset.js';
import { temporaryDir } from '../testing/paths.js';
import { assembleVolume } from '../volume/assemble-volume.js';
import { fileInstanceSources } from '../volume/instance-source.js';
import type { Volume } from '../volume/volume.js';
import { encodePng } from './png-encode.js';
import { keySlices, renderReportPng } from './report-png.js';

// The PNG is checked by Python's zlib and struct, independently of the encoder: signature,
// every chunk's CRC-32, the IHDR size, and the inflated scanlines' length.
const VERIFY = `
import json, struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "signature"
at, chunks, idat = 8, [], b""
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    body = data[at + 8:at + 8 + length]
    (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
    assert zlib.crc32(kind + body) == crc, kind
    chunks.append(kind.decode())
    if kind == b"IHDR": width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    if kind == b"IDAT": idat += body
    at += 12 + length
raw = zlib.decompress(idat)
print(json.dumps({"chunks": chunks, "width": width, "height": height, "depth": depth,
                  "colour": colour, "scanlineBytes": len(raw)}))`;

function verify(file: string):
  | {
      chunks: string[];
      width: number;
      height: number;
      depth: number;
      colour: number;
      scanlineBytes: number;
    }
  | undefined {
  const result = spawnSync('/usr/bin/python3', ['-c', VERIFY, file], { encoding: 'utf8' });
  if (result.error !== undefined) return undefined;
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ReturnType<typeof verify>;
}

async function phantomVolume(): Promise<Volume> {
  const dir = await temporaryDir('ctbank-report-');
  const synth = await synthesizeDataset({
    outDir: dir,
    patients: 1,
    slices: 30,
    thickness: 3,
    seed: 2,
  });
  const folder = synth.patients[0]?.dir ?? '';
  const files = (await readdir(folder, { recursive: true })).filter((name) =>
    name.endsWith('.dcm'),
  );
  const assembled = await assembleVolume(
    fileInstanceSources(files.map((name) => path.join(folder, name))),
  );
  assert.equal(assembled.status, 'volume');
  return assembled.status === 'volume' ? assembled.volume : ({} as Volume);
}

// Stand-in masks from HU alone (quantification proper is src/quant/): air inside the middle
// of the field is lung, split left/right by column; denser voxels within it are infection.
function masks(volume: Volume): { lungMask: Uint8Array; infectionMask: Uint8Array } {
  const lungMask = new Uint8Array(volume.hu.length);
  const infectionMask = new Uint8Array(volume.hu.length);
  for (let k = 0; k < volume.sliceCount; k++) {
    for (let j = 140; j < 380; j++) {
      for (let i = 80; i < 432; i++) {
        const voxel = (k * volume.rows + j) * volume.columns + i;
        const hu = volume.hu[voxel] ?? 0;
        if (hu < -500 && i !== 256) lungMask[voxel] = i < 256 ? 1 : 2;
        if (k > 10 && k < 20 && j > 250 && j < 300 && i > 120 && i < 200) {
          lungMask[voxel] = 1;
          infectionMask[voxel] = i < 160 ? 1 : 2;
        }
      }
    }
  }
  return { lungMask, infectionMask };
}

test('the report is a valid PNG: signature, chunk CRCs, IHDR size, scanlines', async (t) => {
  const volume = await phantomVolume();
  const png = renderReportPng({
    title: 'CT-0001  SERIES 2',
    volume,
    ...masks(volume),
    numbers: {
      lungVolumeMl: 4321.4,
      rightLungVolumeMl: 2345.6,
      leftLungVolumeMl: 1975.8,
      ggoPercent: 12.34,
      consolidationPercent: 3.21,
      involvementPercent: 15.55,
      severity: 'CT-1',
    },
  });
  const file = path.join(await temporaryDir('ctbank-report-'), 'report.png');
  await writeFile(file, png);

  const read = verify(file);
  if (read === undefined) return t.skip('python3 is missing: test skipped');
  assert.deepEqual(read.chunks, ['IHDR', 'IDAT', 'IEND']);
  assert.deepEqual([read.depth, read.colour], [8, 2]);
  assert.equal(read.scanlineBytes, (read.width * 3 + 1) * read.height);
  assert.ok(read.width >= 1000 && read.height >= 500, `${read.width} × ${read.height}`);
  t.diagnostic(`report written to ${file}`);
});

test('key slices are the most involved ones, apart, and the middle of the lungs', async () => {
  const volume = await phantomVolume();
  const { lungMask, infectionMask } = masks(volume);

  const slices = keySlices(volume, lungMask, infectionMask);

  assert.equal(slices.length, 3);
  const involved = slices.filter((slice) => slice.reason === 'most involved');
  assert.equal(involved.length, 2);
  for (const slice of involved) assert.ok(slice.slice > 10 && slice.slice < 20);
  assert.ok(slices.some((slice) => slice.reason === 'mid-lung'));
});

test('a PNG of the wrong size is refused', () => {
  assert.throws(() => encodePng(2, 2, new Uint8Array(11)), /2 × 2 RGB/);
});
