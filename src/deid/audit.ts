/**
 * The proof of de-identification (issue 3, point 6): every output file is scanned — the
 * 128-byte preamble, the file meta, every element of the data set at every depth, and the
 * file and folder names below the audited root — for anything the profile should have
 * removed or emptied, private elements it does not keep, original values of the private
 * mapping, and names, phone numbers, identifiers and dates in text. Values are masked in the
 * findings. A file that cannot be parsed is a finding too: what cannot be read is not proven.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDicomFile } from '../dicom/parse-dataset.js';
import { CtbankError, messageOf } from '../errors.js';
import { auditContextOf, type AuditOptions } from './audit-context.js';
import { auditParsedFile } from './audit-dataset.js';
import { maskValue, type AuditFinding } from './audit-finding.js';
import { nameFindings } from './audit-names.js';

// The types of the audit's contract, where issue 3 names them.
export type { AuditOptions } from './audit-context.js';
export type { AuditFinding, AuditRule } from './audit-finding.js';
export type { OriginalIdentifiers, OriginalKind, OriginalValue } from './audit-originals.js';

/** What an audit of files found. */
export interface AuditResult {
  /** The number of files audited. */
  readonly files: number;
  readonly findings: AuditFinding[];
}

const PREAMBLE_LENGTH = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];
// Files read ahead while one is audited: enough to hide disk latency, few enough for memory.
const READ_AHEAD = 4;

/** Audits one file held in memory (the de-identification stage, before it writes). */
export function auditDicomFile(
  bytes: Uint8Array,
  displayPath: string,
  options: AuditOptions,
): AuditFinding[] {
  const context = auditContextOf(options);
  const findings = preambleFindings(bytes, displayPath);

  try {
    const file = parseDicomFile(bytes, displayPath);
    findings.push(...auditParsedFile(file, displayPath, context));
  } catch (thrown) {
    findings.push(unparseable(displayPath, thrown));
  }
  return findings;
}

/** Audits the file and folder names of a path relative to the output root, one segment each. */
export function auditRelativePath(relativePath: string, options: AuditOptions): AuditFinding[] {
  const context = auditContextOf(options);
  const segments = relativePath.split(/[\\/]/).filter((segment) => segment !== '');

  return segments.flatMap((segment, index) =>
    nameFindings(
      segment,
      index === segments.length - 1 ? 'FileName' : 'FolderName',
      relativePath,
      context,
    ),
  );
}

/**
 * Audits files and folders: each folder is walked (links are not followed but reported), each
 * file audited with {@link auditDicomFile}, and every file and folder name below a given
 * folder judged; a file given directly has its own name judged.
 */
export async function auditFiles(
  target: string | readonly string[],
  options: AuditOptions,
): Promise<AuditResult> {
  const context = auditContextOf(options);
  const entries: Entry[] = [];
  const findings: AuditFinding[] = [];

  for (const root of typeof target === 'string' ? [target] : target) {
    const stats = await lstat(root);
    if (stats.isDirectory()) {
      await listFolder(root, '', entries);
    } else {
      entries.push({
        kind: stats.isFile() ? 'file' : 'other',
        display: root,
        name: path.basename(root),
      });
    }
  }

  const reader = new ReadAhead(entries.filter((entry) => entry.kind === 'file'));
  let files = 0;
  for (const entry of entries) {
    const kind = entry.kind === 'folder' ? 'FolderName' : 'FileName';
    findings.push(...nameFindings(entry.name, kind, entry.display, context));
    if (entry.kind === 'folder') continue;
    if (entry.kind === 'other') {
      findings.push(notRegular(entry.display));
      continue;
    }

    files += 1;
    const bytes = await reader.next();
    findings.push(
      ...(bytes instanceof CtbankError
        ? [unparseable(entry.display, bytes)]
        : auditDicomFile(bytes, entry.display, options)),
    );
  }
  return { files, findings };
}

interface Entry {
  readonly kind: 'file' | 'folder' | 'other';
  /** The root joined with the path below it. */
  readonly display: string;
  /** The last segment, whose name is judged. */
  readonly name: string;
}

// Every entry below the folder, folders before their contents, names in code-point order so
// that reports are stable.
async function listFolder(root: string, relative: string, entries: Entry[]): Promise<void> {
  const children = await readdir(path.join(root, relative), { withFileTypes: true });
  children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const child of children) {
    const below = path.join(relative, child.name);
    const display = path.join(root, below);
    if (child.isDirectory()) {
      entries.push({ kind: 'folder', display, name: child.name });
      await listFolder(root, below, entries);
    } else {
      entries.push({ kind: child.isFile() ? 'file' : 'other', display, name: child.name });
    }
  }
}

// The Part 10 preamble (PS3.10 7.1) is free for applications to use, so it can carry
// anything (a TIFF header, a name); ctbank writes zeros and expects zeros.
function preambleFindings(bytes: Uint8Array, display: string): AuditFinding[] {
  const prefixed =
    bytes.length >= PREAMBLE_LENGTH + DICM.length &&
    DICM.every((byte, index) => bytes[PREAMBLE_LENGTH + index] === byte);
  if (!prefixed) return [];

  const preamble = bytes.subarray(0, PREAMBLE_LENGTH);
  if (preamble.every((byte) => byte === 0)) return [];

  const printable = Buffer.from(preamble)
    .toString('latin1')
    .replace(/[^\x20-\x7e]+/g, ' ');
  return [
    {
      file: display,
      tag: '',
      keyword: 'Preamble',
      rule: 'preamble-not-empty',
      value: maskValue(printable),
    },
  ];
}

function unparseable(display: string, thrown: unknown): AuditFinding {
  const keyword = thrown instanceof CtbankError ? thrown.code : 'INTERNAL';
  return { file: display, tag: '', keyword, rule: 'unparseable', value: '' };
}

// A link, device or socket in the output: not followed, and not a file that can be proven.
function notRegular(display: string): AuditFinding {
  return { file: display, tag: '', keyword: 'READ_FAILED', rule: 'unparseable', value: '' };
}

/** Reads files in order, a few ahead of the one asked for. */
class ReadAhead {
  private readonly pending: Promise<Uint8Array | CtbankError>[] = [];
  private started = 0;

  constructor(private readonly entries: readonly Entry[]) {}

  /** The bytes of the next file, or the error that kept it from being read. */
  async next(): Promise<Uint8Array | CtbankError> {
    while (this.started < this.entries.length && this.pending.length <= READ_AHEAD) {
      const display = (this.entries[this.started] as Entry).display;
      this.pending.push(readFile(display).catch((thrown: unknown) => readFailed(display, thrown)));
      this.started += 1;
    }
    const first = this.pending.shift();
    return first === undefined ? readFailed('', 'no file left to read') : first;
  }
}

function readFailed(display: string, thrown: unknown): CtbankError {
  return new CtbankError(
    'READ_FAILED',
    `${display}: ${messageOf(thrown)}`,
    { file: display },
    thrown,
  );
}
