import { runsPathFor } from '../../core/runs/runs-file';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ExportRequest, OpenedFile, SaveRequest, SaveResult } from '../../core/protocol/host';
import { MAX_GRAPH_CHARS } from '../../core/graph/safety';
import { writeFileAtomic } from './atomic-write';
import type { RecentFiles } from './recent-files';

/** The dialog calls this module makes; main passes Electron's `dialog` bound to the window. */
export interface FileDialogs {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface FileActionDeps {
  dialogs: FileDialogs;
  recent: RecentFiles;
  /** Where dialogs start when the document has never been saved. */
  defaultDir: string;
  /** Called after the recent list changed so the Open Recent menu can be rebuilt. */
  onRecentChanged?: () => void;
  /**
   * Asks before replacing a file the native dialog did not warn about: the user typed `foo`, the app
   * saves `foo.json`, and `foo.json` already exists. Without it such a save is refused.
   */
  confirmReplace?: (fileName: string) => Promise<boolean>;
}

const JSON_FILTERS = [
  { name: 'NetLoom graph (JSON)', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

const EXPORT_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.json': { name: 'JSON', extensions: ['json'] },
  '.py': { name: 'Python', extensions: ['py'] },
  '.onnx': { name: 'ONNX model', extensions: ['onnx'] },
};

/**
 * Open, save and export. The renderer never chooses a path on its own: it may only write without a
 * dialog to a path the user picked in a dialog (this session) or that is in the recent list, and may
 * only reopen recent paths. Anything else goes through a native dialog first.
 */
export function createFileActions(deps: FileActionDeps) {
  const userChosen = new Set<string>();
  const mayUseWithoutDialog = (path: string): boolean => userChosen.has(path) || deps.recent.has(path);

  async function remember(path: string): Promise<void> {
    userChosen.add(path);
    await deps.recent.add({ path, name: basename(path) });
    deps.onRecentChanged?.();
  }

  async function readDocument(path: string): Promise<OpenedFile> {
    const info = await stat(path);
    if (!info.isFile()) throw new Error(`${basename(path)} is not a file`);
    // Refused before reading (characters ≤ bytes in UTF-8): graphs are kilobytes, and the renderer
    // would refuse the text anyway.
    if (info.size > MAX_GRAPH_CHARS) {
      throw new Error(`${basename(path)} is ${Math.round(info.size / 1024 / 1024)} MB; graph files over ${MAX_GRAPH_CHARS / 1024 / 1024} MB are not opened`);
    }
    const text = await readFile(path, 'utf8');
    await remember(path);
    return { path, name: basename(path), text };
  }

  return {
    mayUseWithoutDialog,

    async open(): Promise<OpenedFile | null> {
      const choice = await deps.dialogs.showOpenDialog({
        title: 'Open graph',
        defaultPath: deps.defaultDir,
        filters: JSON_FILTERS,
        properties: ['openFile'],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return null;
      return readDocument(path);
    },

    /**
     * A graph the OS asked us to open (double-click, `netloom file.netloom.json`): checked and put at
     * the top of Open Recent, so the renderer can open it with its ordinary recent-file flow (which asks
     * about unsaved changes first).
     */
    async adopt(path: string): Promise<void> {
      const info = await stat(path);
      if (!info.isFile()) throw new Error(`${basename(path)} is not a file`);
      await remember(path);
    },

    async openRecent(path: string): Promise<OpenedFile | null> {
      if (!deps.recent.has(path)) throw new Error('That file is not in the recent files list');
      try {
        return await readDocument(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          await deps.recent.remove(path);
          deps.onRecentChanged?.();
          throw new Error(`${basename(path)} no longer exists; it was removed from Open Recent`);
        }
        throw err;
      }
    },

    async save(req: SaveRequest): Promise<SaveResult | null> {
      let path = !req.saveAs && req.path && mayUseWithoutDialog(req.path) ? req.path : undefined;
      if (!path) {
        const choice = await deps.dialogs.showSaveDialog({
          title: req.saveAs ? 'Save graph as' : 'Save graph',
          defaultPath: req.path ?? join(deps.defaultDir, withExtension(basename(req.suggestedName), '.json')),
          filters: JSON_FILTERS,
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
        if (choice.canceled || !choice.filePath) return null;
        path = withExtension(choice.filePath, '.json');
        // The dialog's overwrite prompt was about the name as typed; the extension made it another file.
        if (path !== choice.filePath && (await exists(path))) {
          const replace = (await deps.confirmReplace?.(basename(path))) ?? false;
          if (!replace) return null;
        }
      }
      await writeFileAtomic(path, req.text, { backup: true });
      await remember(path);
      return { path, name: basename(path) };
    },

    /** Runs are saved next to a graph the user opened or saved: `<graph>.runs.json`, atomically. */
    async saveRuns(graphPath: string | undefined, text: string): Promise<boolean> {
      if (graphPath && mayUseWithoutDialog(graphPath)) {
        await writeFileAtomic(runsPathFor(graphPath), text, { backup: true });
        return true;
      }
      return this.exportFile({ suggestedName: 'runs.runs.json', contents: text, encoding: 'utf8' });
    },

    async readRuns(graphPath: string): Promise<string | null> {
      if (!mayUseWithoutDialog(graphPath)) throw new Error('Runs can only be read next to a graph you opened');
      try {
        return await readFile(runsPathFor(graphPath), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },

    async exportFile(req: ExportRequest): Promise<boolean> {
      const filter = EXPORT_FILTERS[extname(req.suggestedName).toLowerCase()];
      const choice = await deps.dialogs.showSaveDialog({
        title: 'Export',
        defaultPath: join(deps.defaultDir, basename(req.suggestedName)),
        filters: filter ? [filter, { name: 'All files', extensions: ['*'] }] : [{ name: 'All files', extensions: ['*'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (choice.canceled || !choice.filePath) return false;
      const data = req.encoding === 'base64' ? Buffer.from(req.contents, 'base64') : req.contents;
      await writeFileAtomic(choice.filePath, data);
      return true;
    },
  };
}
export type FileActions = ReturnType<typeof createFileActions>;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Users often type a bare name in the save dialog; give it the extension the filter promised. */
export function withExtension(path: string, ext: string): string {
  return extname(path) === '' ? `${path}${ext}` : path;
}
