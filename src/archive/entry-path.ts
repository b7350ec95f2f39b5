/**
 * Checks the path of an archive entry before anything is done with it: an absolute path or a
 * `..` segment (zip-slip) would let an extractor write outside its folder, so such entries are
 * refused even though this layer never writes entries to disk.
 */
import type { ErrorCode } from '../errors.js';

/** The outcome of checking an entry path: a clean relative path, or why it is refused. */
export type EntryPathCheck =
  | { readonly ok: true; readonly path: string; readonly isDirectory: boolean }
  | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

// A drive letter (C:) or a UNC/device prefix (\\server, //?/) marks a Windows absolute path.
const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:|\/\/)/;

/** Normalises an entry name ('\' and '/' separators, '.' and empty segments) or refuses it. */
export function checkEntryPath(name: string): EntryPathCheck {
  const slashed = name.replaceAll('\\', '/');

  if (slashed.length === 0 || slashed.includes('\0')) {
    return { ok: false, code: 'ARCHIVE_CORRUPT', reason: 'has an empty or unreadable name' };
  }
  if (slashed.startsWith('/') || WINDOWS_ABSOLUTE.test(slashed)) {
    return { ok: false, code: 'ARCHIVE_PATH_ESCAPE', reason: 'has an absolute path' };
  }

  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    return {
      ok: false,
      code: 'ARCHIVE_PATH_ESCAPE',
      reason: "climbs out of the archive with '..'",
    };
  }
  const isDirectory = slashed.endsWith('/');
  if (segments.length === 0 && !isDirectory) {
    return { ok: false, code: 'ARCHIVE_CORRUPT', reason: 'has an empty or unreadable name' };
  }

  return { ok: true, path: segments.join('/'), isDirectory };
}
