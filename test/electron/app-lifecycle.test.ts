import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron } from './fake-electron';
import { useTempDirs } from './temp-dir';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron.module);

/** The engine host replaced by a recorder: these tests are about when runs start and stop. */
const engine = vi.hoisted(() => ({ starts: [] as unknown[][], disposals: 0 }));
vi.mock('../../electron/engine-host/engine-host', () => ({
  EngineHost: class {
    onMessage() {
      return () => undefined;
    }
    start(...args: unknown[]) {
      engine.starts.push(args);
    }
    command() {}
    async dispose() {
      engine.disposals += 1;
    }
  },
}));

const { startApp } = await import('../../electron/main/app');
const { createOpenQueue } = await import('../../electron/main/open-requests');
const tempDir = useTempDirs();
const { state, module: electron, emitApp } = fakeElectron;
const flush = () => new Promise((r) => setTimeout(r, 5));

async function start(platform: NodeJS.Platform = 'linux', reuseBase?: string) {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  const base = reuseBase ?? (await tempDir());
  state.userData = join(base, 'userData');
  state.documents = join(base, 'docs');
  await mkdir(state.userData, { recursive: true });
  await mkdir(state.documents, { recursive: true });
  const openQueue = createOpenQueue();
  await startApp({ preload: join(base, 'preload.js'), engineWorker: new URL('file:///worker.mjs'), rendererDir: base, examplesDir: base, openQueue });
  const window = state.windows.at(-1)!;
  const invoke = async (channel: string, ...args: unknown[]) =>
    state.ipcHandlers.get(channel)!({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...args);
  const answer = (response: number) => vi.mocked(electron.dialog.showMessageBox).mockResolvedValue({ response, checkboxChecked: false } as never);
  return { base, window, invoke, answer, openQueue };
}

const realPlatform = process.platform;
beforeEach(() => {
  fakeElectron.reset();
  engine.starts.length = 0;
  engine.disposals = 0;
  return () => Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
});

describe('quitting with unsaved changes', () => {
  it('Cancel keeps the runs training and the app running', async () => {
    const { window, invoke, answer } = await start();
    await invoke('document:set-state', { name: 'a.json', dirty: true });
    answer(2);
    emitApp('before-quit');
    window.close(); // Electron closes each window after before-quit
    await flush();
    expect(window.destroyed).toBe(false);
    expect(engine.disposals).toBe(0);
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it("Don't Save on macOS closes the window and then really quits; runs stop", async () => {
    const { window, invoke, answer } = await start('darwin');
    await invoke('document:set-state', { name: 'a.json', dirty: true });
    answer(1);
    emitApp('before-quit');
    window.close();
    await vi.waitFor(() => expect(window.destroyed).toBe(true));
    expect(engine.disposals).toBeGreaterThan(0);
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('Save on macOS quits once the renderer reports the document saved', async () => {
    const { window, invoke, answer } = await start('darwin');
    await invoke('document:set-state', { name: 'a.json', dirty: true });
    answer(0);
    emitApp('before-quit');
    window.close();
    await flush();
    expect(window.sent).toContainEqual(['menu:command', 'save']);
    expect(electron.app.quit).not.toHaveBeenCalled();
    await invoke('document:set-state', { name: 'a.json', dirty: false });
    expect(window.destroyed).toBe(true);
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('after a cancelled quit, closing the window on macOS does not quit the app', async () => {
    const { window, invoke, answer } = await start('darwin');
    await invoke('document:set-state', { name: 'a.json', dirty: true });
    answer(2);
    emitApp('before-quit');
    window.close();
    await flush();
    answer(1);
    window.close(); // the red button later: Don't Save
    await vi.waitFor(() => expect(window.destroyed).toBe(true));
    expect(electron.app.quit).not.toHaveBeenCalled();
    emitApp('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('will-quit stops every run', async () => {
    await start();
    emitApp('will-quit');
    expect(engine.disposals).toBe(1);
  });
});

describe('closing the last window on macOS', () => {
  it('stops its runs even though the app stays in the dock', async () => {
    const { window } = await start('darwin');
    window.close();
    expect(window.destroyed).toBe(true);
    expect(engine.disposals).toBe(1);
    expect(electron.app.quit).not.toHaveBeenCalled();
  });
});

describe("Don't Save", () => {
  it('removes the recovery snapshot, and a late autosave cannot bring it back', async () => {
    const { window, invoke, answer } = await start();
    await invoke('recovery:write', 'unsaved edits');
    await invoke('document:set-state', { name: 'a.json', dirty: true });
    answer(1);
    // The page's pagehide autosave arrives while the confirmed close is under way.
    const realClose = window.close;
    let late: Promise<unknown> | null = null;
    let closes = 0;
    window.close = () => {
      closes += 1;
      if (closes === 2) late = invoke('recovery:write', 'written by pagehide while closing');
      realClose();
    };
    window.close();
    await vi.waitFor(() => expect(window.destroyed).toBe(true));
    await late;
    expect(late).not.toBeNull();
    expect(await readFile(join(state.userData, 'recovery.netloom.json'), 'utf8').catch(() => null)).toBeNull();
  });
});

describe('after a crash', () => {
  it('the next start reads back the unsaved edits the last one autosaved', async () => {
    const first = await start();
    await first.invoke('document:set-state', { name: 'a.json', dirty: true });
    await first.invoke('recovery:write', '{"unsaved":"edits"}');
    // The process dies here: no close, no quit, nothing cleaned up. A new one starts on the same folders.
    fakeElectron.reset();
    const second = await start('linux', first.base);
    expect(await second.invoke('recovery:read')).toBe('{"unsaved":"edits"}');
  });
});

describe('CSV paths of a run', () => {
  it('resolve against the saved graph folder, not the working directory', async () => {
    const { invoke, base } = await start();
    const graphPath = join(base, 'docs', 'my.json');
    vi.mocked(electron.dialog.showSaveDialog).mockResolvedValue({ canceled: false, filePath: graphPath } as never);
    await invoke('file:save', { suggestedName: 'my.json', text: '{}', saveAs: true });
    await invoke('document:set-state', { name: 'my.json', dirty: false, path: graphPath });
    await invoke('engine:start', 'r1', {}, {});
    expect(engine.starts.at(-1)![3]).toEqual({ baseDir: join(base, 'docs') });
  });

  it('an unsaved graph uses the Documents folder; a path the user never chose is not trusted', async () => {
    const { invoke } = await start();
    await invoke('document:set-state', { name: 'x.json', dirty: true, path: '/etc/x.json' });
    await invoke('engine:start', 'r1', {}, {});
    expect(engine.starts.at(-1)![3]).toEqual({ baseDir: state.documents });
  });
});

describe('Edit menu while a text field has focus', () => {
  it.each(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'delete'] as const)('%s runs the native webContents command', async (action) => {
    const { window, invoke } = await start();
    await invoke('edit:text', action);
    expect(window.webContents[action]).toHaveBeenCalledOnce();
  });

  it('refuses anything that is not an edit command', async () => {
    const { invoke } = await start();
    await expect(invoke('edit:text', 'reload')).rejects.toThrow(/Invalid arguments for 'edit:text'/);
  });
});

describe('opening a graph from the OS (double-click, second instance)', () => {
  it('waits until the page listens, then opens it through Open Recent', async () => {
    const { window, invoke, openQueue, base } = await start();
    const graph = join(base, 'docs', 'sent.netloom.json');
    await writeFile(graph, '{}');
    openQueue.request(graph);
    await flush();
    expect(window.sent).toEqual([]);
    await invoke('document:set-state', { name: 'Untitled.json', dirty: false });
    await vi.waitFor(() => expect(window.sent).toContainEqual(['menu:command', 'recent:0']));
    expect(((await invoke('recent:list')) as unknown[])[0]).toEqual({ path: graph, name: 'sent.netloom.json' });
  });

  it("a second instance's argv is opened in the running window", async () => {
    const { window, invoke, base } = await start();
    await invoke('document:set-state', { name: 'Untitled.json', dirty: false });
    await writeFile(join(base, 'docs', 'b.netloom.json'), '{}');
    emitApp('second-instance', {}, ['/opt/NetLoom/netloom', '--flag', 'b.netloom.json'], join(base, 'docs'));
    await vi.waitFor(() => expect(window.sent).toContainEqual(['menu:command', 'recent:0']));
  });

  it('a file that cannot be opened is reported', async () => {
    const { invoke, openQueue, base } = await start();
    await invoke('document:set-state', { name: 'Untitled.json', dirty: false });
    openQueue.request(join(base, 'missing.netloom.json'));
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalled());
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('NetLoom could not open the file', expect.stringContaining('missing.netloom.json'));
    expect(await readFile(join(state.userData, 'recent-files.json'), 'utf8').catch(() => 'none')).toBe('none');
  });
});
