/**
 * Builds the volume of one series in Hounsfield units, in two passes over its instances so that
 * no parsed file outlives its use: first every slice's geometry (then the file is dropped), then,
 * in stack order, each instance's pixels decoded straight into the volume. A series that cannot
 * become a volume gives a problem finding, never a throw, so the rest of a dataset goes on.
 */
import type { DicomFile } from '../dicom/dataset.js';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { decodeFrame } from '../dicom/pixel-decode.js';
import { CtbankError } from '../errors.js';
import type { InstanceSource } from './instance-source.js';
import { readSliceHeaders, type SliceHeader } from './slice-header.js';
import { stackSlices, type SliceStack } from './slice-stack.js';
import type { Volume, VolumeSlice } from './volume.js';
import { patientAffine } from './volume-affine.js';
import type { VolumeFinding } from './volume-finding.js';

/** A volume with its findings, or the problem that stops the series becoming one. */
export type VolumeResult =
  | {
      readonly status: 'volume';
      readonly volume: Volume;
      readonly findings: readonly VolumeFinding[];
    }
  | {
      readonly status: 'not-a-volume';
      readonly problem: VolumeFinding;
      readonly findings: readonly VolumeFinding[];
    };

/** Assembles the instances of one series into a volume. */
export async function assembleVolume(instances: readonly InstanceSource[]): Promise<VolumeResult> {
  const findings: VolumeFinding[] = [];
  const headers = await readHeaders(instances, findings);

  const series = new Set(headers.flatMap((header) => header.seriesInstanceUid ?? []));
  if (series.size > 1) {
    const message = `the instances belong to ${series.size} series`;
    return notAVolume({ code: 'MIXED_SERIES', severity: 'error', message }, findings);
  }
  const stacked = stackSlices(headers);
  findings.push(...stacked.findings);
  if (!stacked.ok) return notAVolume(stacked.problem, findings);

  const pixels = await decodeStack(stacked.stack, instances);
  if ('problem' in pixels) return notAVolume(pixels.problem, findings);
  if (pixels.lossy) {
    findings.push({
      code: 'LOSSY_PIXELS',
      severity: 'info',
      message: 'some slices went through lossy compression: HU may differ slightly from the scan',
    });
  }

  const [seriesInstanceUid] = series;
  return {
    status: 'volume',
    findings,
    volume: {
      ...(seriesInstanceUid === undefined ? {} : { seriesInstanceUid }),
      columns: stacked.stack.columns,
      rows: stacked.stack.rows,
      sliceCount: stacked.stack.slices.length,
      hu: pixels.hu,
      pixelSpacingMm: stacked.stack.pixelSpacingMm,
      sliceSpacingMm: stacked.stack.sliceSpacingMm,
      rowCosines: stacked.stack.rowCosines,
      columnCosines: stacked.stack.columnCosines,
      sliceNormal: stacked.stack.sliceNormal,
      sliceStepMm: stacked.stack.sliceStepMm,
      origin: stacked.stack.origin,
      affine: patientAffine(stacked.stack),
      gantryTiltDegrees: stacked.stack.gantryTiltDegrees,
      lossy: pixels.lossy,
      slices: volumeSlices(stacked.stack),
    },
  };
}

async function readHeaders(
  instances: readonly InstanceSource[],
  findings: VolumeFinding[],
): Promise<SliceHeader[]> {
  const headers: SliceHeader[] = [];

  for (const [index, instance] of instances.entries()) {
    const parsed = await parseInstance(instance);
    if (parsed instanceof CtbankError) {
      findings.push({
        code: 'INSTANCE_UNREADABLE',
        severity: 'warn',
        message: `${instance.name} left out: ${parsed.message}`,
        sources: [instance.name],
        errorCode: parsed.code,
      });
      continue;
    }
    headers.push(...readSliceHeaders(parsed, instance.name, index));
  }
  return headers;
}

interface DecodedStack {
  readonly hu: Int16Array | Float32Array;
  readonly lossy: boolean;
}

// Each instance is read and parsed again and all its slices decoded into their places; Int16
// voxels (exact for nearly every CT) turn Float32 only if some slice needs it.
async function decodeStack(
  stack: SliceStack,
  instances: readonly InstanceSource[],
): Promise<DecodedStack | { readonly problem: VolumeFinding }> {
  const sliceVoxels = stack.rows * stack.columns;
  let hu: Int16Array | Float32Array = new Int16Array(sliceVoxels * stack.slices.length);
  let lossy = false;

  for (const [instanceIndex, slices] of slicesByInstance(stack)) {
    const instance = instances[instanceIndex];
    if (instance === undefined) continue;
    const parsed = await parseInstance(instance);

    for (const { index, frameIndex } of slices) {
      const frame =
        parsed instanceof CtbankError
          ? parsed
          : await decodeOrError(parsed, frameIndex, instance.name);
      if (frame instanceof CtbankError) return { problem: undecodable(instance.name, frame) };

      if (frame.hu instanceof Float32Array && hu instanceof Int16Array) hu = Float32Array.from(hu);
      hu.set(frame.hu, index * sliceVoxels);
      lossy ||= frame.lossy;
    }
  }
  return { hu, lossy };
}

function slicesByInstance(stack: SliceStack): Map<number, { index: number; frameIndex: number }[]> {
  const byInstance = new Map<number, { index: number; frameIndex: number }[]>();
  stack.slices.forEach(({ header }, index) => {
    const list = byInstance.get(header.instanceIndex) ?? [];
    list.push({ index, frameIndex: header.frameIndex });
    byInstance.set(header.instanceIndex, list);
  });
  return byInstance;
}

// Parse and decode failures are data problems of this series, returned as values; anything
// else is a fault of ctbank and propagates.
async function parseInstance(instance: InstanceSource): Promise<DicomFile | CtbankError> {
  try {
    return parseDicomFile(await instance.read(), instance.name);
  } catch (thrown) {
    if (thrown instanceof CtbankError) return thrown;
    if (thrown instanceof Error && 'code' in thrown && typeof thrown.code === 'string') {
      return new CtbankError(
        'READ_FAILED',
        `${instance.name}: ${thrown.message}`,
        { file: instance.name },
        thrown,
      );
    }
    throw thrown;
  }
}

async function decodeOrError(
  file: DicomFile,
  frameIndex: number,
  source: string,
): Promise<Awaited<ReturnType<typeof decodeFrame>> | CtbankError> {
  try {
    return await decodeFrame(file, frameIndex, source);
  } catch (thrown) {
    if (thrown instanceof CtbankError) return thrown;
    throw thrown;
  }
}

function undecodable(source: string, error: CtbankError): VolumeFinding {
  return {
    code: 'PIXELS_UNDECODABLE',
    severity: 'error',
    message: `the pixels of ${source} cannot be decoded: ${error.message}`,
    sources: [source],
    errorCode: error.code,
  };
}

function volumeSlices(stack: SliceStack): VolumeSlice[] {
  return stack.slices.map(({ header, positionMm, imagePositionPatient }, index) => ({
    index,
    positionMm,
    imagePositionPatient,
    source: header.source,
    frameIndex: header.frameIndex,
    ...(header.sopInstanceUid === undefined ? {} : { sopInstanceUid: header.sopInstanceUid }),
    ...(header.instanceNumber === undefined ? {} : { instanceNumber: header.instanceNumber }),
    ...(header.sliceThicknessMm === undefined ? {} : { sliceThicknessMm: header.sliceThicknessMm }),
  }));
}

function notAVolume(problem: VolumeFinding, findings: readonly VolumeFinding[]): VolumeResult {
  return { status: 'not-a-volume', problem, findings };
}
