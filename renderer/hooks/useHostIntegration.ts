import { useEffect } from 'react';
import { useServices } from '../app/context';
import type { CommandRunner } from '../app/commands';
import { isDirty } from '../state/document-store';
import { encodeRecovery, decodeRecovery } from '../state/recovery';
import { commandForKey, isTextEntry } from '../state/shortcuts';

export const AUTOSAVE_MS = 3000;

/** Keyboard shortcuts on the window, except while typing in a field. */
export function useShortcuts(runner: CommandRunner): void {
  useEffect(() => {
    const mac = /Mac|iPhone|iPad/.test(navigator.platform);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const cmd = commandForKey(e, mac);
      if (!cmd) return;
      e.preventDefault();
      void runner.run(cmd, 'keyboard');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runner]);
}

/** Native menu items (Electron) arrive as MenuCommand. */
export function useMenuCommands(runner: CommandRunner): void {
  const { bridge } = useServices();
  useEffect(() => bridge.onMenuCommand((cmd) => void runner.run(cmd, 'menu')), [bridge, runner]);
}

/** The window title follows the file name and the unsaved marker. */
export function useDocumentState(): void {
  const { bridge, store } = useServices();
  useEffect(() => {
    let last = '';
    const push = () => {
      const st = store.getState();
      const state = { name: st.file.name, dirty: isDirty(st), ...(st.file.path !== undefined ? { path: st.file.path } : {}) };
      const key = `${state.name}\u0000${state.dirty}\u0000${state.path ?? ''}`;
      if (key === last) return;
      last = key;
      bridge.setDocumentState(state);
    };
    push();
    return store.subscribe(push);
  }, [bridge, store]);
}

/**
 * While there are unsaved changes, write them to the recovery store every few seconds (and when the
 * page is being hidden or closed). Once saved, the recovery copy is cleared.
 */
export function useAutosave(): void {
  const { bridge, store } = useServices();
  useEffect(() => {
    let written: unknown = null;
    const flush = () => {
      const st = store.getState();
      if (isDirty(st)) {
        if (st.graph === written) return;
        written = st.graph;
        const { name, path } = st.file;
        void bridge.writeRecovery(encodeRecovery({ graph: st.graph, fileName: name, ...(path !== undefined ? { filePath: path } : {}), savedAt: new Date().toISOString() }));
      } else if (written !== null) {
        written = null;
        void bridge.clearRecovery();
      }
    };
    const timer = setInterval(flush, AUTOSAVE_MS);
    window.addEventListener('pagehide', flush);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', flush);
    };
  }, [bridge, store]);
}

/** At start-up: if the last session left unsaved work, offer it (the banner decides). */
export function useRecoveryOffer(): void {
  const { bridge, ui } = useServices();
  useEffect(() => {
    let live = true;
    void bridge.readRecovery().then((text) => {
      const record = text ? decodeRecovery(text) : null;
      if (live && record) ui.set((u) => ({ ...u, recovery: record }));
    });
    return () => {
      live = false;
    };
  }, [bridge, ui]);
}
