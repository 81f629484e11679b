import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphText } from '../../../core/graph/io';
import { backupPathFor } from '../../../electron/main/atomic-write';
import { createRecoveryStore } from '../../../electron/main/recovery';
import { useTempDirs } from '../temp-dir';
import { documentVersion, versionOf } from './versions';

/*
 * Nothing lost: a process saving a document over and over (atomic write with .bak, then the recovery
 * snapshot) is killed with SIGKILL at random moments, 60 times. After every kill the file on disk,
 * its .bak and the recovery snapshot are each a whole version — the old one or a newer one — never a
 * torn mix, and the recovery snapshot opens as a graph.
 */
const KILLS = 60;
const tempDir = useTempDirs();
let child = '';

beforeAll(async () => {
  // Bundled once so each of the 60 children starts in milliseconds (no TypeScript loader).
  child = join(await tempDir(), 'save-loop.mjs');
  await build({ entryPoints: [join(import.meta.dirname, 'save-loop.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: child, logLevel: 'silent' });
});

/**
 * Starts the saver, lets it complete `saves` saves, then SIGKILLs it `fraction` of the way into the
 * next one (timed from how long saves take on this machine, so the kills land mid-write however slow
 * the machine is). Resolves with the signal and the measured time of one save.
 */
function saveThenKill(target: string, userData: string, saves: number, fraction: number): Promise<{ signal: NodeJS.Signals | null; saveMs: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, target, userData], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    let started = 0;
    let saveMs = 5;
    let killing = false;
    p.stderr.on('data', (d) => (err += d));
    p.stdout.on('data', (d) => {
      out += d;
      const done = (out.match(/^saved /gm) ?? []).length;
      if (started === 0 && out.includes('ready')) started = Date.now();
      if (done > 0) saveMs = Math.max(1, (Date.now() - started) / done);
      if (!killing && done >= saves) {
        killing = true;
        setTimeout(() => p.kill('SIGKILL'), Math.floor(fraction * saveMs));
      }
    });
    p.on('error', reject);
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve({ signal, saveMs }) : reject(new Error(`saver exited ${code}: ${err}`))));
  });
}

describe('SIGKILL while saving', () => {
  it(`the file, its .bak and the recovery snapshot are always a complete version (${KILLS} kills)`, async () => {
    const dir = await tempDir();
    const target = join(dir, 'graph.json');
    const userData = join(dir, 'userData');
    await (await import('node:fs/promises')).mkdir(userData);
    await writeFile(target, documentVersion(0));
    const recovery = createRecoveryStore(userData);
    const seen = new Set<number>();
    let rng = 12345;
    for (let i = 0; i < KILLS; i++) {
      rng = (rng * 48271) % 2147483647; // Park–Miller: exact in doubles
      const saves = rng % 4; // 0–3 whole saves first…
      const fraction = ((rng >> 8) % 100) / 100; // …then somewhere inside the next one
      const ms = `${saves} saves + ${Math.round(fraction * 100)}%`;
      expect((await saveThenKill(target, userData, saves, fraction)).signal).toBe('SIGKILL');

      const onDisk = versionOf(await readFile(target, 'utf8'));
      expect(onDisk, `kill ${i} after ${ms}: graph.json is not a complete version`).not.toBeNull();
      seen.add(onDisk!);
      const bak = await readFile(backupPathFor(target), 'utf8').catch(() => null);
      if (bak !== null) expect(versionOf(bak), `kill ${i}: graph.json.bak is torn`).not.toBeNull();
      const snapshot = await recovery.read();
      if (snapshot !== null) {
        expect(versionOf(snapshot), `kill ${i}: the recovery snapshot is torn`).not.toBeNull();
        expect(parseGraphText(snapshot).ok).toBe(true);
      }
    }
    // The kills landed at different points of the save loop (not all before the first write).
    expect(seen.size).toBeGreaterThanOrEqual(3);
    // Leftover temp files from killed saves are hidden siblings, never the document itself.
    const stray = (await readdir(dir)).filter((f) => f !== 'graph.json' && f !== 'graph.json.bak' && f !== 'userData');
    for (const f of stray) expect(f).toMatch(/^\.graph\.json\.[0-9a-f]+\.tmp$|^graph\.json\.bak\.[0-9a-f]+\.tmp$/);
  }, 180_000);
});
