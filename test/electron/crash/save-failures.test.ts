import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../temp-dir';

/**
 * Saving where it cannot succeed: a read-only folder and a full disk. The disk is simulated at the
 * file-system edge (ENOSPC from the write, EROFS/EACCES from creating the temp file) so the test does
 * not depend on being root or on filling a real disk; a real read-only folder is used too where the
 * test does not run as root (root ignores permissions).
 */
const fault = vi.hoisted(() => ({ open: null as NodeJS.ErrnoException | null, write: null as NodeJS.ErrnoException | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof real.open>) => {
    if (fault.open && String(args[1]) === 'wx') throw fault.open;
    const handle = await real.open(...args);
    if (!fault.write) return handle;
    const failing = Object.create(handle) as typeof handle;
    failing.writeFile = async () => {
      await handle.writeFile('partial'); // some bytes reach the temp file before the disk fills
      throw fault.write;
    };
    failing.close = () => handle.close();
    failing.sync = () => handle.sync();
    return failing;
  };
  return { ...real, open, default: { ...real, open } };
});

const { createFileActions } = await import('../../../electron/main/file-actions');
const { RecentFiles } = await import('../../../electron/main/recent-files');
const tempDir = useTempDirs();
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
afterEach(() => {
  fault.open = null;
  fault.write = null;
});

async function setup() {
  const docs = await tempDir();
  const target = join(docs, 'graph.json');
  await writeFile(target, 'the saved version');
  const recent = await RecentFiles.load(await tempDir());
  const files = createFileActions({
    dialogs: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: false, filePath: target }) },
    recent,
    defaultDir: docs,
  });
  return { docs, target, files, recent };
}

describe('saving fails', () => {
  it('a full disk (ENOSPC) reports the error and leaves the old file whole, with no temp file behind', async () => {
    const { docs, target, files } = await setup();
    fault.write = errno('ENOSPC');
    await expect(files.save({ suggestedName: 'graph.json', text: 'new version', saveAs: true })).rejects.toThrow(/ENOSPC/);
    expect(await readFile(target, 'utf8')).toBe('the saved version');
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(docs)).sort()).toEqual(['graph.json']);
  });

  it.each(['EROFS', 'EACCES'])('a read-only folder (%s) reports the error and changes nothing', async (code) => {
    const { target, files, recent } = await setup();
    fault.open = errno(code);
    await expect(files.save({ suggestedName: 'graph.json', text: 'new version', saveAs: true })).rejects.toThrow(new RegExp(code));
    expect(await readFile(target, 'utf8')).toBe('the saved version');
    expect(recent.list()).toEqual([]); // a failed save is not a recent file
  });

  it.runIf(process.getuid?.() !== 0)('a real read-only folder', async () => {
    const { docs, target, files } = await setup();
    await chmod(docs, 0o555);
    try {
      await expect(files.save({ suggestedName: 'graph.json', text: 'new', saveAs: true })).rejects.toThrow(/EACCES|EPERM/);
      expect(await readFile(target, 'utf8')).toBe('the saved version');
    } finally {
      await chmod(docs, 0o755);
    }
  });
});

describe('opening a file from a newer NetLoom', () => {
  it('is read without being touched, and refused with a message saying to update', async () => {
    const { target, recent, docs } = await setup();
    const newer = JSON.stringify({ format: 'netloom-graph', version: 99, name: 'from the future', nodes: [], edges: [] });
    await writeFile(target, newer);
    const before = await stat(target);
    const files = createFileActions({
      dialogs: { showOpenDialog: async () => ({ canceled: false, filePaths: [target] }), showSaveDialog: async () => ({ canceled: true }) },
      recent,
      defaultDir: docs,
    });
    const opened = await files.open();
    const { parseGraphText } = await import('../../../core/graph/io');
    expect(parseGraphText(opened!.text)).toMatchObject({
      ok: false,
      problems: [{ path: 'version', message: expect.stringMatching(/version 99, newer than this NetLoom understands.*update NetLoom/) }],
    });
    expect(await readFile(target, 'utf8')).toBe(newer);
    expect((await stat(target)).mtimeMs).toBe(before.mtimeMs);
  });
});
