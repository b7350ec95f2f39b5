/**
 * What de-identification reports about one instance: each change made (without values, so the
 * report may be shown and logged), each attribute nobody knows, and each data problem met.
 */
import type { Vr } from '../dicom/vr.js';
import type { Rule } from './resolve-action.js';

/** What was done to an element. */
export type ChangeKind =
  | 'removed'
  | 'emptied'
  | 'dummy'
  | 'uid-replaced'
  | 'date-shifted'
  | 'text-cleaned'
  | 'pseudonym'
  | 'age-written'
  | 'marker-written';

/** One change, placed by its path, e.g. `ReferencedSeriesSequence[0].SeriesInstanceUID`. */
export interface Change {
  readonly path: string;
  readonly tag: number;
  readonly change: ChangeKind;
  readonly rule: Rule | 'identity' | 'marker';
}

/** An attribute neither Table E.1-1 nor ctbank's dictionary knows, and what became of it. */
export interface UnknownAttribute {
  readonly path: string;
  readonly tag: number;
  readonly vr: Vr;
  readonly outcome: 'kept' | 'removed' | 'date-shifted' | 'uid-replaced' | 'text-cleaned';
}

/** A problem in the data that de-identification worked around. */
export type DeidFindingCode =
  'invalid-date' | 'invalid-age' | 'uncleanable-text' | 'opaque-sequence' | 'age-unknown';

/** One data problem, with a severity as in STYLE.md (warn: could distort results). */
export interface DeidFinding {
  readonly code: DeidFindingCode;
  readonly severity: 'warn' | 'info';
  readonly path: string;
  readonly message: string;
}

/** The three lists, filled while an instance is processed. */
export class DeidReport {
  readonly changes: Change[] = [];
  readonly unknownAttributes: UnknownAttribute[] = [];
  readonly findings: DeidFinding[] = [];

  /** Records a change. */
  change(path: string, tag: number, change: ChangeKind, rule: Change['rule']): void {
    this.changes.push({ path, tag, change, rule });
  }

  /** Records a data problem. */
  finding(code: DeidFindingCode, severity: DeidFinding['severity'], path: string, message: string) {
    this.findings.push({ code, severity, path, message });
  }
}
