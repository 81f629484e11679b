import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT, RECENT_FILES_NAME, RecentFiles } from '../../electron/main/recent-files';
import { createRecoveryStore } from '../../electron/main/recovery';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('RecentFiles', () => {
  it('persists across restarts, most recent first, without duplicates', async () => {
    const userData = await tempDir();
    const first = await RecentFiles.load(userData);
    await first.add({ path: '/a/one.json', name: 'one.json' });
    await first.add({ path: '/a/two.json', name: 'two.json' });
    await first.add({ path: '/a/one.json', name: 'one.json' });

    const reloaded = await RecentFiles.load(userData);
    expect(reloaded.list()).toEqual([
      { path: '/a/one.json', name: 'one.json' },
      { path: '/a/two.json', name: 'two.json' },
    ]);
    expect(reloaded.has('/a/two.json')).toBe(true);
    expect(reloaded.has('/a/three.json')).toBe(false);
  });

  it(`keeps at most ${MAX_RECENT} entries`, async () => {
    const userData = await tempDir();
    const store = await RecentFiles.load(userData);
    for (let i = 0; i < MAX_RECENT + 3; i++) await store.add({ path: `/f${i}.json`, name: `f${i}.json` });
    const list = (await RecentFiles.load(userData)).list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]?.path).toBe(`/f${MAX_RECENT + 2}.json`);
  });

  it('remove() drops an entry and persists that', async () => {
    const userData = await tempDir();
    const store = await RecentFiles.load(userData);
    await store.add({ path: '/x.json', name: 'x.json' });
    await store.remove('/x.json');
    expect((await RecentFiles.load(userData)).list()).toEqual([]);
  });

  it('treats a corrupt or foreign store as empty instead of failing startup', async () => {
    const userData = await tempDir();
    await writeFile(join(userData, RECENT_FILES_NAME), '{"version":1,"files":[{"path":3}]}');
    expect((await RecentFiles.load(userData)).list()).toEqual([]);
    await writeFile(join(userData, RECENT_FILES_NAME), 'not json');
    const store = await RecentFiles.load(userData);
    await store.add({ path: '/ok.json', name: 'ok.json' });
    expect(JSON.parse(await readFile(join(userData, RECENT_FILES_NAME), 'utf8'))).toEqual({
      version: 1,
      files: [{ path: '/ok.json', name: 'ok.json' }],
    });
  });
});

describe('recovery store', () => {
  it('writes, reads back and clears the snapshot in userData', async () => {
    const userData = await tempDir();
    const recovery = createRecoveryStore(userData);
    expect(await recovery.read()).toBeNull();
    await recovery.write('{"unsaved":true}');
    expect(recovery.path.startsWith(userData)).toBe(true);
    expect(await createRecoveryStore(userData).read()).toBe('{"unsaved":true}');
    await recovery.clear();
    expect(await recovery.read()).toBeNull();
    await expect(recovery.clear()).resolves.toBeUndefined(); // clearing twice is fine
  });
});
