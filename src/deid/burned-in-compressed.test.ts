import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { sharedData, temporaryDir } from '../testing/paths.js';
import { confirmBurnedInText, LazyReader, screenBurnedInText } from './burned-in-confirm.js';

// Compressed CT goes through the same screen as uncompressed: the JSL slices, whose burned-in
// name, ID and birth date the uncompressed tests find, are compressed here with dcmtk's JPEG
// lossless and RLE encoders and must still be caught; the real JPEG lossless COVID slices
// must pass clean.

const PSEUDO_PHI = sharedData('deid/jsl-pseudo-phi');
const P001 = sharedData('ct/covid-ct-md/COVID-19/P001');
const hasDcmtk = spawnSync('dcmcjpeg', ['--version']).error === undefined;
const ocr = new LazyReader();
after(() => ocr.terminate());

function firstJslSlice(): string {
  const folder = PSEUDO_PHI ?? '';
  const name = readdirSync(folder).find((file) => file.includes('CT_') && file.endsWith('.dcm'));
  return path.join(folder, name ?? '');
}

async function compressed(tool: 'dcmcjpeg' | 'dcmcrle', args: string[]): Promise<string> {
  const out = path.join(await temporaryDir('ctbank-compressed-'), `${tool}.dcm`);
  const ran = spawnSync(tool, [...args, firstJslSlice(), out], { encoding: 'utf8' });
  assert.equal(ran.status, 0, ran.stderr);
  return out;
}

async function verdicts(file: string) {
  const bytes = new Uint8Array(readFileSync(file));
  const parsed = parseDicomFile(bytes, file);
  const screen = await screenBurnedInText(bytes, parsed, file);
  const confirmed =
    screen.status === 'flagged' ? await confirmBurnedInText(bytes, parsed, file, ocr) : undefined;
  return { screen, confirmed, transferSyntaxUid: parsed.transferSyntaxUid };
}

const skip =
  PSEUDO_PHI === undefined
    ? 'the shared data folder is absent'
    : hasDcmtk
      ? false
      : 'dcmtk is not installed (scripts/ensure-dicom-tools.sh installs it)';

for (const [name, tool, args, syntax] of [
  ['JPEG lossless', 'dcmcjpeg', ['+e1'], '1.2.840.10008.1.2.4.70'],
  ['RLE', 'dcmcrle', [], '1.2.840.10008.1.2.5'],
] as const) {
  test(`finds the burned-in text of a JSL slice compressed as ${name}`, { skip }, async () => {
    const { screen, confirmed, transferSyntaxUid } = await verdicts(
      await compressed(tool, [...args]),
    );

    assert.equal(transferSyntaxUid, syntax);
    assert.equal(screen.status, 'flagged');
    assert.ok(confirmed !== undefined, 'OCR confirms the text');
  });
}

test(
  'passes the real JPEG lossless COVID slices as clean',
  { skip: P001 === undefined ? 'the shared data folder is absent' : false },
  async () => {
    const files = readdirSync(P001 ?? '')
      .filter((file) => file.endsWith('.dcm'))
      .sort()
      .slice(0, 12);

    for (const file of files) {
      const { screen } = await verdicts(path.join(P001 ?? '', file));
      assert.notEqual(screen.status, 'unscreenable', file);
      if (screen.status === 'flagged') {
        const { confirmed } = await verdicts(path.join(P001 ?? '', file));
        assert.equal(confirmed, undefined, `${file}: OCR must not read words`);
      }
    }
  },
);

const JPEG_BASELINE = sharedData('dicom/pydicom/test_files/JPEG-lossy.dcm');

test(
  'calls pixels it cannot decode unscreenable',
  { skip: JPEG_BASELINE === undefined ? 'the shared data folder is absent' : false },
  async () => {
    const file = JPEG_BASELINE ?? '';
    const bytes = new Uint8Array(readFileSync(file));

    const screen = await screenBurnedInText(bytes, parseDicomFile(bytes, file), file);
    assert.equal(screen.status, 'unscreenable');
  },
);
