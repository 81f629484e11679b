import { dirname } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import type { MenuCommand } from '../../core/protocol/host';
import { ENGINE_MESSAGE_CHANNEL, MENU_COMMAND_CHANNEL } from '../ipc-contract';
import { EngineHost } from '../engine-host/engine-host';
import { attachDocumentWindow, type CloseChoice, type DocumentWindow } from './document-window';
import { createFileActions, type FileDialogs } from './file-actions';
import { registerIpcHandlers } from './ipc';
import { createLifecycle } from './lifecycle';
import { createOpenQueue, graphPathsFromArgv, type OpenQueue } from './open-requests';
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
  /** The MNIST digit files shipped as an app resource (packaged app); default: the `mnist` package. */
  mnistDir?: string;
  /** Graph files asked to open (argv, 'open-file', a second instance); main.ts feeds it from the start. */
  openQueue?: OpenQueue;
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
  const confirmReplace = async (fileName: string): Promise<boolean> => {
    const options = {
      type: 'warning' as const,
      buttons: ['Replace', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      message: `"${fileName}" already exists. Do you want to replace it?`,
      detail: 'Graphs are saved with the .json extension, so the name you typed would replace this file.',
    };
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return response === 0;
  };
  const documentsDir = app.getPath('documents');
  const files = createFileActions({ dialogs, recent, defaultDir: documentsDir, onRecentChanged: refreshMenu, confirmReplace });

  // Training runs live in worker threads; their frames go to the window as they come.
  const engine = new EngineHost({ workerUrl: paths.engineWorker, ...(paths.mnistDir !== undefined ? { mnistDir: paths.mnistDir } : {}) });
  engine.onMessage((message) => {
    if (window && !window.isDestroyed()) window.webContents.send(ENGINE_MESSAGE_CHANNEL, message);
  });
  const lifecycle = createLifecycle({ platform: process.platform, quit: () => app.quit(), stopAllRuns: () => engine.dispose() });
  app.on('before-quit', () => lifecycle.beforeQuit());
  app.on('will-quit', () => lifecycle.willQuit());

  /** Relative CSV paths resolve against the saved graph's folder (as in the CLI); unsaved: Documents. */
  let documentPath: string | undefined;
  /** Set by "Don't Save": a recovery write arriving while the window closes must not bring the edits back. */
  let discarded = false;
  const openQueue = paths.openQueue ?? createOpenQueue();
  let rendererReady = false;
  const openRequested = (path: string): void => {
    files.adopt(path).then(
      () => send('recent:0'),
      (err: unknown) => dialog.showErrorBox('NetLoom could not open the file', `${path}\n\n${(err as Error).message}`),
    );
  };

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
      'recovery:write': async (text) => {
        if (!discarded) await recovery.write(text);
      },
      'recovery:read': () => recovery.read(),
      'recovery:clear': () => recovery.clear(),
      'document:set-state': (state) => {
        documentPath = state.path !== undefined && files.mayUseWithoutDialog(state.path) ? state.path : undefined;
        documentWindow?.setState(state);
        // The first state report means the page's listeners are in place: files can be handed over.
        if (!rendererReady) {
          rendererReady = true;
          openQueue.ready(openRequested);
        }
      },
      'engine:start': (runId, graph, options) =>
        engine.start(runId, graph, options, { baseDir: documentPath ? dirname(documentPath) : documentsDir }),
      'engine:command': (command) => engine.command(command),
      // CSV paths resolve against the graph's folder, as for a run.
      'engine:predict': (command) => engine.predict(command, { baseDir: documentPath ? dirname(documentPath) : documentsDir }),
      'runs:save': (graphPath, text) => files.saveRuns(graphPath, text),
      'runs:read': (graphPath) => files.readRuns(graphPath),
      'edit:text': (action) => {
        if (window && !window.isDestroyed()) window.webContents[action]();
      },
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
    const created = createMainWindow({
      preloadPath: paths.preload,
      url: APP_ENTRY_URL,
      title: APP_NAME,
      onLoadFailure: { showError: (title, content) => dialog.showErrorBox(title, content), exit: (code) => app.exit(code) },
    });
    window = created;
    discarded = false;
    rendererReady = false;
    documentPath = undefined;
    documentWindow = attachDocumentWindow(created, {
      appName: APP_NAME,
      platform: process.platform,
      askToSave,
      send,
      onDiscard: async () => {
        discarded = true;
        await recovery.clear();
      },
      onCloseCancelled: () => lifecycle.closeCancelled(),
    });
    created.on('closed', () => {
      window = null;
      documentWindow = null;
      openQueue.pause();
      lifecycle.windowClosed();
    });
  };

  refreshMenu();
  openWindow();

  // A second launch (double-clicking another graph on Windows/Linux) hands its argv to this instance.
  app.on('second-instance', (_event: unknown, argv: string[], workingDirectory: string) => {
    for (const path of graphPathsFromArgv(argv, workingDirectory)) openQueue.request(path);
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // macOS keeps apps alive without windows; re-open one from the dock.
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.on('window-all-closed', () => lifecycle.windowAllClosed());
}
