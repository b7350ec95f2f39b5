/**
 * The one adapter around node-unrar-js's WebAssembly build of rarlab's unrar. Its public
 * Extractor classes either buffer the whole archive (createExtractorFromData) or write entries to
 * disk (createExtractorFromFile), and neither reports links; so this drives the wasm module's own
 * RarArchive object with our I/O callbacks: the archive is read from disk in pieces, and entries
 * are written to memory. Codes and flags are those of unrar's dll.hpp.
 */
import { getUnrar } from 'node-unrar-js/dist/js/unrar.singleton.js';

import { CtbankError } from '../errors.js';

/** unrar's I/O callbacks: handles are positive numbers, 0 means "could not open". */
export interface UnrarIo {
  open(name: string): number;
  create(name: string): number;
  read(handle: number, pointer: number, size: number): number;
  write(handle: number, pointer: number, size: number): boolean;
  tell(handle: number): number;
  seek(handle: number, offset: number, method: 'SET' | 'CUR' | 'END'): boolean;
  close(handle: number): void;
}

/** The archive header as RAROpenArchiveEx reports it. */
export interface RarArchiveInfo {
  readonly errorCode: number;
  readonly flags: number;
}

/** One file header as RARReadHeaderEx reports it. */
export interface RarFileInfo {
  readonly errorCode: number;
  readonly name: string;
  readonly flags: number;
  readonly packSize: number;
  readonly unpackedSize: number;
  readonly hostOs: number;
  readonly attributes: number;
}

/** One open archive: headers are read in order, each followed by process (extract or skip). */
export interface RarArchive {
  nextHeader(): RarFileInfo;
  /** Extracts (through UnrarIo.create/write) or skips the file whose header was read last. */
  process(skip: boolean): number;
  close(): void;
}

/** The loaded unrar module, wired to one UnrarIo. */
export interface Unrar {
  /** The wasm memory, read afresh each time because it is replaced when it grows. */
  heap(): Uint8Array;
  open(archivePath: string, listOnly: boolean): { info: RarArchiveInfo; archive: RarArchive };
}

// dll.hpp: ERAR_* codes returned by every call.
export const ERAR = {
  SUCCESS: 0,
  END_ARCHIVE: 10,
  NO_MEMORY: 11,
  BAD_DATA: 12,
  BAD_ARCHIVE: 13,
  UNKNOWN_FORMAT: 14,
  EOPEN: 15,
  EREAD: 18,
  MISSING_PASSWORD: 22,
  EREFERENCE: 23,
  BAD_PASSWORD: 24,
} as const;

// dll.hpp: ROADF_* archive flags and RHDF_* file flags.
export const ARCHIVE_FLAG = { VOLUME: 0x0001, FIRST_VOLUME: 0x0100 } as const;
export const FILE_FLAG = {
  SPLIT_BEFORE: 0x01,
  ENCRYPTED: 0x04,
  DIRECTORY: 0x20,
} as const;

// The shapes the emscripten/embind glue exposes (node-unrar-js src/cpp/bindings.cpp).
interface RawState {
  errCode: number;
}
interface RawFileHeader {
  state: RawState;
  name: string;
  flags: number;
  packSize: number;
  unpSize: number;
  hostOS: number;
  fileAttr: number;
}
interface RawArchive {
  open(path: string, password: string, listOnly: boolean): { state: RawState; flags: number };
  getFileHeader(): RawFileHeader;
  readFile(skip: boolean): RawState;
  delete(): void;
}
interface RawModule {
  HEAPU8: Uint8Array;
  RarArchive: new () => RawArchive;
  extractor: UnrarIo;
}

function isRawModule(value: unknown): value is RawModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    'RarArchive' in value &&
    typeof value.RarArchive === 'function' &&
    'HEAPU8' in value
  );
}

/** Loads the wasm unrar (once per thread) and routes its I/O to io. */
export async function loadUnrar(io: UnrarIo): Promise<Unrar> {
  const loaded: unknown = await getUnrar();
  if (!isRawModule(loaded)) {
    throw new CtbankError('INTERNAL', 'node-unrar-js did not expose the expected wasm module');
  }

  const wasm = loaded;
  wasm.extractor = io;
  return {
    heap: () => wasm.HEAPU8,
    open(archivePath, listOnly) {
      const raw = new wasm.RarArchive();
      // No password is ever given: ctbank does not open password-protected archives.
      const header = raw.open(archivePath, '', listOnly);
      const archive: RarArchive = {
        nextHeader() {
          const file = raw.getFileHeader();
          return {
            errorCode: file.state.errCode,
            name: file.name,
            flags: file.flags,
            packSize: file.packSize,
            unpackedSize: file.unpSize,
            hostOs: file.hostOS,
            attributes: file.fileAttr,
          };
        },
        process: (skip) => raw.readFile(skip).errCode,
        close: () => raw.delete(),
      };
      return { info: { errorCode: header.state.errCode, flags: header.flags }, archive };
    },
  };
}
