#!/usr/bin/env node
// Fetches the Electron binary for `npm start`, the `_electron` e2e suite and `npm run dist`.
// Electron 45's package no longer downloads it on install, so npm runs this as `postinstall`: it tries
// once, with a timeout, and never fails the install — an offline classroom machine still gets a working
// CLI and browser mode. `npm run install:electron` runs it again (with `--strict`, a failure is an error).
//   NETLOOM_SKIP_ELECTRON=1 / ELECTRON_SKIP_BINARY_DOWNLOAD=1   skip
//   NETLOOM_ELECTRON_TIMEOUT_MS                                   give up after this long (default 120000)
//   NETLOOM_ELECTRON_INSTALLER                                    another installer script (tests, mirrors)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const customInstaller = process.env.NETLOOM_ELECTRON_INSTALLER;
const installer = customInstaller ?? join(root, 'node_modules', 'electron', 'install.js');
const strict = process.argv.includes('--strict');
const timeoutMs = Number(process.env.NETLOOM_ELECTRON_TIMEOUT_MS ?? 120_000);

/** Ends the script: a note (never an error) unless --strict was given. */
function giveUp(message) {
  console.warn(`install-electron: ${message}`);
  console.warn('install-electron: the CLI and browser mode work without it; the desktop app needs it (see README, "Desktop app").');
  process.exit(strict ? 1 : 0);
}

if (process.env.NETLOOM_SKIP_ELECTRON === '1' || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  console.log('install-electron: skipped (NETLOOM_SKIP_ELECTRON / ELECTRON_SKIP_BINARY_DOWNLOAD is set).');
  process.exit(0);
}
if (!existsSync(installer)) giveUp('node_modules/electron is not installed (production install?).');
const [major, minor] = process.versions.node.split('.').map(Number);
// The electron package's own download code needs Node >= 22.12 (its "engines" field).
if (!customInstaller && (major < 22 || (major === 22 && minor < 12))) giveUp(`Node ${process.versions.node} is too old for Electron's download (it needs 22.12 or newer).`);

const child = spawn(process.execPath, [installer], { cwd: dirname(installer), stdio: ['ignore', 'inherit', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => (stderr += chunk));
const timer = setTimeout(() => {
  child.kill('SIGKILL');
  giveUp(`no Electron binary after ${Math.round(timeoutMs / 1000)} s (no network?); run \`npm run install:electron\` later.`);
}, timeoutMs);
child.on('exit', (code) => {
  clearTimeout(timer);
  if (code === 0) {
    console.log('install-electron: the Electron binary is installed.');
    process.exit(0);
  }
  const firstLine = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`;
  giveUp(`the Electron download failed (${firstLine.trim()}); run \`npm run install:electron\` with network access.`);
});
