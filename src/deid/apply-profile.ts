/**
 * Applies the resolved actions to every element of a data set and, recursively, of every
 * sequence item at every depth (PS3.15 E.1.1: the profile applies wherever an attribute
 * occurs). Elements nobody changes are returned as the same objects, so untouched values
 * (Pixel Data above all) are never copied.
 */
import type { DicomDataset, DicomElement } from '../dicom/dataset.js';
import { describeTag, lookupTag, tagText } from '../dicom/dictionary.js';
import { annexRowFor, isPrivateTag } from './annex-e-lookup.js';
import type { AnnexEOption } from './annex-e-row.js';
import type { CtIod } from './ct-iod-types.js';
import { shiftDate, shiftDateTime } from './date-shift.js';
import { deidAttributeFor } from './deid-dictionary.js';
import type { ChangeKind, DeidReport, UnknownAttribute } from './deid-report.js';
import type { DescriptorCleaner } from './descriptor-cleaner.js';
import { dummyValue } from './dummy-values.js';
import { PrivateBlocks, blockOfCreator, blockOfElement, isCreatorTag } from './private-elements.js';
import type { DeidProfile } from './profile.js';
import { resolveAction, type Resolution } from './resolve-action.js';
import {
  FREE_TEXT_VRS,
  encodeValues,
  encodingOfDataset,
  readValues,
  usesCharacterSet,
} from './text-values.js';
import type { UidMapper } from './uid-mapper.js';

/** Everything the walk needs for one instance. */
export interface ApplyContext {
  readonly profile: DeidProfile;
  readonly options: ReadonlySet<AnnexEOption>;
  readonly iod: CtIod;
  readonly dateOffsetDays: number;
  readonly cleaner: DescriptorCleaner;
  readonly uids: UidMapper;
  readonly report: DeidReport;
}

const EMPTY = new Uint8Array(0);
const EMPTY_ITEM: DicomDataset = { elements: [] };
const KEPT_AS_IS_VRS = new Set(['AS', 'CS', 'DS', 'IS', 'FD', 'FL', 'SL', 'SS', 'UL', 'US', 'AT']);

/** The de-identified copy of a data set (depth 0) or sequence item (depth > 0). */
export function applyProfile(
  dataset: DicomDataset,
  inherited: string,
  depth: number,
  path: string,
  context: ApplyContext,
): DicomDataset {
  const walk = new LevelWalk(dataset, encodingOfDataset(dataset, inherited), depth, path, context);
  return { elements: walk.run() };
}

class LevelWalk {
  private readonly blocks: PrivateBlocks;

  constructor(
    private readonly dataset: DicomDataset,
    private readonly encoding: string,
    private readonly depth: number,
    private readonly path: string,
    private readonly context: ApplyContext,
  ) {
    this.blocks = new PrivateBlocks(dataset, encoding, context.profile);
  }

  run(): DicomElement[] {
    // Private data elements first, so that a creator stays exactly when its block does.
    const keptBlocks = new Set<number>();
    for (const element of this.dataset.elements) {
      if (isPrivateTag(element.tag) && this.blocks.isAllowed(element.tag)) {
        keptBlocks.add(blockOfElement(element.tag));
      }
    }

    const out: DicomElement[] = [];
    for (const element of this.dataset.elements) {
      const result = isPrivateTag(element.tag)
        ? this.private(element, keptBlocks)
        : this.standard(element);
      if (result !== undefined) out.push(result);
    }
    return out;
  }

  private private(
    element: DicomElement,
    keptBlocks: ReadonlySet<number>,
  ): DicomElement | undefined {
    const kept = isCreatorTag(element.tag)
      ? keptBlocks.has(blockOfCreator(element.tag))
      : this.blocks.isAllowed(element.tag);
    if (kept) return this.keep(element);

    this.record(element, 'removed', { action: 'X', rule: 'private', unknown: false });
    return undefined;
  }

  private standard(element: DicomElement): DicomElement | undefined {
    const { profile, options, iod } = this.context;
    const resolution = resolveAction(
      element.tag,
      element.vr,
      { depth: this.depth, iod },
      profile,
      options,
    );
    const result = this.apply(element, resolution);

    if (resolution.unknown) this.unknown(element, result, resolution);
    return result;
  }

  private apply(element: DicomElement, resolution: Resolution): DicomElement | undefined {
    if (isOpaqueSequence(element) && resolution.action !== 'X' && resolution.action !== 'Z') {
      const message = 'a sequence encoded as UN cannot be walked; removed';
      this.context.report.finding('opaque-sequence', 'warn', this.childPath(element), message);
      return this.remove(element, resolution);
    }

    switch (resolution.action) {
      case 'X':
        return this.remove(element, resolution);
      case 'Z':
        return this.empty(element, resolution);
      case 'D':
        return this.dummy(element, resolution);
      case 'U':
        return element.items !== undefined
          ? this.keep(element)
          : this.replaceUids(element, resolution);
      case 'K':
        return resolution.rule === 'retained' && FREE_TEXT_VRS.has(element.vr)
          ? this.scrubRetained(element, resolution)
          : this.keep(element);
      case 'C':
        return this.clean(element, resolution);
    }
  }

  private remove(element: DicomElement, resolution: Resolution): undefined {
    this.record(element, 'removed', resolution);
    return undefined;
  }

  private empty(element: DicomElement, resolution: Resolution): DicomElement {
    if (element.items !== undefined) {
      if (element.items.length > 0) this.record(element, 'emptied', resolution);
      return { tag: element.tag, vr: element.vr, items: [] };
    }
    if ((element.value?.length ?? 0) > 0 || element.fragments !== undefined) {
      this.record(element, 'emptied', resolution);
    }
    return { tag: element.tag, vr: element.vr, value: EMPTY };
  }

