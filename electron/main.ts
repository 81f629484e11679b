import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, protocol } from 'electron';
import { APP_NAME, startApp } from './main/app';
import { createOpenQueue, graphPathsFromArgv } from './main/open-requests';
import { packagedLayout } from './main/packaged-paths';
import { APP_SCHEME_PRIVILEGES } from './main/protocol';

/*
 * Entry point, bundled to CommonJS as dist/electron/main.js by build/build-electron.mjs, so `__dirname`
 * is dist/electron both in development and inside the packaged asar (where examples/ sits two levels up).
 */

// First of all: unpackaged, Electron calls the app "Electron", and the name decides the userData folder
// (settings, recent files, recovery) and the single-instance lock — shared with every other dev app.
app.setName(APP_NAME);
const userDataOverride = process.env.NETLOOM_USER_DATA_DIR;
// Lets the e2e tests (and portable setups) keep recent files and recovery snapshots in a chosen folder.
app.setPath('userData', userDataOverride || join(app.getPath('appData'), APP_NAME));

// Both must happen before `ready`: privileged schemes are fixed at startup, and the sandbox is
// enforced for every renderer, not only the ones that ask for it.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

// macOS delivers double-clicked files as 'open-file', possibly before `ready`: queue them from now on.
const openQueue = createOpenQueue();
app.on('open-file', (event, path) => {
  event.preventDefault();
  openQueue.request(path);
});

if (!app.requestSingleInstanceLock()) {
  // The running instance receives our argv in its 'second-instance' event and opens the files.
  app.quit();
} else {
  // Windows and Linux pass a double-clicked graph on the command line.
  for (const path of graphPathsFromArgv(process.argv, process.cwd())) openQueue.request(path);
  const layout = packagedLayout({ mainDir: __dirname, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath });
  app
    .whenReady()
    .then(() =>
      startApp({
        preload: join(__dirname, 'preload.js'),
        engineWorker: pathToFileURL(layout.engineWorker),
        rendererDir: join(__dirname, '..', 'renderer'),
        examplesDir: join(__dirname, '..', '..', 'examples'),
        ...(layout.mnistDir !== undefined ? { mnistDir: layout.mnistDir } : {}),
        openQueue,
      }),
    )
    .catch((err: unknown) => {
      dialog.showErrorBox('NetLoom failed to start', err instanceof Error ? (err.stack ?? err.message) : String(err));
      app.exit(1);
    });
}
