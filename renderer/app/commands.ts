import { FIT_OPTIONS } from './fit';
import type { ReactFlowInstance } from '@xyflow/react';
import type { MenuCommand, TextEditAction } from '../../core/protocol/host';
import { copySelection, pasteContent, type ClipboardContent } from '../state/clipboard';
import { removeItems } from '../state/graph-edit';
import { layoutGraph } from '../state/layout';
import { createCommandDeduper, isTextEntry } from '../state/shortcuts';
import type { AppServices } from './context';
import { canvasCursor } from './cursor';
import type { FileActions } from './file-actions';
import { lessonUi } from '../lessons/lesson-ui';
import { measuredSizes } from './measured';
import type { FlowEdge, FlowNode } from '../state/flow-convert';

/** Commands that, while a text field has focus, belong to the field (the native menu sends them too). */
const TEXT_COMMANDS: Partial<Record<MenuCommand, TextEditAction>> = {
  undo: 'undo', redo: 'redo', cut: 'cut', copy: 'copy', paste: 'paste', 'select-all': 'selectAll', delete: 'delete',
};

/**
 * Every command the toolbar, the keyboard and the native menu can send, in one place. The clipboard
 * is in-memory: copying between windows is not a goal, and the system clipboard needs permissions.
 */
export function createCommandRunner(s: AppServices, files: FileActions, flow: ReactFlowInstance<FlowNode, FlowEdge>) {
  const { store, ui } = s;
  let clipboard: ClipboardContent | null = null;
  const accept = createCommandDeduper();

  const copy = (): boolean => {
    const st = store.getState();
    clipboard = copySelection(st.graph, st.selection.nodes);
    return clipboard !== null;
  };

  const deleteSelection = () => {
    const { nodes, edges } = store.getState().selection;
    store.edit((g) => removeItems(g, nodes, edges), { nodes: new Set(), edges: new Set() });
  };

  const paste = () => {
    const clip = clipboard;
    if (!clip) return;
    const at = canvasCursor.flow ?? flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    let ids: string[] = [];
    store.edit((g) => {
      const r = pasteContent(g, clip, at);
      ids = r.nodeIds;
      return r.graph;
    });
    const idSet = new Set(ids);
    const g = store.getState().graph;
    store.select({ nodes: idSet, edges: new Set(g.edges.filter((e) => idSet.has(e.source) && idSet.has(e.target)).map((e) => e.id)) });
  };

  const layout = async () => {
    const before = store.getState().graph;
    const after = await layoutGraph(before, measuredSizes);
    if (store.getState().graph !== before) return; // edited meanwhile: a stale layout would undo that edit
    store.edit(() => after);
    setTimeout(() => void flow.fitView({ ...FIT_OPTIONS, duration: 250 }), 30);
  };

  async function run(command: MenuCommand, source: 'keyboard' | 'menu' | 'ui' = 'ui'): Promise<void> {
    if (!accept(command, source)) return;
    // A native menu's Edit items act on the focused field when there is one.
    const textCmd = TEXT_COMMANDS[command];
    if (source === 'menu' && textCmd && isTextEntry(document.activeElement)) {
      // The host's native editing commands: execCommand cannot paste (and is unreliable for undo on
      // macOS), so Cmd+V into a field would do nothing. Browser mode has no native menu.
      if (s.bridge.editText) await s.bridge.editText(textCmd).catch(() => undefined);
      else document.execCommand(textCmd);
      return;
    }
    if (command.startsWith('template:')) return files.newFromTemplate(command.slice('template:'.length));
    if (command.startsWith('recent:')) return files.openRecent(Number(command.slice('recent:'.length)));
    switch (command) {
      case 'new': return files.newDocument();
      case 'open': return files.open();
      case 'save': return files.save();
      case 'save-as': return files.saveAs();
      case 'import-json': return files.importJson();
      case 'import-onnx': return files.importOnnx();
      case 'export-json': return files.exportWith('json');
      case 'export-pytorch': return files.exportWith('pytorch');
      case 'export-keras': return files.exportWith('keras');
      case 'export-onnx': return files.exportWith('onnx');
      case 'undo': return store.undo();
      case 'redo': return store.redo();
      case 'copy': copy(); return;
      case 'cut': if (copy()) deleteSelection(); return;
      case 'paste': return paste();
      case 'delete': return deleteSelection();
      case 'select-all': return store.selectAll();
      case 'fit-view': void flow.fitView({ ...FIT_OPTIONS, duration: 200 }); return;
      case 'zoom-in': void flow.zoomIn({ duration: 150 }); return;
      case 'zoom-out': void flow.zoomOut({ duration: 150 }); return;
      case 'toggle-minimap': ui.set((u) => ({ ...u, minimap: !u.minimap })); return;
      case 'layout': return layout();
      case 'about': ui.set((u) => ({ ...u, dialog: { kind: 'about' } })); return;
      case 'lessons': lessonUi.set((u) => ({ ...u, lessons: true })); return;
      case 'activation-explorer': lessonUi.set((u) => ({ ...u, explorer: true })); return;
      default: files.toast(`Unknown command ${command}`, 'error');
    }
  }

  return { run, hasClipboard: () => clipboard !== null };
}

export type CommandRunner = ReturnType<typeof createCommandRunner>;
