/**
 * When runs stop and when the app really quits. Electron's quit sequence is before-quit → every window
 * gets 'close' (a prevented close cancels the whole quit) → will-quit. So:
 * - runs are stopped only once a quit is certain (will-quit) or their window is gone, never in
 *   before-quit: a Cancel in the unsaved-changes prompt must leave them training;
 * - a quit that was interrupted by the prompt and then confirmed (Save or Don't Save) is resumed once
 *   the window has closed — on macOS nothing else would end the app;
 * - closing the last window on macOS keeps the app (dock) but stops that window's runs.
 */
export interface LifecycleDeps {
  platform: NodeJS.Platform;
  quit: () => void;
  stopAllRuns: () => void | Promise<void>;
}

export function createLifecycle(deps: LifecycleDeps) {
  let quitting = false;
  return {
    /** app 'before-quit': remember that the window is closing because of a quit. */
    beforeQuit(): void {
      quitting = true;
    },
    /** The user chose Cancel (or the save before closing failed): the quit is over. */
    closeCancelled(): void {
      quitting = false;
    },
    /** BrowserWindow 'closed'. */
    windowClosed(): void {
      void deps.stopAllRuns();
      if (quitting) deps.quit();
    },
    /** app 'window-all-closed'. */
    windowAllClosed(): void {
      if (deps.platform !== 'darwin') deps.quit();
    },
    /** app 'will-quit': the quit can no longer be cancelled. */
    willQuit(): void {
      void deps.stopAllRuns();
    },
    isQuitting: (): boolean => quitting,
  };
}
export type Lifecycle = ReturnType<typeof createLifecycle>;
