/**
 * Test helper: reads NIfTI files back with nibabel (Debian python3-nibabel) and compares two
 * images in world coordinates, so that a converter that flips rows or slices (dcm2niix) still
 * compares voxel for voxel. Tests skip, saying so, when nibabel is missing.
 */
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

/** The reason a test skips without nibabel. */
export const NO_NIBABEL = `nibabel is missing (${PYTHON} -c 'import nibabel'): test skipped`;

/** True when Debian's python3 imports nibabel. */
export function hasNibabel(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import nibabel, numpy'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** What nibabel reads from one image. */
export interface NibabelImage {
  readonly shape: number[];
  readonly dtype: string;
  readonly sform: number[][];
  readonly qform: number[][];
  readonly sformCode: number;
  readonly qformCode: number;
  readonly zooms: number[];
  readonly units: string[];
  readonly intent: string;
  /** SHA-256 of the scaled voxels as float64, i fastest. */
  readonly voxelsSha256: string;
  readonly min: number;
  readonly max: number;
}

const READ = `
import hashlib, json, sys
import nibabel as nib, numpy as np
img = nib.load(sys.argv[1])
data = np.asarray(img.dataobj, dtype=np.float64)
h = img.header
print(json.dumps({
  "shape": list(img.shape), "dtype": str(h.get_data_dtype()),
  "sform": img.get_sform().tolist(), "qform": img.get_qform().tolist(),
  "sformCode": int(h["sform_code"]), "qformCode": int(h["qform_code"]),
  "zooms": [float(z) for z in h.get_zooms()], "units": list(h.get_xyzt_units()),
  "intent": h.get_intent()[0],
  "voxelsSha256": hashlib.sha256(data.tobytes(order="F")).hexdigest(),
  "min": float(data.min()), "max": float(data.max())}))
`;

/** Reads a `.nii` or `.nii.gz` with nibabel. */
export function readWithNibabel(file: string): NibabelImage {
  return JSON.parse(python(READ, [file])) as NibabelImage;
}

/** How two images of the same scan agree in world coordinates. */
export interface WorldComparison {
  /** The integer voxel map from the first image's indices to the second's, row by row. */
  readonly indexMap: number[][];
  /** Largest distance between the grids' corners placed by each image's sform, mm. */
  readonly cornerDistanceMm: number;
  /** Voxels whose (scaled) values differ once the second is mapped onto the first. */
  readonly differingVoxels: number;
  readonly voxels: number;
}

const COMPARE = `
import json, sys
import nibabel as nib, numpy as np
a, b = nib.load(sys.argv[1]), nib.load(sys.argv[2])
A, B = a.get_sform(), b.get_sform()
R = np.rint(np.linalg.inv(B) @ A)
shape = np.array(a.shape[:3])
corners = np.array([[i, j, k, 1] for i in (0, shape[0]-1) for j in (0, shape[1]-1)
                    for k in (0, shape[2]-1)]).T
distance = float(np.max(np.linalg.norm(((B @ R) @ corners - A @ corners)[:3], axis=0)))
da = a.get_fdata(dtype=np.float32).reshape(a.shape[:3])
db = b.get_fdata(dtype=np.float32).reshape(b.shape[:3])
# R is a signed permutation: b's axis r(c) runs along a's axis c, backwards when negative.
axes = [int(np.flatnonzero(R[:3, c])[0]) for c in range(3)]
aligned = np.transpose(db, axes)
for c in range(3):
    if R[axes[c], c] < 0:
        aligned = np.flip(aligned, c)
same = aligned.shape == da.shape
diff = int(np.count_nonzero(aligned != da)) if same else int(da.size)
print(json.dumps({"indexMap": R.tolist(), "cornerDistanceMm": distance,
                  "differingVoxels": diff, "voxels": int(da.size)}))
`;

/** Compares two images of the same grid through their sforms (the second may be flipped). */
export function compareInWorld(first: string, second: string): WorldComparison {
  return JSON.parse(python(COMPARE, [first, second])) as WorldComparison;
}

function python(script: string, args: string[]): string {
  const result = spawnSync(PYTHON, ['-c', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`nibabel: ${result.stderr}`);
  return result.stdout;
}
