import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPathFor, writeFileAtomic } from '../../electron/main/atomic-write';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('writeFileAtomic', () => {
  it('creates a new file with the exact contents and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const target = join(dir, 'graph.json');
    await writeFileAtomic(target, '{"v":1}', { backup: true });
    expect(await readFile(target, 'utf8')).toBe('{"v":1}');
    expect(await readdir(dir)).toEqual(['graph.json']); // first save: nothing to back up
  });

  it('keeps the previous version as <name>.bak on a successful save', async () => {
    const dir = await tempDir();
    const target = join(dir, 'graph.json');
    await writeFile(target, 'version 1');
    await writeFileAtomic(target, 'version 2', { backup: true });
    await writeFileAtomic(target, 'version 3', { backup: true });
    expect(await readFile(target, 'utf8')).toBe('version 3');
    expect(await readFile(backupPathFor(target), 'utf8')).toBe('version 2');
    expect((await readdir(dir)).sort()).toEqual(['graph.json', 'graph.json.bak']);
  });

  it('a crash between the durable write and the rename leaves the old file intact', async () => {
    const dir = await tempDir();
    const target = join(dir, 'graph.json');
    await writeFile(target, 'the old document');
    let tempSeen = '';

    const save = writeFileAtomic(target, 'the new document', {
      backup: true,
      beforeRename: async (temp) => {
        // At the crash point the new bytes are complete on disk, only not yet published.
        tempSeen = await readFile(temp, 'utf8');
        throw new Error('simulated crash');
      },
    });

    await expect(save).rejects.toThrow('simulated crash');
    expect(tempSeen).toBe('the new document');
    expect(await readFile(target, 'utf8')).toBe('the old document');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes binary data byte for byte', async () => {
    const dir = await tempDir();
    const target = join(dir, 'model.onnx');
    const bytes = Uint8Array.from([0, 255, 1, 254, 10, 13]);
    await writeFileAtomic(target, bytes);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
  });

  it('fails without touching anything when the folder does not exist', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'graph.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('temp files left by a killed save', () => {
  it('are removed by the next save once they are old; a recent one (a save still running) is kept', async () => {
    const { mkdtemp, writeFile: write, utimes, readdir: list, rm: remove } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join: joinPath } = await import('node:path');
    const dir = await mkdtemp(joinPath(tmpdir(), 'netloom-stale-'));
    try {
      const target = joinPath(dir, 'g.json');
      await write(joinPath(dir, '.g.json.0123456789ab.tmp'), 'torn');
      await write(joinPath(dir, 'g.json.bak.aaaaaaaaaaaa.tmp'), 'torn bak');
      await write(joinPath(dir, '.g.json.fedcba987654.tmp'), 'in progress');
      await write(joinPath(dir, '.other.json.0123456789ab.tmp'), 'another file');
      const hourAgo = new Date(Date.now() - 3600_000);
      for (const f of ['.g.json.0123456789ab.tmp', 'g.json.bak.aaaaaaaaaaaa.tmp', '.other.json.0123456789ab.tmp']) await utimes(joinPath(dir, f), hourAgo, hourAgo);
      await writeFileAtomic(target, 'saved', { backup: true });
      expect((await list(dir)).sort()).toEqual(['.g.json.fedcba987654.tmp', '.other.json.0123456789ab.tmp', 'g.json']);
    } finally {
      await remove(dir, { recursive: true, force: true });
    }
  });
});
