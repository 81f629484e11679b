import { BrowserWindow } from 'electron';
import { type LoadFailureDeps, watchLoadFailures } from './load-failure';
import { hardenWebContents, secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  title: string;
  /** What to do when the renderer cannot be loaded (the window would otherwise never be shown). */
  onLoadFailure: LoadFailureDeps;
}

/** The single app window: locked-down preferences, navigation and popups refused, shown once painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  hardenWebContents(window.webContents);
  watchLoadFailures(window.webContents, options.onLoadFailure);
  window.once('ready-to-show', () => window.show());
  // A failed load is reported through 'did-fail-load' above; the rejection itself carries nothing more.
  window.loadURL(options.url).catch(() => undefined);
  return window;
}
