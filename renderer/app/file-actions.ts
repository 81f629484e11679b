import { EXPORTERS, safeName, type ExportFile } from '../../core/exporters';
import { prepareExport } from './export-files';
import { parseGraphText, serializeGraph } from '../../core/graph/io';
import type { Graph } from '../../core/graph/schema';
import { isDirty } from '../state/document-store';
import { emptyGraph } from '../state/graph-edit';
import { layoutGraph, needsLayout } from '../state/layout';
import type { AppServices } from './context';
import { findTemplate } from './templates';
import { importOnnxFile, pickOnnxFile } from './onnx-import';
import { holdDocumentWeights } from '../predict/document-weights';
import { trainingControllerFor } from '../training/live';
import { runWeightsFor } from '../training/weights-actions';

/**
 * New / open / save / import / export, over the HostBridge. Anything that would replace unsaved work
 * asks first; a file that does not parse is reported and the current graph is kept.
 */
export function createFileActions(s: AppServices) {
  const { bridge, store, ui } = s;

  const toast = (text: string, tone: 'info' | 'error' = 'info') => ui.set((u) => ({ ...u, toast: { text, tone, id: Date.now() } }));

  function confirmDiscard(): Promise<boolean> {
    const state = store.getState();
    if (!isDirty(state)) return Promise.resolve(true);
    return new Promise((resolve) => {
      ui.set((u) => ({
        ...u,
        dialog: {
          kind: 'confirm', title: 'Discard unsaved changes?', confirm: 'Discard changes',
          message: `"${state.file.name}" has changes that are not saved. They will be lost.`,
          resolve: (ok) => {
            ui.set((v) => ({ ...v, dialog: null }));
            resolve(ok);
          },
        },
      }));
    });
  }

  async function place(graph: Graph): Promise<Graph> {
    return needsLayout(graph) ? layoutGraph(graph) : graph;
  }

  /** Parse and load; on failure list the problems and keep the current document. */
  async function loadText(text: string, name: string, opts: { path?: string; asCopy: boolean }): Promise<boolean> {
    const parsed = parseGraphText(text);
    if (!parsed.ok) {
      ui.set((u) => ({ ...u, dialog: { kind: 'import-problems', fileName: name, problems: parsed.problems } }));
      return false;
    }
    const graph = await place(parsed.graph);
    const fileName = opts.asCopy ? `${safeName(graph.name)}.json` : name;
    store.load(graph, opts.path !== undefined && !opts.asCopy ? { name: fileName, path: opts.path } : { name: fileName }, !opts.asCopy && graph === parsed.graph);
    if (parsed.migratedFrom !== undefined) toast(`Upgraded from format version ${parsed.migratedFrom}; saving writes the current version.`);
    return true;
  }

  async function saveAs(asNew: boolean): Promise<void> {
    const st = store.getState();
    const text = serializeGraph(st.graph);
    const suggestedName = st.file.name.endsWith('.json') ? st.file.name : `${safeName(st.graph.name)}.json`;
    try {
      const r = await bridge.saveFile({ ...(st.file.path && !asNew ? { path: st.file.path } : {}), suggestedName, text, saveAs: asNew || !st.file.path });
      if (!r) return;
      // Only mark saved if nothing changed while the dialog was open.
      if (store.getState().graph === st.graph) store.markSaved(r.path !== undefined ? { name: r.name, path: r.path } : { name: r.name });
      await bridge.clearRecovery();
    } catch (e) {
      toast(`Could not save: ${(e as Error).message}`, 'error');
    }
  }

  /**
   * An ONNX model becomes a new unsaved document; nothing changes when it is refused. The weights are
   * kept for Predict and for the runs of this document (they start from them), and handed over as
   * `<model>.safetensors` (a download, or a save dialog on desktop) for `netloom predict` / `train --load-weights`.
   */
  async function loadOnnx(file: File): Promise<void> {
    const r = await importOnnxFile(file);
    if (!r.ok) {
      ui.set((u) => ({ ...u, dialog: { kind: 'import-problems', fileName: file.name, problems: r.problems } }));
      return;
    }
    store.load(await place(r.graph), { name: `${safeName(r.graph.name)}.json` }, false);
    // Predict and the first training run use the model's own weights while this document is open.
    const generation = store.getState().generation;
    holdDocumentWeights(r.weights, file.name, () => store.getState().generation === generation);
    toast(r.summary);
    await saveExportFiles([{ name: r.weightsName, contents: r.weights, role: 'weights' }]);
  }

  return {
    toast,
    loadText,
    async newDocument(): Promise<void> {
      if (!(await confirmDiscard())) return;
      store.load(emptyGraph(), { name: 'Untitled.json' }, true);
      await bridge.clearRecovery();
    },
    async newFromTemplate(id: string): Promise<void> {
      const t = findTemplate(id);
      if (!t) return toast(`No template "${id}"`, 'error');
      if (!(await confirmDiscard())) return;
      const graph = await place(structuredClone(t.graph));
      store.load(graph, { name: `${safeName(t.graph.name)}.json` }, true);
    },
    /** Open a bundled graph (a lesson) as a new document; asks first if that would drop unsaved work. */
    async openGraph(graph: Graph, fileName: string): Promise<boolean> {
      if (!(await confirmDiscard())) return false;
      store.load(await place(structuredClone(graph)), { name: fileName }, true);
      return true;
    },
    /** The file is picked first: cancelling the picker must not have asked to discard anything. */
    async open(): Promise<void> {
      try {
        const f = await bridge.openFile();
        if (!f || !(await confirmDiscard())) return;
        await loadText(f.text, f.name, { ...(f.path !== undefined ? { path: f.path } : {}), asCopy: false });
      } catch (e) {
        toast(`Could not open the file: ${(e as Error).message}`, 'error');
      }
    },
    async openRecent(index: number): Promise<void> {
      try {
        const list = await bridge.listRecent();
        const entry = list[index];
        if (!entry) return;
        if (!(await confirmDiscard())) return;
        const f = await bridge.openRecent(entry.path);
        if (!f) return toast(`"${entry.name}" could not be opened`, 'error');
        await loadText(f.text, f.name, { ...(f.path !== undefined ? { path: f.path } : {}), asCopy: false });
      } catch (e) {
        // e.g. "xor.json no longer exists; it was removed from Open Recent" (the host drops the entry).
        toast(`Could not open the recent file: ${(e as Error).message}`, 'error');
      }
    },
    /** Import: the file becomes a new unsaved document, so saving never overwrites the source by surprise. */
    async importJson(): Promise<void> {
      try {
        const f = await bridge.openFile();
        if (!f || !(await confirmDiscard())) return;
        await loadText(f.text, f.name, { asCopy: true });
      } catch (e) {
        toast(`Could not import the file: ${(e as Error).message}`, 'error');
      }
    },
    /** File ▸ Import ONNX…: pick a model file first, then ask before anything is discarded. */
    async importOnnx(): Promise<void> {
      const file = await pickOnnxFile();
      if (!file || !(await confirmDiscard())) return;
      await loadOnnx(file);
    },
    /** An .onnx file dropped on the window. */
    async dropOnnx(file: File): Promise<void> {
      if (!(await confirmDiscard())) return;
      await loadOnnx(file);
    },
    save: () => saveAs(false),
    saveAs: () => saveAs(true),
    /** JSON downloads at once; code exports open a preview with Copy and Save. */
    async exportWith(exporterId: string): Promise<void> {
      const exporter = EXPORTERS[exporterId];
      if (!exporter) return toast(`Export to ${exporterId} is not available in this build`, 'error');
      try {
        if (exporterId === 'json') return await saveExportFiles(exporter.export(store.getState().graph, {}));
        const graph = store.getState().graph;
        // The selected run's trained weights when they fit this graph; otherwise say they are the initial ones.
        const trained = await runWeightsFor(trainingControllerFor(bridge), graph).catch(() => null);
        const weights = trained ?? { label: `initial weights (seed ${graph.training.seed}) — no run of this graph is selected, so nothing trained is exported` };
        const prepared = await prepareExport(exporterId, graph, {}, weights);
        ui.set((u) => ({ ...u, dialog: { kind: 'export', prepared } }));
      } catch (e) {
        toast(`${exporter.title}: ${(e as Error).message}`, 'error');
      }
    },
    saveExportFiles,
  };

  /** Each file through the bridge: a save dialog on desktop, a download in the browser. */
  async function saveExportFiles(files: ExportFile[]): Promise<void> {
    for (const file of files) {
      const binary = typeof file.contents !== 'string';
      await bridge.exportFile({
        suggestedName: file.name,
        contents: binary ? bytesToBase64(file.contents as Uint8Array) : (file.contents as string),
        encoding: binary ? 'base64' : 'utf8',
      });
    }
  }
}

export type FileActions = ReturnType<typeof createFileActions>;

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
