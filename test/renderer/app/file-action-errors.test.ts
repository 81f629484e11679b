import { describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '../../../core/protocol/host';
import { createConnectingStore, createUiStore } from '../../../renderer/app/ui-state';
import { createFileActions } from '../../../renderer/app/file-actions';
import { createDocumentStore } from '../../../renderer/state/document-store';

/** A host whose file calls fail the way the desktop main process reports them. */
function setup(overrides: Partial<HostBridge>) {
  const bridge = {
    kind: 'electron',
    openFile: vi.fn(async () => null),
    openRecent: vi.fn(async () => null),
    listRecent: vi.fn(async () => [{ path: '/docs/gone.json', name: 'gone.json' }]),
    saveFile: vi.fn(async () => null),
    exportFile: vi.fn(async () => false),
    writeRecovery: vi.fn(async () => undefined),
    readRecovery: vi.fn(async () => null),
    clearRecovery: vi.fn(async () => undefined),
    setDocumentState: vi.fn(),
    onMenuCommand: vi.fn(() => () => undefined),
    ...overrides,
  } as HostBridge;
  const store = createDocumentStore();
  const ui = createUiStore();
  const files = createFileActions({ bridge, store, ui, connecting: createConnectingStore() });
  return { files, store, ui, graphBefore: store.getState().graph };
}

describe('file errors reach the user (desktop Open, Open Recent, Import)', () => {
  it('Open shows why the file could not be read and keeps the current graph', async () => {
    const { files, ui, store, graphBefore } = setup({ openFile: vi.fn(async () => Promise.reject(new Error('big.json is too large to open'))) });
    await files.open();
    expect(ui.get().toast).toMatchObject({ tone: 'error', text: expect.stringContaining('big.json is too large to open') });
    expect(store.getState().graph).toBe(graphBefore);
  });

  it('a missing recent file says so (the host has already dropped it from the list)', async () => {
    const { files, ui } = setup({
      openRecent: vi.fn(async () => Promise.reject(new Error('gone.json no longer exists; it was removed from Open Recent'))),
    });
    await files.openRecent(0);
    expect(ui.get().toast).toMatchObject({ tone: 'error', text: expect.stringContaining('gone.json no longer exists') });
  });

  it('Import reports a read error instead of failing silently', async () => {
    const { files, ui } = setup({ openFile: vi.fn(async () => Promise.reject(new Error('EACCES: permission denied'))) });
    await files.importJson();
    expect(ui.get().toast).toMatchObject({ tone: 'error', text: expect.stringContaining('permission denied') });
  });
});

describe('nothing lost when saving fails or a file is from a newer version', () => {
  it('a failed save (read-only folder, full disk) shows the error and keeps the graph marked unsaved', async () => {
    const { files, store, ui } = setup({ saveFile: vi.fn(async () => Promise.reject(new Error('ENOSPC: no space left on device'))) });
    store.edit((g) => ({ ...g, name: 'edited' }));
    const { isDirty } = await import('../../../renderer/state/document-store');
    expect(isDirty(store.getState())).toBe(true);
    await files.save();
    expect(ui.get().toast).toMatchObject({ tone: 'error', text: expect.stringContaining('no space left') });
    expect(isDirty(store.getState())).toBe(true);
  });

  it('a newer-version file is refused with its problem and neither saved nor written to recovery', async () => {
    const newer = JSON.stringify({ format: 'netloom-graph', version: 99, nodes: [], edges: [] });
    const saveFile = vi.fn(async () => null);
    const writeRecovery = vi.fn(async () => undefined);
    const { files, store, ui, graphBefore } = setup({ openFile: vi.fn(async () => ({ path: '/d/future.json', name: 'future.json', text: newer })), saveFile, writeRecovery });
    await files.open();
    expect(ui.get().dialog).toMatchObject({ kind: 'import-problems', fileName: 'future.json', problems: [{ path: 'version', message: expect.stringMatching(/newer than this NetLoom/) }] });
    expect(store.getState().graph).toBe(graphBefore);
    expect(store.getState().file.path).toBeUndefined();
    expect(saveFile).not.toHaveBeenCalled();
    expect(writeRecovery).not.toHaveBeenCalled();
  });
});
