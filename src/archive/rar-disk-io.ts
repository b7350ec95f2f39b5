/**
 * unrar's file I/O inside the RAR worker: the archive and its sibling volumes are read from disk
 * piece by piece, and each extracted entry is written to one memory buffer. Nothing is ever
 * written to disk, and unrar may open only the archive and files named like its volumes in the
 * same folder (a RAR5 file-copy record could otherwise make it read any file by name).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

import type { ExpansionMeter, ExpansionRefusal } from './expansion-meter.js';
import type { UnrarIo } from './unrar-module.js';

interface OpenFile {
  readonly fd: number;
  readonly size: number;
  position: number;
}

/** The bytes of one extracted entry, and whether unrar produced a file at all. */
export interface ExtractedOutput {
  readonly created: boolean;
  readonly bytes: Uint8Array;
  readonly refusal: ExpansionRefusal | null;
}

// The stem shared by all volumes: name.part1.rar, name.part0001.rar, name.rar, name.r00.
function volumeStem(fileName: string): string {
  return fileName.replace(/(\.part\d+)?\.(rar|r\d\d)$/i, '').toLowerCase();
}

/** A growable byte buffer that starts at the declared size and never passes the entry limit. */
class EntrySink {
  #bytes: Uint8Array;
  #length = 0;

  constructor(declaredBytes: number, maxBytes: number) {
    this.#bytes = new Uint8Array(Math.min(declaredBytes, maxBytes));
  }

  append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(chunk, this.#length);
    this.#length = needed;
  }

  contents(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }
}

/** UnrarIo over the disk (reads) and memory (writes), for one archive. */
export class RarDiskIo implements UnrarIo {
  /** Sizes of the archive files opened so far, by path: the packed bytes of the set. */
  readonly opened = new Map<string, number>();
  /** Names unrar asked for that were missing or not allowed (a missing volume). */
  readonly failedOpens: string[] = [];

  #heap: () => Uint8Array = () => new Uint8Array(0);
  #files = new Map<number, OpenFile>();
  #nextHandle = 1;
  #sinkHandle = 0;
  #sink: EntrySink | null = null;
  #meter: ExpansionMeter | null = null;
  #maxEntryBytes = 0;
  #declaredBytes = 0;
  #refusal: ExpansionRefusal | null = null;

  constructor(private readonly archivePath: string) {}

  /** Gives access to the wasm memory, which exists only once unrar is loaded with this I/O. */
  attachHeap(heap: () => Uint8Array): void {
    this.#heap = heap;
  }

  /** Prepares a buffer for the next file unrar extracts, counting it with meter. */
  expectEntry(declaredBytes: number, meter: ExpansionMeter, maxEntryBytes: number): void {
    this.#sink = null;
    this.#sinkHandle = 0;
    this.#meter = meter;
    this.#maxEntryBytes = maxEntryBytes;
    this.#refusal = null;
    this.#declaredBytes = declaredBytes;
    meter.startEntry();
  }

  /** Hands over what unrar wrote for the entry prepared by expectEntry. */
  takeEntry(): ExtractedOutput {
    const output = {
      created: this.#sink !== null,
      bytes: this.#sink?.contents() ?? new Uint8Array(0),
      refusal: this.#refusal,
    };
    this.#sink = null;
    this.#meter = null;
    return output;
  }

  #allowed(name: string): boolean {
    const resolved = path.resolve(name);
    if (resolved === this.archivePath) return true;

    const sameFolder = path.dirname(resolved) === path.dirname(this.archivePath);
    const base = path.basename(resolved);
    const looksLikeVolume = /\.(rar|r\d\d)$/i.test(base);
    const sameSet = volumeStem(base) === volumeStem(path.basename(this.archivePath));
    return sameFolder && looksLikeVolume && sameSet;
  }

  open(name: string): number {
    if (!this.#allowed(name)) {
      this.failedOpens.push(name);
      return 0;
    }

    try {
      const fd = openSync(name, 'r');
      const stats = fstatSync(fd);
      if (!stats.isFile()) {
        closeSync(fd);
        this.failedOpens.push(name);
        return 0;
      }
      const handle = this.#nextHandle++;
      this.#files.set(handle, { fd, size: stats.size, position: 0 });
      this.opened.set(path.resolve(name), stats.size);
      return handle;
    } catch {
      // unrar only learns "could not open" (handle 0); the name is kept to explain it.
      this.failedOpens.push(name);
      return 0;
    }
  }

  create(): number {
    if (this.#meter === null) return 0;

    this.#sink = new EntrySink(this.#declaredBytes, this.#maxEntryBytes);
    this.#sinkHandle = this.#nextHandle++;
    return this.#sinkHandle;
  }

  read(handle: number, pointer: number, size: number): number {
    const file = this.#files.get(handle);
    if (file === undefined) return -1;

    const bytesRead = readSync(file.fd, this.#heap(), pointer, size, file.position);
    file.position += bytesRead;
    return bytesRead;
  }

  write(handle: number, pointer: number, size: number): boolean {
    if (handle !== this.#sinkHandle || this.#sink === null || this.#meter === null) return false;

    const refusal = this.#meter.add(size);
    if (refusal !== null) {
      this.#refusal = refusal;
      return false;
    }
    this.#sink.append(this.#heap().subarray(pointer, pointer + size));
    return true;
  }

  tell(handle: number): number {
    return this.#files.get(handle)?.position ?? -1;
  }

  seek(handle: number, offset: number, method: 'SET' | 'CUR' | 'END'): boolean {
    const file = this.#files.get(handle);
    if (file === undefined) return false;

    const base = method === 'SET' ? 0 : method === 'CUR' ? file.position : file.size;
    const position = base + offset;
    if (position < 0 || position > file.size) return false;
    file.position = position;
    return true;
  }

  close(handle: number): void {
    const file = this.#files.get(handle);
    if (file === undefined) return;

    this.#files.delete(handle);
    closeSync(file.fd);
  }
}
