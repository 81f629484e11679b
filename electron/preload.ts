import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './preload/bridge';

/**
 * Sandboxed preload (bundled to CommonJS by build/build-electron.mjs). The page sees only
 * `window.netloom`, an object implementing HostBridge; ipcRenderer itself stays in the isolated world.
 */
contextBridge.exposeInMainWorld('netloom', createBridge(ipcRenderer));
