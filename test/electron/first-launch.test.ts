import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileActions, type FileDialogs } from '../../electron/main/file-actions';
import { graphPathsFromArgv, createOpenQueue } from '../../electron/main/open-requests';
import { packagedLayout } from '../../electron/main/packaged-paths';
import { RecentFiles } from '../../electron/main/recent-files';
import { createNodeResources } from '../../node/resources';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

async function saveSetup(typed: string, confirmReplace?: (name: string) => Promise<boolean>) {
  const docs = await tempDir();
  const recent = await RecentFiles.load(await tempDir());
  const dialogs: FileDialogs = {
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: join(docs, typed) })),
  };
  const files = createFileActions({ dialogs, recent, defaultDir: docs, ...(confirmReplace ? { confirmReplace } : {}) });
  return { docs, files };
}

describe('Save with a bare name that becomes an existing .json file', () => {
  it('asks before replacing foo.json, and keeps it when the user says no', async () => {
    const ask = vi.fn(async () => false);
    const { docs, files } = await saveSetup('foo', ask);
    await writeFile(join(docs, 'foo.json'), 'precious');
    expect(await files.save({ suggestedName: 'x.json', text: 'new', saveAs: true })).toBeNull();
    expect(ask).toHaveBeenCalledWith('foo.json');
    expect(await readFile(join(docs, 'foo.json'), 'utf8')).toBe('precious');
  });

  it('replaces it when the user confirms', async () => {
    const { docs, files } = await saveSetup('foo', async () => true);
    await writeFile(join(docs, 'foo.json'), 'old');
    expect(await files.save({ suggestedName: 'x.json', text: 'new', saveAs: true })).toEqual({ path: join(docs, 'foo.json'), name: 'foo.json' });
    expect(await readFile(join(docs, 'foo.json'), 'utf8')).toBe('new');
  });

  it('without a way to ask, refuses rather than replace silently', async () => {
    const { docs, files } = await saveSetup('foo');
    await writeFile(join(docs, 'foo.json'), 'precious');
    expect(await files.save({ suggestedName: 'x.json', text: 'new', saveAs: true })).toBeNull();
    expect(await readFile(join(docs, 'foo.json'), 'utf8')).toBe('precious');
  });

  it('does not ask when no file is in the way, nor when the typed name already had the extension', async () => {
    const ask = vi.fn(async () => false);
    const { docs, files } = await saveSetup('fresh', ask);
    expect(await files.save({ suggestedName: 'x.json', text: 'a', saveAs: true })).toEqual({ path: join(docs, 'fresh.json'), name: 'fresh.json' });
    const second = await saveSetup('fresh.json', ask);
    await writeFile(join(second.docs, 'fresh.json'), 'old'); // the native dialog already asked about this name
    expect(await second.files.save({ suggestedName: 'x.json', text: 'b', saveAs: true })).not.toBeNull();
    expect(ask).not.toHaveBeenCalled();
  });
});

describe('graphs named on the command line (Windows/Linux double-click)', () => {
  it('takes .json arguments, resolved against the working directory, and skips the executable and flags', () => {
    expect(graphPathsFromArgv(['/opt/NetLoom/netloom', '--no-sandbox', 'a.netloom.json', '/abs/b.json', 'notes.txt'], '/home/u')).toEqual([
      join('/home/u', 'a.netloom.json'),
      '/abs/b.json',
    ]);
    expect(graphPathsFromArgv(['/opt/NetLoom/netloom'], '/')).toEqual([]);
  });

  it('requests made before the page is ready are delivered in order once it is', () => {
    const queue = createOpenQueue();
    const got: string[] = [];
    queue.request('/a.json');
    queue.request('/b.json');
    queue.ready((p) => got.push(p));
    queue.request('/c.json');
    queue.pause();
    queue.request('/d.json');
    expect(got).toEqual(['/a.json', '/b.json', '/c.json']);
  });
});

describe('packaged layout', () => {
  it('starts the engine worker from app.asar.unpacked and reads the digits from resources', () => {
    const resources = join(sep, 'opt', 'NetLoom', 'resources');
    const layout = packagedLayout({ mainDir: join(resources, 'app.asar', 'dist', 'electron'), isPackaged: true, resourcesPath: resources });
    expect(layout).toEqual({
      engineWorker: join(resources, 'app.asar.unpacked', 'dist', 'electron', 'engine-worker.mjs'),
      mnistDir: join(resources, 'mnist-digits'),
    });
  });

  it('in development uses dist/electron and the mnist package', () => {
    expect(packagedLayout({ mainDir: '/repo/dist/electron', isPackaged: false, resourcesPath: '/x' })).toEqual({ engineWorker: join('/repo/dist/electron', 'engine-worker.mjs') });
  });
});

describe('shared Node resources (CLI and desktop worker)', () => {
  it('read MNIST digits from the given folder (the app resource), not the mnist package', async () => {
    const dir = await tempDir();
    for (let d = 0; d < 10; d++) await writeFile(join(dir, `${d}.json`), JSON.stringify({ data: Array(784).fill(d / 10) }));
    const digits = await createNodeResources('/', { mnistDir: dir }).mnistDigits();
    expect(digits).toHaveLength(10);
    expect(Array.from(digits[3]!).slice(0, 2)).toEqual([Math.fround(0.3), Math.fround(0.3)]);
  });

  it('a missing digit file is named in the error', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'empty'));
    await expect(createNodeResources('/', { mnistDir: join(dir, 'empty') }).mnistDigits()).rejects.toThrow(/[0-9]\.json cannot be read \(it is missing\)/);
  });

  it('CSV paths resolve against the base folder', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'data.csv'), 'x,y\n1,2\n');
    expect(await createNodeResources(dir).readText('data.csv')).toBe('x,y\n1,2\n');
  });
});

describe('opening a file over 50 MB', () => {
  it('is refused from its size, before it is read, with the size in the message', async () => {
    const docs = await tempDir();
    const path = join(docs, 'huge.json');
    const { truncate } = await import('node:fs/promises');
    await writeFile(path, '');
    await truncate(path, 51 * 1024 * 1024); // sparse: no real disk space needed
    const recent = await RecentFiles.load(await tempDir());
    const files = createFileActions({
      dialogs: { showOpenDialog: async () => ({ canceled: false, filePaths: [path] }), showSaveDialog: async () => ({ canceled: true }) },
      recent,
      defaultDir: docs,
    });
    await expect(files.open()).rejects.toThrow(/huge\.json is 51 MB; graph files over 50 MB are not opened/);
    expect(recent.list()).toEqual([]);
  });
});
