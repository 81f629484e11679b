import { app, type BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import type { MenuCommand } from '../../core/protocol/host';
import { ENGINE_MESSAGE_CHANNEL, MENU_COMMAND_CHANNEL } from '../ipc-contract';
import { EngineHost } from '../engine-host/engine-host';
import { attachDocumentWindow, type CloseChoice, type DocumentWindow } from './document-window';
import { createFileActions, type FileDialogs } from './file-actions';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './protocol';
import { RecentFiles } from './recent-files';
import { createRecoveryStore } from './recovery';
import { hardenSession } from './security';
import { isTrustedSender } from './sender';
import { listTemplates } from './templates';
import { createMainWindow } from './window';

export const APP_NAME = 'NetLoom';

export interface AppPaths {
  preload: string;
  /** The bundled engine worker (one worker_thread per training run). */
  engineWorker: URL;
  rendererDir: string;
  examplesDir: string;
}

const CLOSE_CHOICES: readonly CloseChoice[] = ['save', 'discard', 'cancel'];

/**
 * Wires the pieces together after `ready`. Everything with behaviour lives in the modules it imports;
 * this function only connects them to Electron's singletons and to the one window.
 */
export async function startApp(paths: AppPaths): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));

  const userData = app.getPath('userData');
  const [recent, templates] = await Promise.all([RecentFiles.load(userData), listTemplates(paths.examplesDir)]);
  const recovery = createRecoveryStore(userData);

  let window: BrowserWindow | null = null;
  let documentWindow: DocumentWindow | null = null;

  const send = (command: MenuCommand): void => {
    if (window && !window.isDestroyed()) window.webContents.send(MENU_COMMAND_CHANNEL, command);
  };

  const refreshMenu = (): void => {
    const template = buildMenuTemplate({
      appName: APP_NAME,
      platform: process.platform,
      templates,
      recent: recent.list(),
      send,
      devTools: !app.isPackaged,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  // Dialogs are modal to the window when there is one.
  const dialogs: FileDialogs = {
    showOpenDialog: (options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
  };
  const files = createFileActions({ dialogs, recent, defaultDir: app.getPath('documents'), onRecentChanged: refreshMenu });

  // Training runs live in worker threads; their frames go to the window as they come.
  const engine = new EngineHost({ workerUrl: paths.engineWorker });
  engine.onMessage((message) => {
    if (window && !window.isDestroyed()) window.webContents.send(ENGINE_MESSAGE_CHANNEL, message);
  });
  app.on('before-quit', () => void engine.dispose());

  registerIpcHandlers(
    ipcMain,
    {
      'file:open': () => files.open(),
      'file:open-recent': (path) => files.openRecent(path),
      'recent:list': () => recent.list(),
      'file:save': async (request) => {
        try {
          const result = await files.save(request);
          documentWindow?.saveSettled(result !== null);
          return result;
        } catch (err) {
          documentWindow?.saveSettled(false);
          throw err;
        }
      },
      'file:export': (request) => files.exportFile(request),
      'recovery:write': (text) => recovery.write(text),
      'recovery:read': () => recovery.read(),
      'recovery:clear': () => recovery.clear(),
      'document:set-state': (state) => documentWindow?.setState(state),
      'engine:start': (runId, graph, options) => engine.start(runId, graph, options),
      'engine:command': (command) => engine.command(command),
      'runs:save': (graphPath, text) => files.saveRuns(graphPath, text),
      'runs:read': (graphPath) => files.readRuns(graphPath),
    },
    (event) => isTrustedSender(event, window),
  );

  const askToSave = async (name: string): Promise<CloseChoice> => {
    const options = {
      type: 'warning' as const,
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: `Do you want to save the changes you made to ${name}?`,
      detail: "Your changes will be lost if you don't save them.",
    };
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return CLOSE_CHOICES[response] ?? 'cancel';
  };

  const openWindow = (): void => {
    const created = createMainWindow({ preloadPath: paths.preload, url: APP_ENTRY_URL, title: APP_NAME });
    window = created;
    documentWindow = attachDocumentWindow(created, { appName: APP_NAME, platform: process.platform, askToSave, send });
    created.on('closed', () => {
      window = null;
      documentWindow = null;
    });
  };

  refreshMenu();
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // macOS keeps apps alive without windows; re-open one from the dock.
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
