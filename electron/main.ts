import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, protocol } from 'electron';
import { startApp } from './main/app';
import { APP_SCHEME_PRIVILEGES } from './main/protocol';

/*
 * Entry point, bundled to CommonJS as dist/electron/main.js by build/build-electron.mjs, so `__dirname`
 * is dist/electron both in development and inside the packaged asar (where examples/ sits two levels up).
 */

// Both must happen before `ready`: privileged schemes are fixed at startup, and the sandbox is
// enforced for every renderer, not only the ones that ask for it.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

// Lets the e2e tests (and portable setups) keep recent files and recovery snapshots in a chosen folder.
const userDataOverride = process.env.NETLOOM_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', userDataOverride);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(() =>
      startApp({
        preload: join(__dirname, 'preload.js'),
        engineWorker: pathToFileURL(join(__dirname, 'engine-worker.mjs')),
        rendererDir: join(__dirname, '..', 'renderer'),
        examplesDir: join(__dirname, '..', '..', 'examples'),
      }),
    )
    .catch((err: unknown) => {
      dialog.showErrorBox('NetLoom failed to start', err instanceof Error ? (err.stack ?? err.message) : String(err));
      app.exit(1);
    });
}
