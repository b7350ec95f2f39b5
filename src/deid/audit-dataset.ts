/**
 * The audit of one parsed file: every element of the file meta and of the data set at every
 * depth, judged by what the profile does to it (resolve-action.ts, the same rules the engine
 * applies) and by what its text holds. An element the profile should have removed, emptied or
 * (private) dropped is reported once for that; every other text value is searched for original
 * values and identifying shapes. Dates, times and binary values (Pixel Data above all) are
 * never read as text: DA, DT and TM are expected to hold shifted dates.
 */
import type { DicomDataset, DicomElement, DicomFile } from '../dicom/dataset.js';
import { lookupTag, tagText } from '../dicom/dictionary.js';
import { TAGS } from '../dicom/tags.js';
import type { Vr } from '../dicom/vr.js';
import { isPrivateTag } from './annex-e-lookup.js';
import { keywordOf } from './apply-profile.js';
import { isPseudonym, type AuditContext } from './audit-context.js';
import { maskValue, type AuditFinding, type AuditRule } from './audit-finding.js';
import { findPatterns } from './audit-text-patterns.js';
import { ctIodOf, type CtIod } from './ct-iod-types.js';
import { deidTag } from './deid-dictionary.js';
import { dummyValue } from './dummy-values.js';
import { PrivateBlocks, blockOfCreator, blockOfElement, isCreatorTag } from './private-elements.js';
import { resolveAction, type Resolution } from './resolve-action.js';
import { encodingOfDataset, readText, readValues } from './text-values.js';

const DICOM_ROOT = '1.2.840.10008.';

