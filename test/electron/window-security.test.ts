import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The Electron edge: a BrowserWindow fake that records its options and event listeners. */
const electron = vi.hoisted(() => {
  class FakeWebContents {
    listeners = new Map<string, (...args: unknown[]) => void>();
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    on(event: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(event, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    loadedUrl = '';
    shown = false;
    onceListeners = new Map<string, () => void>();
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    once(event: string, listener: () => void) {
      this.onceListeners.set(event, listener);
      return this;
    }
    show() {
      this.shown = true;
    }
  }
  return { FakeBrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.FakeBrowserWindow }));

const { createMainWindow } = await import('../../electron/main/window');
const { hardenSession } = await import('../../electron/main/security');

const loadFailure = { showError: vi.fn(), exit: vi.fn() };

function open() {
  createMainWindow({ preloadPath: '/app/dist/electron/preload.js', url: 'netloom://app/index.html', title: 'NetLoom', onLoadFailure: loadFailure });
  const win = electron.FakeBrowserWindow.created.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

beforeEach(() => {
  electron.FakeBrowserWindow.created.length = 0;
  loadFailure.showError.mockReset();
  loadFailure.exit.mockReset();
});

describe('a renderer that fails to load', () => {
  it('shows an error naming what failed and exits, instead of leaving an invisible window', () => {
    const win = open();
    const failLoad = win.webContents.listeners.get('did-fail-load')!;
    failLoad({}, -6, 'ERR_FILE_NOT_FOUND', 'netloom://app/index.html', true);
    expect(loadFailure.showError).toHaveBeenCalledOnce();
    expect(loadFailure.showError.mock.calls[0]![1]).toMatch(/netloom:\/\/app\/index\.html.*ERR_FILE_NOT_FOUND/);
    expect(loadFailure.exit).toHaveBeenCalledWith(1);
    failLoad({}, -6, 'ERR_FILE_NOT_FOUND', 'netloom://app/index.html', true);
    expect(loadFailure.showError).toHaveBeenCalledOnce();
  });

  it('ignores sub-frame failures and aborted loads (a refused navigation)', () => {
    const win = open();
    const failLoad = win.webContents.listeners.get('did-fail-load')!;
    failLoad({}, -6, 'ERR_FILE_NOT_FOUND', 'netloom://app/frame.html', false);
    failLoad({}, -3, 'ERR_ABORTED', 'netloom://app/index.html', true);
    expect(loadFailure.showError).not.toHaveBeenCalled();
    expect(loadFailure.exit).not.toHaveBeenCalled();
  });

  it('a rejected loadURL is not left unhandled', async () => {
    const rejections: unknown[] = [];
    const onRejection = (r: unknown) => rejections.push(r);
    process.on('unhandledRejection', onRejection);
    const original = electron.FakeBrowserWindow.prototype.loadURL;
    electron.FakeBrowserWindow.prototype.loadURL = () => Promise.reject(new Error('ERR_FAILED'));
    try {
      open();
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      electron.FakeBrowserWindow.prototype.loadURL = original;
      process.off('unhandledRejection', onRejection);
    }
    expect(rejections).toEqual([]);
  });
});

describe('main window', () => {
  it('is created with the locked-down webPreferences and our preload', () => {
    const win = open();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('loads the app over the custom protocol, never file://, and shows once ready', () => {
    const win = open();
    expect(win.loadedUrl).toBe('netloom://app/index.html');
    expect(win.shown).toBe(false);
    win.onceListeners.get('ready-to-show')?.();
    expect(win.shown).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is prevented', (eventName) => {
    const win = open();
    const listener = win.webContents.listeners.get(eventName);
    expect(listener).toBeTypeOf('function');
    const event = { preventDefault: vi.fn() };
    listener?.(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies window.open for every URL, even our own origin', () => {
    const win = open();
    for (const url of ['https://evil.example/', 'netloom://app/index.html', 'file:///etc/passwd']) {
      expect(win.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });
});

describe('session permissions', () => {
  it('denies every permission request and check', () => {
    let requestHandler: ((...args: unknown[]) => void) | null = null;
    let checkHandler: ((...args: unknown[]) => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: ((h: typeof requestHandler) => {
        requestHandler = h;
      }) as never,
      setPermissionCheckHandler: ((h: typeof checkHandler) => {
        checkHandler = h;
      }) as never,
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(checkHandler!({}, permission, 'netloom://app', {})).toBe(false);
    }
  });
});
