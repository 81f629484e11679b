import type { DocumentState, ExportRequest, HostBridge, MenuCommand, OpenedFile, RecentFile, SaveRequest, SaveResult } from '../../core/protocol/host';
import { MAX_GRAPH_CHARS } from '../../core/graph/safety';

/**
 * HostBridge for a plain browser tab: files come from an <input type=file>, saving and exporting are
 * downloads, and crash recovery and the recent list live in localStorage. There is no native menu,
 * so menu commands only come from the toolbar (onMenuCommand never fires).
 */
const RECOVERY_KEY = 'netloom.recovery';
const RECENT_KEY = 'netloom.recent';
const RECENT_MAX = 8;

interface StoredRecent extends RecentFile {
  text: string;
}

export function createBrowserBridge(storage: Storage = window.localStorage): HostBridge {
  const readRecent = (): StoredRecent[] => {
    try {
      const list = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]') as unknown;
      return Array.isArray(list) ? (list as StoredRecent[]).filter((r) => typeof r?.name === 'string' && typeof r?.text === 'string') : [];
    } catch {
      return [];
    }
  };
  // A browser cannot reopen a file by path, so the recent list keeps the text it had (best effort).
  const remember = (name: string, text: string): void => {
    const entry: StoredRecent = { path: `browser:${name}`, name, text };
    const list = [entry, ...readRecent().filter((r) => r.path !== entry.path)].slice(0, RECENT_MAX);
    try {
      storage.setItem(RECENT_KEY, JSON.stringify(list));
    } catch {
      /* storage full: the recent list is a convenience */
    }
  };

  return {
    kind: 'browser',
    async openFile(): Promise<OpenedFile | null> {
      const file = await pickFile('.json,application/json');
      if (!file) return null;
      // Refused before reading: a graph is kilobytes, and a huge file would stall the tab.
      if (file.size > MAX_GRAPH_CHARS) throw new Error(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; graph files over ${MAX_GRAPH_CHARS / 1024 / 1024} MB are not opened`);
      const text = await file.text();
      remember(file.name, text);
      return { name: file.name, text };
    },
    async openRecent(path: string): Promise<OpenedFile | null> {
      const r = readRecent().find((x) => x.path === path);
      return r ? { name: r.name, text: r.text } : null;
    },
    async listRecent(): Promise<RecentFile[]> {
      return readRecent().map(({ path, name }) => ({ path, name }));
    },
    async saveFile(req: SaveRequest): Promise<SaveResult | null> {
      download(req.suggestedName, new Blob([req.text], { type: 'application/json' }));
      remember(req.suggestedName, req.text);
      return { name: req.suggestedName };
    },
    async exportFile(req: ExportRequest): Promise<boolean> {
      const body = req.encoding === 'base64' ? base64ToBytes(req.contents) : req.contents;
      download(req.suggestedName, new Blob([body as BlobPart], { type: 'application/octet-stream' }));
      return true;
    },
    async writeRecovery(text: string): Promise<void> {
      storage.setItem(RECOVERY_KEY, text);
    },
    async readRecovery(): Promise<string | null> {
      return storage.getItem(RECOVERY_KEY);
    },
    async clearRecovery(): Promise<void> {
      storage.removeItem(RECOVERY_KEY);
    },
    setDocumentState(state: DocumentState): void {
      document.title = `${state.dirty ? '● ' : ''}${state.name} — NetLoom`;
    },
    onMenuCommand(_listener: (command: MenuCommand) => void): () => void {
      return () => {};
    },
  };
}

/** Resolves with the chosen file, or null when the picker is cancelled. */
function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.dataset.testid = 'file-input';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
