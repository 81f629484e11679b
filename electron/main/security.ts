import type { Session, WebContents, WebPreferences } from 'electron';

/**
 * The renderer is treated as untrusted web content: no Node, an isolated world for the preload, the
 * OS-level sandbox, and normal same-origin rules. Only the preload's typed bridge crosses over.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // Middle-click (auxclick) on a link would otherwise ask for a new window; popups are denied anyway.
    disableBlinkFeatures: 'Auxclick',
  };
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * The app is a single page that never needs to leave `netloom://app`: every navigation and every
 * popup is refused, so a stray link or injected script cannot load remote content into a window that
 * holds the bridge.
 */
export function hardenWebContents(contents: HardenableContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

/** Camera, notifications, geolocation, clipboard-read …: the app needs none of them, so all are denied. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
