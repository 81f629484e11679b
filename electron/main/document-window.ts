import type { DocumentState, MenuCommand } from '../../core/protocol/host';

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** The window calls this module makes; a BrowserWindow satisfies it. */
export interface DocumentWindowLike {
  setTitle(title: string): void;
  setDocumentEdited?(edited: boolean): void;
  close(): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface DocumentWindowDeps {
  appName: string;
  platform: NodeJS.Platform;
  /** Shows Save / Don't Save / Cancel for the named document. */
  askToSave: (documentName: string) => Promise<CloseChoice>;
  /** Sends a MenuCommand to the renderer (used to trigger its save flow). */
  send: (command: MenuCommand) => void;
  /** "Don't Save": the edits are thrown away on purpose, so their recovery snapshot must go too. */
  onDiscard?: () => void | Promise<void>;
  /** The close (and so any quit waiting on it) did not happen: Cancel, or the save before it failed. */
  onCloseCancelled?: () => void;
}

/** "xor.json • — NetLoom": the bullet is the unsaved marker. */
export function formatTitle(appName: string, state: DocumentState | null): string {
  if (!state) return appName;
  return `${state.name}${state.dirty ? ' •' : ''} — ${appName}`;
}

/**
 * Keeps the title in step with the renderer's document state and guards closing with unsaved changes.
 *
 * Choice made for "Save" in the close prompt: main cannot serialise the graph itself, so it sends the
 * ordinary 'save' command to the renderer and closes once the renderer reports `dirty: false`. If that
 * save is cancelled or fails (reported via `saveSettled(false)`), the pending close is dropped and the
 * window stays open — a later, unrelated save will not close it by surprise.
 */
export function attachDocumentWindow(window: DocumentWindowLike, deps: DocumentWindowDeps) {
  let state: DocumentState | null = null;
  let closeAfterSave = false;
  let closeConfirmed = false;
  let prompting = false;

  const closeNow = (): void => {
    closeConfirmed = true;
    window.close();
  };

  window.on('close', (event) => {
    if (closeConfirmed || !state?.dirty) return;
    event.preventDefault();
    if (prompting) return;
    prompting = true;
    const name = state.name;
    void deps
      .askToSave(name)
      .then(async (choice) => {
        if (choice === 'discard') {
          // A snapshot that cannot be removed must not keep the window open.
          await Promise.resolve(deps.onDiscard?.()).catch(() => undefined);
          closeNow();
        } else if (choice === 'save') {
          closeAfterSave = true;
          deps.send('save');
        } else deps.onCloseCancelled?.();
      })
      .finally(() => {
        prompting = false;
      });
  });

  window.setTitle(formatTitle(deps.appName, null));

  return {
    setState(next: DocumentState): void {
      state = next;
      window.setTitle(formatTitle(deps.appName, next));
      if (deps.platform === 'darwin') window.setDocumentEdited?.(next.dirty);
      if (closeAfterSave && !next.dirty) closeNow();
    },
    /** Report the outcome of a save request so a close waiting on it can proceed or be abandoned. */
    saveSettled(saved: boolean): void {
      if (!saved && closeAfterSave) {
        closeAfterSave = false;
        deps.onCloseCancelled?.();
      }
    },
    isDirty: (): boolean => state?.dirty ?? false,
  };
}
export type DocumentWindow = ReturnType<typeof attachDocumentWindow>;