// Free text, where people type names, numbers and dates (PS3.5 6.2): the pattern rules apply.
const FREE_TEXT_VRS: ReadonlySet<Vr> = new Set(['LO', 'LT', 'SH', 'ST', 'UT', 'PN', 'UC']);
// Other string VRs that could carry a copied identifier: searched for original values only.
// CS is left out: its values are defined terms ("CT", "PERFUSION"), and a name component or
// ID of two to sixteen upper-case characters would be found in them by chance.
const CODED_TEXT_VRS: ReadonlySet<Vr> = new Set(['AE', 'UR']);
// Values drawn from a coding scheme's vocabulary (Code Sequence Macro, PS3.3 Table 8.8-1):
// numbers such as CID 7050's "113100" are codes, not identifiers, so no pattern applies.
const CODE_TAGS: ReadonlySet<number> = new Set([
  TAGS.CodeValue.tag,
  TAGS.CodingSchemeDesignator.tag,
  deidTag('CodingSchemeVersion'),
  deidTag('LongCodeValue'),
  deidTag('URNCodeValue'),
  deidTag('ContextIdentifier'),
  deidTag('MappingResource'),
]);
// The identity elements de-identification writes the pseudonym into.
const PSEUDONYM_TAGS: ReadonlySet<number> = new Set([TAGS.PatientName.tag, TAGS.PatientID.tag]);
// The file meta elements ctbank writes (dataset-file-meta.ts); anything else there (source AE
// titles, private information) should have gone with the rewrite (PS3.10 7.1).
const META_WRITTEN: ReadonlySet<number> = new Set([
  TAGS.FileMetaInformationGroupLength.tag,
  TAGS.FileMetaInformationVersion.tag,
  TAGS.MediaStorageSOPClassUID.tag,
  TAGS.MediaStorageSOPInstanceUID.tag,
  TAGS.TransferSyntaxUID.tag,
  TAGS.ImplementationClassUID.tag,
  TAGS.ImplementationVersionName.tag,
]);
// The dummy values of the D action (dummy-values.ts) say that a value was removed.
const DUMMIES: ReadonlySet<string> = new Set(
  (['AE', 'CS', 'LO', 'PN', 'SH'] as const).map((vr) =>
    Buffer.from(dummyValue(vr)).toString('latin1').trim(),
  ),
);
// String VRs outside the two groups above: read only to show a removed value masked.
const OTHER_STRING_VRS: ReadonlySet<Vr> = new Set(['AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'TM', 'UI']);

/** The findings of one parsed file. */
export function auditParsedFile(
  file: DicomFile,
  display: string,
  context: AuditContext,
): AuditFinding[] {
  const sopClass = file.dataset.elements.find((element) => element.tag === TAGS.SOPClassUID.tag);
  const iod = ctIodOf(sopClass === undefined ? undefined : readText(sopClass, 'latin1'));
  const audit = new FileAudit(display, context, iod);

  audit.meta(file.meta);
  audit.dataset(file.dataset, 'latin1', 0, '');
  return audit.findings;
}

class FileAudit {
  readonly findings: AuditFinding[] = [];
  private readonly reported = new Set<string>();

  constructor(
    private readonly display: string,
    private readonly context: AuditContext,
    private readonly iod: CtIod,
  ) {}

  meta(meta: DicomDataset): void {
    for (const element of meta.elements) {
      const path = keywordOf(element.tag);
      if (!META_WRITTEN.has(element.tag)) {
        this.report(element, path, 'removed-attribute-present', this.maskedText(element, 'latin1'));
        continue;
      }
      if (element.tag === TAGS.MediaStorageSOPInstanceUID.tag && !this.context.profile.retainUids) {
        this.replacedUids(element, path);
      }
      this.scanText(element, path, 'latin1', 0);
    }
  }

  dataset(dataset: DicomDataset, inherited: string, depth: number, parent: string): void {
    const encoding = encodingOfDataset(dataset, inherited);
    const blocks = privateBlocksOf(dataset, encoding, this.context);
    const keptBlocks = new Set<number>();
    for (const element of dataset.elements) {
      if (isPrivateTag(element.tag) && blocks?.isAllowed(element.tag) === true) {
        keptBlocks.add(blockOfElement(element.tag));
      }
    }

    for (const element of dataset.elements) {
      const name = keywordOf(element.tag);
      const path = parent === '' ? name : `${parent}.${name}`;
      const flagged = isPrivateTag(element.tag)
        ? this.private(element, path, encoding, blocks, keptBlocks)
        : this.standard(element, path, encoding, depth);

      if (!flagged) this.scanText(element, path, encoding, depth);
      element.items?.forEach((item, index) => {
        this.dataset(item, encoding, depth + 1, `${path}[${index}]`);
      });
    }
  }

  // A private element or creator is kept only as the engine keeps it (private-elements.ts).
  private private(
    element: DicomElement,
    path: string,
    encoding: string,
    blocks: PrivateBlocks | undefined,
    keptBlocks: ReadonlySet<number>,
  ): boolean {
    const kept = isCreatorTag(element.tag)
      ? keptBlocks.has(blockOfCreator(element.tag))
      : blocks?.isAllowed(element.tag) === true;
    if (kept) return false;

    this.report(element, path, 'private-element', this.maskedText(element, encoding));
    return true;
  }

  private standard(element: DicomElement, path: string, encoding: string, depth: number): boolean {
    const { profile, options } = this.context;
    const resolution = resolveAction(
      element.tag,
      element.vr,
      { depth, iod: this.iod },
      profile,
      options,
    );

    if (resolution.rule === 'marker') return false; // written by de-identification itself
    if (isOpaqueSequence(element) && resolution.action !== 'X' && resolution.action !== 'Z') {
      // The engine removes a sequence it cannot walk; its bytes cannot be checked here either.
      this.report(element, path, 'removed-attribute-present', '');
      return true;
    }

    switch (resolution.action) {
      case 'X':
        this.report(element, path, 'removed-attribute-present', this.maskedText(element, encoding));
        return true;
      case 'Z':
        return this.emptied(element, path, encoding, depth);
      case 'U':
        return element.items === undefined && this.replacedUids(element, path);
      case 'D':
        // The engine replaces a UID it is asked to dummy (apply-profile.ts).
        return element.vr === 'UI' && this.replacedUids(element, path);
      default:
        return this.keptUid(element, path, resolution);
    }
  }

  private emptied(element: DicomElement, path: string, encoding: string, depth: number): boolean {
    if (element.items !== undefined) {
      if (element.items.length === 0) return false;
      this.report(element, path, 'emptied-attribute-has-value', '');
      return true;
    }

    const text = this.textOf(element, encoding);
    const empty = text === undefined ? (element.value?.length ?? 0) === 0 : text === '';
    if (empty) return false;
    if (depth === 0 && PSEUDONYM_TAGS.has(element.tag) && isPseudonym(text ?? '', this.context)) {
      return false;
    }

    this.report(element, path, 'emptied-attribute-has-value', maskValue(text ?? ''));
    return true;
  }

  // Every UID the profile replaces must be ctbank's own (or one the standard defines).
  private replacedUids(element: DicomElement, path: string): boolean {
    const root = this.context.patterns.projectUidRoot;
    const left = readValues(element, 'latin1').filter(
      (uid) => uid !== '' && !uid.startsWith(root) && !uid.startsWith(DICOM_ROOT),
    );
    for (const uid of left) this.report(element, path, 'original-value', maskValue(uid));
    return left.length > 0;
  }

  // A UID the profile keeps is still compared with the mapping's, unless UIDs are retained.
  private keptUid(element: DicomElement, path: string, resolution: Resolution): boolean {
    const originals = this.context.originals;
    if (element.vr !== 'UI' || originals === undefined || resolution.action !== 'K') return false;
    if (this.context.profile.retainUids) return false;

    const left = readValues(element, 'latin1').filter((uid) => originals.isOriginalUid(uid));
    for (const uid of left) this.report(element, path, 'original-value', maskValue(uid));
    return left.length > 0;
  }

  // Original values in any string value; identifying shapes in free text.
  private scanText(element: DicomElement, path: string, encoding: string, depth: number): void {
    const freeText = FREE_TEXT_VRS.has(element.vr);
    if (!freeText && !CODED_TEXT_VRS.has(element.vr)) return;

    const { originals, patterns } = this.context;
    const identity = depth === 0 && PSEUDONYM_TAGS.has(element.tag);
    for (const value of readValues(element, encoding)) {
      if (value === '' || DUMMIES.has(value)) continue;
      if (patterns.pseudonyms.has(value) || (identity && isPseudonym(value, this.context)))
        continue;

      for (const found of originals?.find(value) ?? []) {
        this.report(element, path, 'original-value', maskValue(found));
      }
      if (!freeText || CODE_TAGS.has(element.tag)) continue;

      const matches =
        element.vr === 'PN'
          ? [{ rule: 'person-name-in-text' as const, text: value }]
          : findPatterns(value, patterns);
      for (const match of matches) this.report(element, path, match.rule, maskValue(match.text));
    }
  }

  private maskedText(element: DicomElement, encoding: string): string {
    return maskValue(this.textOf(element, encoding) ?? '');
  }

  // The text of a string element; undefined for binary values and sequences.
  private textOf(element: DicomElement, encoding: string): string | undefined {
    if (element.items !== undefined || element.fragments !== undefined) return undefined;
    if (
      !FREE_TEXT_VRS.has(element.vr) &&
      !CODED_TEXT_VRS.has(element.vr) &&
      !OTHER_STRING_VRS.has(element.vr)
    ) {
      return undefined;
    }
    return readText(element, encoding);
  }

  private report(element: DicomElement, path: string, rule: AuditRule, value: string): void {
    const key = `${path}\u0000${rule}\u0000${value}`;
    if (this.reported.has(key)) return;

    this.reported.add(key);
    this.findings.push({
      file: this.display,
      tag: tagText(element.tag),
      keyword: path,
      rule,
      value,
    });
  }
}

// The private creators of a data set or item, read from its private elements only: given the
// whole data set, PrivateBlocks would also decode every standard (gggg,0010) element as a
// creator, Pixel Data (7FE0,0010) included.
function privateBlocksOf(
  dataset: DicomDataset,
  encoding: string,
  context: AuditContext,
): PrivateBlocks | undefined {
  const elements = dataset.elements.filter((element) => isPrivateTag(element.tag));
  if (elements.length === 0) return undefined;

  return new PrivateBlocks({ elements }, encoding, context.profile);
}

// A sequence the parser could not walk: the dictionary says SQ, the data set wrote UN bytes.
function isOpaqueSequence(element: DicomElement): boolean {
  return element.items === undefined && element.vr === 'UN' && lookupTag(element.tag)?.vr === 'SQ';
}
