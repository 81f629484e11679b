import { BrowserWindow } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  title: string;
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
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
