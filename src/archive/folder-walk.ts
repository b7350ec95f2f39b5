/**
 * Walks a folder tree in sorted path order without holding it in memory: one directory listing
 * at a time. Links inside the tree are not followed (a link can loop or lead out of the tree).
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { messageOf } from '../errors.js';

/** What the walk finds: a regular file, something else (link, device), or an unreadable folder. */
export type FolderItem =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'not-regular'; readonly path: string; readonly what: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string };

// A folder sorts as its name plus '/', so the walk yields exactly the order of sorted full
// paths ('a.txt' before 'a/x', since '.' < '/').
function sortKey(dirent: Dirent): string {
  return dirent.isDirectory() ? `${dirent.name}/` : dirent.name;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(dirent: Dirent): string {
  if (dirent.isSymbolicLink()) return 'a symbolic link';
  if (dirent.isFIFO()) return 'a named pipe';
  if (dirent.isSocket()) return 'a socket';
  return 'a device';
}

/** Yields everything under folder, depth first, in code-unit order of full paths. */
export async function* walkFolder(folder: string): AsyncGenerator<FolderItem> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    yield { kind: 'unreadable', path: folder, reason: messageOf(error) };
    return;
  }

  const keyed = dirents.map((dirent) => ({ dirent, key: sortKey(dirent) }));
  keyed.sort((a, b) => compareCodeUnits(a.key, b.key));

  for (const { dirent } of keyed) {
    const full = path.join(folder, dirent.name);
    if (dirent.isDirectory()) {
      yield* walkFolder(full);
    } else if (dirent.isFile()) {
      yield { kind: 'file', path: full };
    } else {
      yield { kind: 'not-regular', path: full, what: describe(dirent) };
    }
  }
}
