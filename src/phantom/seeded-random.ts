/**
 * Deterministic randomness for the phantom: a small 128-bit-state generator (a "small fast
 * chaotic" design) seeded from SHA-256 of a text label, so that every stream (one patient's
 * anatomy, its noise, its identity) is reproducible from the dataset seed alone.
 */
import { createHash } from 'node:crypto';

import { CtbankError } from '../errors.js';

/** A seeded pseudo-random generator; never use Math.random in the phantom. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /** Seeds the generator from any text, for example `seed/patient/3/anatomy`. */
  constructor(readonly label: string) {
    const digest = createHash('sha256').update(label).digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.nextUint32(); // mix the state before first use
  }

  /** An independent generator for a named sub-stream of this one. */
  fork(name: string): SeededRandom {
    return new SeededRandom(`${this.label}/${name}`);
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A uniform integer in [low, high], both ends included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A normally distributed number (Box–Muller, the second value kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * spare;
    }
    const u = 1 - this.next(); // in (0, 1], so the logarithm is finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)];
    if (value === undefined) throw new CtbankError('INTERNAL', 'pick from an empty list');
    return value;
  }

  /** A shuffled copy of a list (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const held = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = held;
    }
    return copy;
  }
}

/**
 * A table of rounded normal samples with standard deviation `sd` (HU), read at random offsets
 * to add image noise far faster than drawing one normal number per pixel.
 */
export function gaussianTable(random: SeededRandom, size: number, sd: number): Int16Array {
  const table = new Int16Array(size);
  for (let i = 0; i < size; i++) table[i] = Math.round(random.normal(0, sd));
  return table;
}
