/**
 * Per-phase cost of de-identifying one instance, on one thread: the steps of
 * deidentifyInstance (src/deid/deid-instance.ts) timed one by one over every DICOM file below a
 * folder (default: the 600-slice benchmark series), after a warm-up pass. Prints ms per slice
 * for each phase. Usage: node dist/bench/deid-phases.js [FOLDER] [--passes N]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { parseDicomFile } from '../src/dicom/parse-dataset.js';
import { writeDicomFile } from '../src/dicom/write-dataset.js';
import { auditDicomFile } from '../src/deid/audit.js';
import { originalIdentifiers, originalsOfFile } from '../src/deid/audit-originals.js';
import { screenBurnedInText } from '../src/deid/burned-in-confirm.js';
import { deidentify } from '../src/deid/deidentify-dataset.js';
import { defaultDeidProfile } from '../src/deid/profile.js';
import { ResolvedPseudonyms } from '../src/deid/resolved-pseudonyms.js';
import { quarantineReason } from '../src/deid/quarantine.js';
import { openBlobStore, sha256Hex } from '../src/store/blob-store.js';
import { filesUnder } from './dataset.js';

const PHASES = [
  'read',
  'parse',
  'quarantine',
  'screen',
  'deidentify',
  'write',
  'originals',
  'audit',
  'sha256',
  'put',
] as const;
type Phase = (typeof PHASES)[number];

const profile = defaultDeidProfile();
const secret = Buffer.alloc(32, 7);

// Wall time and CPU time (user + system of the process, which is this one thread) per phase,
// in ms: on a shared machine the CPU time is the steadier of the two.
class Timer {
  readonly wall = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));
  readonly cpu = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));
  private lastWall = performance.now();
  private lastCpu = cpuMs();

  start(): void {
    this.lastWall = performance.now();
    this.lastCpu = cpuMs();
  }

  lap(phase: Phase): void {
    const wall = performance.now();
    const cpu = cpuMs();
    this.wall.set(phase, (this.wall.get(phase) ?? 0) + wall - this.lastWall);
    this.cpu.set(phase, (this.cpu.get(phase) ?? 0) + cpu - this.lastCpu);
    this.lastWall = wall;
    this.lastCpu = cpu;
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// Patient ID (0010,0020) of the first file: the pseudonym map a worker would be handed.
function pseudonymsOf(bytes: Uint8Array): Record<string, string> {
  const file = parseDicomFile(bytes, 'first');
  const element = file.dataset.elements.find((candidate) => candidate.tag === 0x00100020);
  const id = Buffer.from(element?.value ?? [])
    .toString('latin1')
    .trim();
  return { [id]: 'CT-0001' };
}

async function onePass(files: readonly string[], storeRoot: string, timer: Timer): Promise<number> {
  const store = openBlobStore(storeRoot);
  const pseudonyms = pseudonymsOf(readFileSync(files[0] ?? ''));
  let flagged = 0;

  for (const name of files) {
    timer.start();
    const bytes = readFileSync(name);
    timer.lap('read');
    const file = parseDicomFile(bytes, name);
    timer.lap('parse');
    quarantineReason(file.dataset, profile.expectedModalities);
    timer.lap('quarantine');
    if ((await screenBurnedInText(bytes, file, name)).status !== 'clean') flagged += 1;
    timer.lap('screen');
    const outcome = await deidentify(file, {
      profile,
      secret,
      pseudonyms: new ResolvedPseudonyms(pseudonyms),
    });
    if (outcome.status !== 'deidentified') throw new Error(`${name}: ${outcome.reason}`);
    timer.lap('deidentify');
    const output = writeDicomFile(outcome.file);
    timer.lap('write');
    const originals = [
      ...originalsOfFile(file, profile),
      { value: outcome.identity.originalPatientId, kind: 'id' as const },
    ];
    timer.lap('originals');
    const findings = auditDicomFile(output, name, {
      profile,
      originals: originalIdentifiers(originals),
      expectedPseudonyms: new Set([outcome.identity.pseudonym]),
    });
    if (findings.length > 0) throw new Error(`${name}: audit found ${findings.length}`);
    timer.lap('audit');
    const sha256 = sha256Hex(output);
    timer.lap('sha256');
    await store.put(sha256, output);
    timer.lap('put');
  }
  return flagged;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { passes: { type: 'string', default: '2' } },
  });
  const folder = positionals[0] ?? '.bench/deid-s600-seed1/dicom';
  const files = (await filesUnder(folder)).sort();
  const passes = Math.max(1, Number(values.passes));

  const scratch = await mkdtemp(path.join(tmpdir(), 'deid-phases-'));
  try {
    let timer = new Timer();
    let flagged = 0;
    for (let pass = 0; pass < passes; pass++) {
      // Only the last pass counts: the first ones warm the JIT and the page cache.
      timer = new Timer();
      flagged = await onePass(files, path.join(scratch, `store-${pass}`), timer);
    }
    report(timer, files.length, flagged);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function report(timer: Timer, slices: number, flagged: number): void {
  const perSlice = (totals: Map<Phase, number>, phase: Phase): number =>
    (totals.get(phase) ?? 0) / slices;
  const row = (name: string, wall: number, cpu: number): string =>
    `${name.padEnd(11)} ${wall.toFixed(3).padStart(8)} ${cpu.toFixed(3).padStart(8)}`;

  console.log(`${'ms/slice'.padEnd(11)} ${'wall'.padStart(8)} ${'cpu'.padStart(8)}`);
  let wallTotal = 0;
  let cpuTotal = 0;
  for (const phase of PHASES) {
    const wall = perSlice(timer.wall, phase);
    const cpu = perSlice(timer.cpu, phase);
    wallTotal += wall;
    cpuTotal += cpu;
    console.log(row(phase, wall, cpu));
  }
  console.log(row('total', wallTotal, cpuTotal));
  console.log(`${slices} slices, ${flagged} flagged by the screen`);
}

await main();
