// npm links the bins of dependencies into node_modules/.bin, but not the checkout's own bin.
// This links it, so that `npx ctbank` works in a clone right after `npm install`.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const bin = path.join('node_modules', '.bin');
const link = path.join(bin, 'ctbank');
mkdirSync(bin, { recursive: true });
rmSync(link, { force: true });
symlinkSync(path.join('..', '..', 'dist', 'src', 'cli', 'main.js'), link);
