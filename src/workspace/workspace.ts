/**
 * A workspace: everything about one dataset in one folder — configuration, catalog, the private
 * zone (originals and the project secret) and the public zone (de-identified data). Layout in
 * docs/workspace.md.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openCatalog, type Catalog } from '../catalog/open-catalog.js';
import { CtbankError, messageOf } from '../errors.js';
import { openBlobStore, type BlobReader, type BlobStore } from '../store/blob-store.js';
import { defaultConfig, workspaceConfigSchema, type WorkspaceConfig } from './config.js';

/** Default workspace folder when neither the option nor CTBANK_WORKSPACE names one. */
export const DEFAULT_WORKSPACE = './ctbank-workspace';
const CONFIG_FILE = 'ctbank.json';
const SECRET_FILE = 'secret.key';
const SECRET_BYTES = 32;

/** Where a workspace lives and which catalog it uses. */
export interface WorkspaceLocation {
  readonly dir: string;
  /** A PostgreSQL URL; when absent the catalog is `catalog.sqlite` inside the workspace. */
  readonly databaseUrl?: string;
}

/** An open workspace. */
export interface Workspace {
  readonly dir: string;
  readonly config: WorkspaceConfig;
  readonly catalog: Catalog;
  /** Originals as received, and quarantined files. Only private stages get this. */
  readonly privateStore: BlobStore;
  /** De-identified instances and everything derived from them. */
  readonly publicStore: BlobStore;
  /** Inputs dropped here are ingested by `ctbank run`. */
  readonly inboxDir: string;
  /** Scratch space for archive extraction; always inside the private zone. */
  readonly scratchDir: string;
  /** The project secret, for pseudonyms and UIDs (later stages). */
  readonly secret: Buffer;
  close(): Promise<void>;
}

/** Resolves the workspace folder and database from options and the environment. */
export function resolveLocation(options: {
  workspace?: string;
  database?: string;
}): WorkspaceLocation {
  const dir = path.resolve(
    options.workspace ?? process.env['CTBANK_WORKSPACE'] ?? DEFAULT_WORKSPACE,
  );
  const databaseUrl = options.database ?? process.env['CTBANK_DATABASE_URL'];
  return databaseUrl === undefined || databaseUrl === '' ? { dir } : { dir, databaseUrl };
}

/** True when the folder already holds a workspace. */
export function isWorkspace(dir: string): boolean {
  return existsSync(path.join(dir, CONFIG_FILE));
}

/** Opens the workspace, creating its folders, configuration and secret when missing. */
export async function openWorkspace(location: WorkspaceLocation): Promise<Workspace> {
  const dir = location.dir;
  try {
    createLayout(dir);
  } catch (thrown) {
    throw new CtbankError('WORKSPACE', `cannot create workspace ${dir}: ${messageOf(thrown)}`, {
      file: dir,
    });
  }

  const config = readConfig(dir);
  const secret = readSecret(dir);
  const catalog = await openCatalog(
    location.databaseUrl === undefined
      ? { sqliteFile: path.join(dir, 'catalog.sqlite') }
      : { url: location.databaseUrl },
  );

  return {
    dir,
    config,
    catalog,
    secret,
    privateStore: openBlobStore(path.join(dir, 'private', 'blobs')),
    publicStore: openBlobStore(path.join(dir, 'public', 'blobs')),
    inboxDir: path.join(dir, 'inbox'),
    scratchDir: path.join(dir, 'private', 'scratch'),
    close: () => catalog.close(),
  };
}

/** The public zone as a read-only store: what a server or a release may be handed. */
export function publicReader(workspace: Workspace): BlobReader {
  const { root, has, read, pathOf } = workspace.publicStore;
  return { root, has, read, pathOf };
}

function createLayout(dir: string): void {
  for (const folder of ['private/blobs', 'private/scratch', 'public/blobs', 'inbox']) {
    mkdirSync(path.join(dir, folder), { recursive: true });
  }
  chmodSync(path.join(dir, 'private'), 0o700);

  const config = JSON.stringify(defaultConfig(), null, 2) + '\n';
  writeIfAbsent(path.join(dir, CONFIG_FILE), config, 0o644);
  writeIfAbsent(
    path.join(dir, 'private', SECRET_FILE),
    randomBytes(SECRET_BYTES).toString('hex') + '\n',
    0o600,
  );
}

// Exclusive create: when two processes create the same workspace at once, the first one wins.
function writeIfAbsent(file: string, content: string, mode: number): void {
  if (existsSync(file)) return;
  try {
    writeFileSync(file, content, { flag: 'wx', mode });
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code !== 'EEXIST') throw thrown;
  }
}

function readConfig(dir: string): WorkspaceConfig {
  const file = path.join(dir, CONFIG_FILE);
  try {
    return workspaceConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (thrown) {
    throw new CtbankError('WORKSPACE', `${file}: invalid configuration: ${messageOf(thrown)}`, {
      file,
    });
  }
}

function readSecret(dir: string): Buffer {
  const file = path.join(dir, 'private', SECRET_FILE);
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (secret.length !== SECRET_BYTES) {
    throw new CtbankError('WORKSPACE', `${file}: the project secret is damaged`, { file });
  }
  return secret;
}
