import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from './temp-dir';

/**
 * Electron mocked at the edge: just enough of app, BrowserWindow, ipcMain, protocol, session, Menu and
 * dialog for startApp() to run in plain Node, recording what it registers.
 */
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    userData: '',
    documents: '',
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    menus: [] as MenuItemConstructorOptions[][],
    windows: [] as FakeBrowserWindow[],
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
  };
  class FakeBrowserWindow {
    title = '';
    destroyed = false;
    sent: unknown[][] = [];
    listeners = new Map<string, Listener>();
    webContents = {
      mainFrame: { url: 'netloom://app/index.html' },
      send: (...args: unknown[]) => this.sent.push(args),
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
    };
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this);
    }
    loadURL = async () => undefined;
    once = () => this;
    on = (event: string, listener: Listener) => {
      this.listeners.set(event, listener);
      return this;
    };
    isDestroyed = () => this.destroyed;
    setTitle = (title: string) => {
      this.title = title;
    };
    setDocumentEdited = () => undefined;
    close = () => undefined;
  }
  const module = {
    app: {
      getPath: (name: string) => (name === 'userData' ? state.userData : state.documents),
      isPackaged: false,
      on: () => undefined,
      quit: () => undefined,
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    protocol: { handle: (scheme: string, handler: (r: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.permissionRequestHandler = h),
        setPermissionCheckHandler: (h: Listener) => (state.permissionCheckHandler = h),
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => state.menus.push(menu),
    },
    dialog: {
      showSaveDialog: vi.fn(),
      showOpenDialog: vi.fn(),
      showMessageBox: vi.fn(),
    },
  };
  return { state, module };
});
vi.mock('electron', () => electron.module);

const { startApp } = await import('../../electron/main/app');
const tempDir = useTempDirs();
const { state } = electron;

async function start() {
  const base = await tempDir();
  state.userData = join(base, 'userData');
  state.documents = join(base, 'docs');
  await mkdir(state.userData);
  await mkdir(state.documents);
  const rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  await startApp({ preload: join(base, 'preload.js'), engineWorker: new URL('../../electron/engine-host/worker-dev.mjs', import.meta.url), rendererDir, examplesDir: join(import.meta.dirname, '..', '..', 'examples') });
  const window = state.windows.at(-1)!;
  const invoke = async (channel: string, frame: { url: string }, ...args: unknown[]) =>
    state.ipcHandlers.get(channel)!({ sender: window.webContents, senderFrame: frame }, ...args);
  return { base, window, invoke, mainFrame: window.webContents.mainFrame };
}

const lastMenu = () => state.menus.at(-1)!;
const fileMenu = () => (lastMenu().find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[]);

beforeEach(() => {
  state.ipcHandlers.clear();
  state.protocolHandlers.clear();
  state.menus.length = 0;
  state.windows.length = 0;
  vi.mocked(electron.module.dialog.showSaveDialog).mockReset();
});

describe('startApp wiring', () => {
  it('serves the renderer folder over netloom:// with the CSP and hardens the session', async () => {
    await start();
    const res = await state.protocolHandlers.get('netloom')!(new Request('netloom://app/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const callback = vi.fn();
    state.permissionRequestHandler!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheckHandler!({}, 'media', 'netloom://app', {})).toBe(false);
  });

  it('opens one sandboxed window on the app URL', async () => {
    const { window } = await start();
    expect(state.windows).toHaveLength(1);
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });

  it('handles IPC from the window main frame and refuses the same call from any other frame', async () => {
    const { invoke, mainFrame } = await start();
    await invoke('recovery:write', mainFrame, 'snapshot');
    expect(await readFile(join(state.userData, 'recovery.netloom.json'), 'utf8')).toBe('snapshot');
    await expect(invoke('recovery:write', { url: 'netloom://app/index.html' }, 'from an iframe')).rejects.toThrow(
      /sender is not the NetLoom window/,
    );
    mainFrame.url = 'https://evil.example/';
    await expect(invoke('recovery:read', mainFrame)).rejects.toThrow(/sender is not the NetLoom window/);
    mainFrame.url = 'netloom://app/index.html';
    expect(await invoke('recovery:read', mainFrame)).toBe('snapshot');
  });

  it('document state drives the window title', async () => {
    const { invoke, mainFrame, window } = await start();
    await invoke('document:set-state', mainFrame, { name: 'xor.json', dirty: true });
    expect(window.title).toBe('xor.json • — NetLoom');
  });

  it('menu items reach the renderer, and a save updates Open Recent', async () => {
    const { invoke, mainFrame, window } = await start();
    const save = fileMenu().find((i) => i.label === 'Save')!;
    (save.click as () => void)();
    expect(window.sent).toEqual([['menu:command', 'save']]);

    const target = join(state.documents, 'saved.json');
    vi.mocked(electron.module.dialog.showSaveDialog).mockResolvedValue({ canceled: false, filePath: target } as never);
    const result = await invoke('file:save', mainFrame, { suggestedName: 'Untitled.json', text: '{"a":1}', saveAs: false });
    expect(result).toEqual({ path: target, name: 'saved.json' });
    expect(await readFile(target, 'utf8')).toBe('{"a":1}');
    const recent = fileMenu().find((i) => i.label === 'Open Recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent.map((r) => r.label)).toEqual(['saved.json']);
    expect(await invoke('recent:list', mainFrame)).toEqual([{ path: target, name: 'saved.json' }]);
  });

  it('lists the shipped examples under New from Template', async () => {
    await start();
    const templates = fileMenu().find((i) => i.label === 'New from Template')!.submenu as MenuItemConstructorOptions[];
    expect(templates.map((t) => t.id)).toContain('template:xor-mlp');
  });
});
