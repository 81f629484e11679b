import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Locates the Electron executable the way node_modules/electron/index.js does, but without requiring
 * that module: requiring it starts a download when the binary is missing, which must not happen here.
 * The binary comes from scripts/install-electron.mjs (postinstall, or `npm run install:electron`).
 */
export function findElectronBinary(): ElectronBinary {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return {
      ok: false,
      reason:
        'the Electron binary is not installed (node_modules/electron/path.txt is missing: Electron 45 does not ' +
        'download it on install, and our postinstall attempt had no network or Node < 22.12). Run ' +
        '`npm run install:electron` once with network access, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.',
    };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const executable = override ? join(override, relative) : join(pkg, 'dist', relative);
  if (!existsSync(executable)) return { ok: false, reason: `the Electron binary was expected at ${executable} but is not there.` };
  return { ok: true, path: executable };
}

export const SKIP_PREFIX = '[e2e-electron] SKIPPED:';
