import type { MenuItemConstructorOptions } from 'electron';
import { vi } from 'vitest';

/**
 * Electron mocked at the edge for startApp(): app (with its events), BrowserWindow (with close/closed
 * like the real one), webContents editing commands, ipcMain, protocol, session, Menu and dialog.
 * Use with `vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron.module)`.
 */
type Listener = (...args: unknown[]) => unknown;

export class FakeBrowserWindow {
  title = '';
  destroyed = false;
  sent: unknown[][] = [];
  listeners = new Map<string, Listener[]>();
  contentsListeners = new Map<string, Listener>();
  webContents = {
    mainFrame: { url: 'netloom://app/index.html' },
    send: (...args: unknown[]) => this.sent.push(args),
    on: (event: string, listener: Listener) => this.contentsListeners.set(event, listener),
    setWindowOpenHandler: () => undefined,
    undo: vi.fn(),
    redo: vi.fn(),
    cut: vi.fn(),
    copy: vi.fn(),
    paste: vi.fn(),
    selectAll: vi.fn(),
    delete: vi.fn(),
  };
  constructor(readonly options: Record<string, unknown>) {
    fakeElectron.state.windows.push(this);
  }
  loadURL = async () => undefined;
  once = () => this;
  on = (event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  };
  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  focus = () => undefined;
  setTitle = (title: string) => {
    this.title = title;
  };
  setDocumentEdited = () => undefined;
  /** Like BrowserWindow.close(): 'close' may be prevented; otherwise the window goes and 'closed' fires. */
  close = () => {
    let prevented = false;
    for (const l of this.listeners.get('close') ?? []) l({ preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    for (const l of this.listeners.get('closed') ?? []) l();
  };
}

function createFake() {
  const state = {
    userData: '',
    documents: '',
    appListeners: new Map<string, Listener[]>(),
    ipcHandlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    menus: [] as MenuItemConstructorOptions[][],
    windows: [] as FakeBrowserWindow[],
  };
  const module = {
    app: {
      getPath: (name: string) => (name === 'userData' ? state.userData : state.documents),
      isPackaged: false,
      on: (event: string, listener: Listener) => state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    protocol: { handle: (scheme: string, handler: (r: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler) },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => state.menus.push(menu),
    },
    dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn(), showMessageBox: vi.fn(), showErrorBox: vi.fn() },
  };
  /** Fire an app event as Electron would. */
  const emitApp = (event: string, ...args: unknown[]) => {
    for (const l of state.appListeners.get(event) ?? []) l(...args);
  };
  const reset = () => {
    state.appListeners.clear();
    state.ipcHandlers.clear();
    state.protocolHandlers.clear();
    state.menus.length = 0;
    state.windows.length = 0;
    for (const fn of [module.app.quit, module.app.exit, ...Object.values(module.dialog)]) fn.mockReset();
  };
  return { state, module, emitApp, reset };
}

export const fakeElectron = createFake();
