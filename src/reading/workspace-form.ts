/**
 * The workspace's active reading form: `reading-form.json` beside `ctbank.json`, written with
 * the default form on first use. Every version a read used is kept in the catalog
 * (`reading_forms`), so old reads stay readable after the form changes; a version's content
 * never changes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../catalog/schema.js';
import { CtbankError, messageOf } from '../errors.js';
import { DEFAULT_READING_FORM } from './default-form.js';
import { parseReadingForm, type ReadingForm } from './form-schema.js';

const FORM_FILE = 'reading-form.json';

/** Reads a form file (or the workspace's, created with the default when missing). */
export function readFormFile(workspaceDir: string, formFile?: string): ReadingForm {
  const file = formFile ?? path.join(workspaceDir, FORM_FILE);
  if (formFile === undefined && !existsSync(file)) writeDefault(file);

  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (thrown) {
    throw new CtbankError('FORM_INVALID', `${file}: ${messageOf(thrown)}`, { file }, thrown);
  }
  return parseReadingForm(document, file);
}

/** The active form, registered in the catalog under its version. */
export async function activeForm(db: Kysely<Database>, workspaceDir: string): Promise<ReadingForm> {
  const form = readFormFile(workspaceDir);
  await registerForm(db, form);
  return form;
}

/** Makes a form file the workspace's active form, after validating and registering it. */
export async function adoptForm(
  db: Kysely<Database>,
  workspaceDir: string,
  formFile: string,
): Promise<ReadingForm> {
  const form = readFormFile(workspaceDir, formFile);
  await registerForm(db, form);
  writeFileSync(path.join(workspaceDir, FORM_FILE), JSON.stringify(form, null, 2) + '\n');
  return form;
}

/** Every form version reads have used or may use, by version. */
export async function registeredForms(db: Kysely<Database>): Promise<Map<string, ReadingForm>> {
  const rows = await db.selectFrom('reading_forms').selectAll().execute();
  return new Map(
    rows.map((row) => [row.version, parseReadingForm(JSON.parse(row.definition), row.version)]),
  );
}

// A version names one content for good: reads made with it must keep their meaning.
async function registerForm(db: Kysely<Database>, form: ReadingForm): Promise<void> {
  const definition = JSON.stringify(form);
  const known = await db
    .selectFrom('reading_forms')
    .select('definition')
    .where('version', '=', form.version)
    .executeTakeFirst();
  if (known !== undefined) {
    if (known.definition === definition) return;
    throw new CtbankError(
      'FORM_INVALID',
      `form version ${form.version} is already registered with other content: ` +
        'give the changed form a new version',
    );
  }

  await db
    .insertInto('reading_forms')
    .values({ version: form.version, definition, created_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.column('version').doNothing())
    .execute();
}

// Exclusive create: when two processes start at once, the first one's file stands.
function writeDefault(file: string): void {
  try {
    writeFileSync(file, JSON.stringify(DEFAULT_READING_FORM, null, 2) + '\n', { flag: 'wx' });
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code !== 'EEXIST') throw thrown;
  }
}
