import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createFileActions, type FileDialogs } from '../../electron/main/file-actions';
import { RecentFiles } from '../../electron/main/recent-files';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

async function setup(answers: { open?: string; save?: string } = {}) {
  const docs = await tempDir();
  const userData = await tempDir();
  const recent = await RecentFiles.load(userData);
  const dialogs: FileDialogs = {
    showOpenDialog: vi.fn(async () =>
      answers.open ? { canceled: false, filePaths: [answers.open] } : { canceled: true, filePaths: [] },
    ),
    showSaveDialog: vi.fn(async () => (answers.save ? { canceled: false, filePath: answers.save } : { canceled: true })),
  };
  const onRecentChanged = vi.fn();
  const files = createFileActions({ dialogs, recent, defaultDir: docs, onRecentChanged });
  return { docs, userData, recent, dialogs, files, onRecentChanged };
}

describe('file actions', () => {
  it('open returns the chosen file and remembers it in Open Recent', async () => {
    const docs = await tempDir();
    const path = join(docs, 'xor.json');
    await writeFile(path, '{"format":"netloom-graph"}');
    const { files, dialogs, userData, onRecentChanged } = await setup({ open: path });
    expect(await files.open()).toEqual({ path, name: 'xor.json', text: '{"format":"netloom-graph"}' });
    expect(vi.mocked(dialogs.showOpenDialog).mock.calls[0]?.[0].filters?.[0]?.extensions).toEqual(['json']);
    expect((await RecentFiles.load(userData)).list()).toEqual([{ path, name: 'xor.json' }]);
    expect(onRecentChanged).toHaveBeenCalled();
  });

  it('open returns null when the dialog is cancelled', async () => {
    const { files } = await setup();
    expect(await files.open()).toBeNull();
  });

  it('save with no path asks where, adds .json, writes atomically and keeps a .bak on the next save', async () => {
    const { docs, files, dialogs } = await setup();
    const chosen = join(docs, 'my-net');
    vi.mocked(dialogs.showSaveDialog).mockResolvedValue({ canceled: false, filePath: chosen });
    const first = await files.save({ suggestedName: 'Untitled.json', text: 'v1', saveAs: false });
    expect(first).toEqual({ path: `${chosen}.json`, name: 'my-net.json' });

    // Second save to the now-known path: no dialog.
    const second = await files.save({ path: `${chosen}.json`, suggestedName: 'my-net.json', text: 'v2', saveAs: false });
    expect(second?.path).toBe(`${chosen}.json`);
    expect(dialogs.showSaveDialog).toHaveBeenCalledOnce();
    expect(await readFile(`${chosen}.json`, 'utf8')).toBe('v2');
    expect(await readFile(`${chosen}.json.bak`, 'utf8')).toBe('v1');
  });

  it('refuses to write silently to a path the user never chose: it asks first', async () => {
    const { docs, files, dialogs } = await setup();
    const planted = join(docs, 'elsewhere.json');
    const result = await files.save({ path: planted, suggestedName: 'x.json', text: 'evil', saveAs: false });
    expect(result).toBeNull(); // dialog cancelled
    expect(dialogs.showSaveDialog).toHaveBeenCalledOnce();
    await expect(readFile(planted, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('Save As always asks, even for a known path', async () => {
    const docs = await tempDir();
    const path = join(docs, 'a.json');
    await writeFile(path, 'old');
    const { files, dialogs } = await setup({ open: path, save: join(docs, 'b.json') });
    await files.open();
    const result = await files.save({ path, suggestedName: 'a.json', text: 'new', saveAs: true });
    expect(result?.name).toBe('b.json');
    expect(dialogs.showSaveDialog).toHaveBeenCalledOnce();
    expect(await readFile(path, 'utf8')).toBe('old');
  });

  it('openRecent only opens paths in the recent list, and drops ones that vanished', async () => {
    const docs = await tempDir();
    const path = join(docs, 'gone.json');
    await writeFile(path, 'x');
    const { files, recent } = await setup({ open: path });
    await expect(files.openRecent('/etc/passwd')).rejects.toThrow('not in the recent files list');
    await files.open();
    expect((await files.openRecent(path))?.text).toBe('x');
    await rm(path);
    await expect(files.openRecent(path)).rejects.toThrow('no longer exists');
    expect(recent.has(path)).toBe(false);
  });

  it('export decodes base64 for binary formats and offers a matching filter', async () => {
    const docs = await tempDir();
    const target = join(docs, 'model.onnx');
    const { files, dialogs } = await setup({ save: target });
    const bytes = Buffer.from([8, 0, 255, 3]);
    const ok = await files.exportFile({ suggestedName: 'model.onnx', contents: bytes.toString('base64'), encoding: 'base64' });
    expect(ok).toBe(true);
    expect(Buffer.compare(await readFile(target), bytes)).toBe(0);
    expect(vi.mocked(dialogs.showSaveDialog).mock.calls[0]?.[0].filters?.[0]).toEqual({ name: 'ONNX model', extensions: ['onnx'] });
  });

  it('export returns false when cancelled', async () => {
    const { files } = await setup();
    expect(await files.exportFile({ suggestedName: 'model.py', contents: 'import torch', encoding: 'utf8' })).toBe(false);
  });
});
