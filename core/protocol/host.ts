import { z } from 'zod';
import type { EngineCommand, EngineMessage, RunOptions } from './engine';
import type { PredictAnswer, PredictCommand } from './predict';

/**
 * The one interface through which the renderer reaches its host. The Electron preload implements it
 * over IPC; browser mode implements it with a file picker, downloads, localStorage and a Web Worker.
 * Payloads that cross a process boundary are validated with the schemas below where they arrive.
 */
export const HOST_PROTOCOL_VERSION = 1;

export const MENU_COMMANDS = [
  'new', 'open', 'save', 'save-as', 'import-json', 'import-onnx', 'export-json', 'export-pytorch', 'export-keras', 'export-onnx',
  'undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'select-all',
  'fit-view', 'zoom-in', 'zoom-out', 'toggle-minimap', 'layout', 'about',
  'lessons', 'activation-explorer',
] as const;
export const MenuCommand = z.union([
  z.enum(MENU_COMMANDS),
  /** New from template: `template:<example file name without .json>`. */
  z.string().regex(/^template:[A-Za-z0-9_-]+$/),
  /** Open Recent: `recent:<index>`. */
  z.string().regex(/^recent:\d+$/),
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

/**
 * Edit actions on the focused text field, done by the host's own editing commands (Electron's
 * webContents.paste() etc.): `document.execCommand` cannot paste, and on macOS does not undo reliably.
 */
export const TEXT_EDIT_ACTIONS = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'delete'] as const;
export const TextEditAction = z.enum(TEXT_EDIT_ACTIONS);
export type TextEditAction = z.infer<typeof TextEditAction>;

export const OpenedFile = z.object({
  /** Absolute path on disk (Electron) — absent in browser mode. */
  path: z.string().optional(),
  name: z.string(),
  text: z.string(),
});
export type OpenedFile = z.infer<typeof OpenedFile>;

export const SaveRequest = z.object({
  /** Where the document was last saved; absent or `saveAs` → ask. */
  path: z.string().optional(),
  suggestedName: z.string().min(1),
  text: z.string(),
  saveAs: z.boolean(),
});
export type SaveRequest = z.infer<typeof SaveRequest>;

export const SaveResult = z.object({ path: z.string().optional(), name: z.string() });
export type SaveResult = z.infer<typeof SaveResult>;

export const ExportRequest = z.object({
  suggestedName: z.string().min(1),
  /** Text, or base64 for binary files (ONNX). */
  contents: z.string(),
  encoding: z.enum(['utf8', 'base64']),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

export const DocumentState = z.object({
  name: z.string(),
  dirty: z.boolean(),
  /** Where the document is saved (desktop); relative CSV paths in its runs resolve against its folder. */
  path: z.string().optional(),
});
export type DocumentState = z.infer<typeof DocumentState>;

export const RecentFile = z.object({ path: z.string(), name: z.string() });
export type RecentFile = z.infer<typeof RecentFile>;

/**
 * Training runs: one worker per run (worker_threads in Electron's main process, a Web Worker in browser
 * mode). Frames arrive through `onMessage`, at most ~30 a second per run.
 */
export interface EngineBridge {
  start(runId: string, graph: unknown, options: RunOptions): void;
  command(command: Exclude<EngineCommand, { type: 'start' | 'predict' }>): void;
  onMessage(listener: (message: EngineMessage) => void): () => void;
  /**
   * One batch through a graph in evaluation mode, computed in an engine worker (the run's own when the
   * weights are a run's, else a short-lived one). Resolves with the outputs or a `predictError`; never rejects
   * for bad input. Optional only so test fakes of the other three need not implement it.
   */
  predict?(command: PredictCommand): Promise<PredictAnswer>;
}

export interface HostBridge {
  readonly kind: 'electron' | 'browser';
  /** Ask the user for a graph file (dialog / file picker). null when cancelled. */
  openFile(): Promise<OpenedFile | null>;
  openRecent(path: string): Promise<OpenedFile | null>;
  listRecent(): Promise<RecentFile[]>;
  /** Save (atomically, keeping `<name>.bak` on desktop; a download in the browser). null when cancelled. */
  saveFile(req: SaveRequest): Promise<SaveResult | null>;
  exportFile(req: ExportRequest): Promise<boolean>;
  /** Crash recovery: the last unsaved document, written every few seconds while dirty. */
  writeRecovery(text: string): Promise<void>;
  readRecovery(): Promise<string | null>;
  clearRecovery(): Promise<void>;
  /** Title bar and the close-with-unsaved-changes prompt follow this. */
  setDocumentState(state: DocumentState): void;
  /** Native menu items and accelerators arrive here. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Desktop: run a native edit command on the focused text field (menu Edit items while typing). */
  editText?(action: TextEditAction): Promise<void>;
  /** Training engine. Optional only while hosts are being wired; both hosts provide it. */
  readonly engine?: EngineBridge;
  /** Save the run history next to the graph (`<name>.runs.json`); browser mode downloads it. */
  saveRuns?(graphPath: string | undefined, text: string): Promise<boolean>;
  /** Read the run history saved next to a graph, if any. */
  readRuns?(graphPath: string): Promise<string | null>;
}
