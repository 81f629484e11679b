import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { TrainingConfig } from '../../core/graph/schema';
import { useDoc, useServices } from '../app/context';
import { useAnalysis } from '../hooks/useAnalysis';
import { previewCsv } from './csv-preview';
import { useStoreKey } from './hooks';
import { trainingControllerFor } from './live';
import { TrainingPanel } from './TrainingPanel';

/**
 * The Training panel wired into the editor: the graph and file come from the document store, settings
 * edits go back through it (one undo step each), and the engine is chosen from the host bridge.
 * Mount API for the app shell: `<TrainingDock />` anywhere inside AppContext.
 */
export function TrainingDock() {
  const { bridge, store } = useServices();
  const graph = useDoc((s) => s.graph);
  const file = useDoc((s) => s.file);
  const analysis = useAnalysis();
  const controller = trainingControllerFor(bridge);
  // A new document (new, open, import, template, restore) must not show the previous graph's run:
  // live views and node badges clear; earlier runs stay in the list under their graph's name.
  const generation = useDoc((s) => s.generation);
  const seenGeneration = useRef(generation);
  useEffect(() => {
    if (seenGeneration.current === generation) return;
    seenGeneration.current = generation;
    controller.leaveDocument();
  }, [controller, generation]);
  const onTrainingChange = useCallback((training: TrainingConfig) => store.edit((g) => ({ ...g, training })), [store]);
  const firstError = analysis.problems.find((p) => p.severity === 'error');
  // A picked CSV file the preview already rejects (a bad cell, an unknown column…) would only fail in
  // the worker: say why here instead. Files read by path (desktop) are not held here and not checked.
  const fileVersion = useStoreKey(controller, () => controller.fileVersion);
  const dataset = graph.training.dataset;
  const csvError = useMemo(() => {
    const text = dataset.name === 'csv' && typeof dataset.path === 'string' ? controller.files.get(dataset.path) : undefined;
    return text === undefined ? null : previewCsv(text, dataset, 0).error;
  }, [controller, dataset, fileVersion]);
  // A graph without a Loss (an imported model) is valid for prediction, but training needs one.
  const noLoss = analysis.problems.some((p) => p.code === 'no-loss');
  const blocked = graph.nodes.length === 0
    ? 'Add nodes to the canvas (or pick a template) to train.'
    : firstError ? `Fix the graph first: ${firstError.message}`
      : noLoss ? 'Add a Loss node after the output (and choose a dataset) to train this graph.'
      : csvError ? `Fix the CSV file first: ${csvError}` : null;
  return <TrainingPanel controller={controller} bridge={bridge} graph={graph} file={file} onTrainingChange={onTrainingChange} blocked={blocked} />;
}
