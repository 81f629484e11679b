import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary, SKIP_PREFIX } from './electron-binary';

/**
 * Builds what the Electron app loads (dist/renderer + dist/electron) — but only when there is an
 * Electron binary to run it with; otherwise says loudly why the suite will be skipped.
 */
export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (!binary.ok) {
    console.warn(`\n${SKIP_PREFIX} ${binary.reason}\n`);
    return;
  }
  if (process.env.NETLOOM_E2E_SKIP_BUILD === '1') return;
  const cwd = join(import.meta.dirname, '..', '..');
  execSync('npm run build:renderer --silent', { cwd, stdio: 'inherit' });
  execSync('npm run build:electron --silent', { cwd, stdio: 'inherit' });
}