  private dummy(element: DicomElement, resolution: Resolution): DicomElement {
    if (element.vr === 'UI') return this.replaceUids(element, resolution);

    this.record(element, 'dummy', resolution);
    if (element.items !== undefined)
      return { tag: element.tag, vr: element.vr, items: [EMPTY_ITEM] };
    return { tag: element.tag, vr: element.vr, value: dummyValue(element.vr) };
  }

  private replaceUids(element: DicomElement, resolution: Resolution): DicomElement {
    if (element.vr !== 'UI' && element.vr !== 'UN') return this.dummy(element, resolution);

    const values = readValues(element, 'latin1');
    const mapped = values.map((uid) => this.context.uids.map(uid));
    if (mapped.every((uid, index) => uid === values[index])) return element;

    this.record(element, 'uid-replaced', resolution);
    return this.withValues(element, mapped) ?? { tag: element.tag, vr: element.vr, value: EMPTY };
  }

  private keep(element: DicomElement): DicomElement {
    if (element.items === undefined) return element;

    const path = this.childPath(element);
    const items = element.items.map((item, index) =>
      applyProfile(item, this.encoding, this.depth + 1, `${path}[${index}]`, this.context),
    );
    return { tag: element.tag, vr: element.vr, items };
  }

  private clean(element: DicomElement, resolution: Resolution): DicomElement | undefined {
    if (element.items !== undefined) return this.keep(element);
    if (resolution.clean === 'dates') return this.shiftDates(element, resolution);
    if (resolution.clean === 'dummy') return this.dummy(element, resolution);

    if (element.vr === 'PN') return this.empty(element, resolution);
    if (KEPT_AS_IS_VRS.has(element.vr) || element.vr === 'TM') return element;
    if (!FREE_TEXT_VRS.has(element.vr)) return this.remove(element, resolution);

    const values = readValues(element, this.encoding);
    const cleaned = values.map((value) => this.context.cleaner.clean(value));
    if (cleaned.every((value, index) => value === values[index])) return element;

    const result = this.withValues(element, cleaned);
    if (result === undefined) {
      const message = 'cleaned text cannot be written in the character set; removed';
      this.context.report.finding('uncleanable-text', 'warn', this.childPath(element), message);
      return this.remove(element, resolution);
    }
    this.record(element, 'text-cleaned', resolution);
    return result;
  }

  // Text ctbank retains outside the table (a Code Meaning, a contrast route) still loses the
  // patient's own names, IDs and dates: sites put the requesting physician in a protocol's
  // Code Meaning and the requested procedure ID in its Code Value.
  private scrubRetained(element: DicomElement, resolution: Resolution): DicomElement | undefined {
    const values = readValues(element, this.encoding);
    const scrubbed = values.map((value) => this.context.cleaner.removeKnown(value));
    if (scrubbed.every((value, index) => value === values[index])) return element;

    const result = this.withValues(element, scrubbed);
    if (result === undefined) return this.remove(element, resolution);
    this.record(element, 'text-cleaned', resolution);
    return result;
  }

  private shiftDates(element: DicomElement, resolution: Resolution): DicomElement | undefined {
    const shift = element.vr === 'DA' ? shiftDate : element.vr === 'DT' ? shiftDateTime : undefined;
    // TM and other VRs: a shift by whole days leaves them as they are.
    if (shift === undefined) return element;

    const values = readValues(element, 'latin1');
    const shifted = values.map((value) => shift(value, this.context.dateOffsetDays));
    if (shifted.some((value) => value === undefined)) {
      const message = `a ${element.vr} value is not a valid date and cannot be shifted; emptied`;
      this.context.report.finding('invalid-date', 'warn', this.childPath(element), message);
      return this.empty(element, resolution);
    }
    if (values.length === 0) return element;

    this.record(element, 'date-shifted', resolution);
    return this.withValues(element, shifted as string[]);
  }

  private withValues(element: DicomElement, values: readonly string[]): DicomElement | undefined {
    const encoding = usesCharacterSet(element.vr) ? this.encoding : 'ascii';
    const value = encodeValues(values, element.vr, encoding);
    return value === undefined ? undefined : { tag: element.tag, vr: element.vr, value };
  }

  private unknown(element: DicomElement, result: DicomElement | undefined, resolution: Resolution) {
    let outcome: UnknownAttribute['outcome'] = 'kept';
    if (result === undefined) outcome = 'removed';
    else if (result === element || resolution.action === 'K') outcome = 'kept';
    else if (resolution.action === 'U') outcome = 'uid-replaced';
    else outcome = resolution.clean === 'dates' ? 'date-shifted' : 'text-cleaned';
    const path = this.childPath(element);
    this.context.report.unknownAttributes.push({ path, tag: element.tag, vr: element.vr, outcome });
  }

  private record(element: DicomElement, change: ChangeKind, resolution: Resolution): void {
    this.context.report.change(this.childPath(element), element.tag, change, resolution.rule);
  }

  private childPath(element: DicomElement): string {
    const name = keywordOf(element.tag);
    return this.path === '' ? name : `${this.path}.${name}`;
  }
}

/** The keyword of a tag for paths, or `(gggg,eeee)` for private and unknown tags. */
export function keywordOf(tag: number): string {
  if (isPrivateTag(tag)) return tagText(tag);

  const row = annexRowFor(tag);
  if (row !== undefined && row.pattern.kind === 'exact') return row.keyword;
  return deidAttributeFor(tag)?.keyword ?? describeTag(tag);
}

// A sequence the parser could not walk: the dictionary says SQ, the data set wrote UN bytes.
function isOpaqueSequence(element: DicomElement): boolean {
  return element.items === undefined && element.vr === 'UN' && lookupTag(element.tag)?.vr === 'SQ';
}
