/**
 * The workspace's de-identification profile: `deid-profile.json` beside `ctbank.json`, written
 * with the defaults on first use so that curators can see and change the options chosen.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CtbankError, messageOf } from '../errors.js';
import { defaultDeidProfile, parseDeidProfile, type DeidProfile } from './profile.js';

const PROFILE_FILE = 'deid-profile.json';

/** Reads the workspace's profile (or the given file), creating the default when missing. */
export function readWorkspaceProfile(workspaceDir: string, profileFile?: string): DeidProfile {
  const file = profileFile ?? path.join(workspaceDir, PROFILE_FILE);
  if (profileFile === undefined && !existsSync(file)) writeDefault(file);

  try {
    return parseDeidProfile(JSON.parse(readFileSync(file, 'utf8')));
  } catch (thrown) {
    throw new CtbankError('WORKSPACE', `${file}: invalid profile: ${messageOf(thrown)}`, {
      file,
    });
  }
}

// Exclusive create: when two processes start at once, the first one's file stands.
function writeDefault(file: string): void {
  try {
    writeFileSync(file, JSON.stringify(defaultDeidProfile(), null, 2) + '\n', { flag: 'wx' });
  } catch (thrown) {
    if ((thrown as NodeJS.ErrnoException).code !== 'EEXIST') throw thrown;
  }
}

/**
 * Makes a profile file the workspace's own (after validating it), so that later runs, and the
 * stage's record of what it ran with, use the same options.
 */
export function adoptProfile(workspaceDir: string, profileFile: string): DeidProfile {
  const profile = readWorkspaceProfile(workspaceDir, profileFile);
  writeFileSync(path.join(workspaceDir, PROFILE_FILE), JSON.stringify(profile, null, 2) + '\n');
  return profile;
}

/** A digest of the profile, part of the de-identification stage's inputs. */
export function profileDigest(profile: DeidProfile): string {
  return createHash('sha256').update(JSON.stringify(profile)).digest('hex');
}
