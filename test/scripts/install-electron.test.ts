import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const script = join(root, 'scripts', 'install-electron.mjs');
const dir = mkdtempSync(join(tmpdir(), 'netloom-install-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the postinstall step with a stand-in for Electron's installer. */
function run(installerBody: string | null, args: string[] = [], env: Record<string, string> = {}) {
  const extra: Record<string, string> = { NETLOOM_ELECTRON_TIMEOUT_MS: '1500', ...env };
  if (installerBody !== null) {
    const installer = join(dir, `installer-${Math.random().toString(36).slice(2)}.cjs`);
    writeFileSync(installer, installerBody);
    extra.NETLOOM_ELECTRON_INSTALLER = installer;
  }
  const r = spawnSync(process.execPath, [script, ...args], { env: { ...process.env, ...extra }, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('install-electron (postinstall)', () => {
  it('a download that hangs (no network) is given up after the timeout and the install still succeeds', () => {
    const r = run('setInterval(() => {}, 1000);');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no Electron binary after 2 s/);
    expect(r.out).toMatch(/npm run install:electron/);
  });

  it('a failed download does not fail npm ci, but does with --strict', () => {
    const failing = 'console.error("RequestError: getaddrinfo ENOTFOUND github.com"); process.exit(1);';
    expect(run(failing)).toMatchObject({ code: 0, out: expect.stringContaining('ENOTFOUND github.com') });
    expect(run(failing, ['--strict']).code).toBe(1);
  });

  it('reports success', () => {
    expect(run('process.exit(0);')).toMatchObject({ code: 0, out: expect.stringContaining('the Electron binary is installed') });
  });

  it('can be skipped', () => {
    expect(run(null, [], { NETLOOM_SKIP_ELECTRON: '1' })).toMatchObject({ code: 0, out: expect.stringContaining('skipped') });
  });

  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  it.runIf(major < 22 || (major === 22 && minor < 12))('on Node older than 22.12 says Electrons download needs a newer Node', () => {
    const r = run(null);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/too old for Electron's download \(it needs 22\.12 or newer\)/);
  });
});
