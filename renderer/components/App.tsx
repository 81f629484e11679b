import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useMemo } from 'react';
import { createCommandRunner } from '../app/commands';
import { useServices } from '../app/context';
import { createFileActions } from '../app/file-actions';
import { installTestHooks } from '../app/test-hooks';
import { TrainingDock } from '../training/TrainingDock';
import type { FlowEdge, FlowNode } from '../state/flow-convert';
import { useAutosave, useDocumentState, useMenuCommands, useRecoveryOffer, useShortcuts } from '../hooks/useHostIntegration';
import { Canvas } from './Canvas';
import { Inspector } from './Inspector';
import { DialogHost, RecoveryBanner, Toast } from './Overlays';
import { Palette } from './Palette';
import { ProblemsPanel } from './ProblemsPanel';
import { AdvisorPanel } from '../advisor/AdvisorPanel';
import { TracePanel } from '../trace/TracePanel';
import { QuickAdd } from './QuickAdd';
import { Toolbar } from './Toolbar';
import { Workspace } from './Workspace';
import { ExplorerView } from '../explorer/ExplorerView';
import { LessonPanel } from '../lessons/LessonPanel';
import { LessonsDialog } from '../lessons/LessonsDialog';
import { StartScreen } from '../lessons/StartScreen';
import { useLessonLayoutClass } from '../lessons/useLessonLayout';
import './App.css';
import { useOnnxDrop } from '../hooks/useOnnxDrop';
import { PredictDialog } from '../predict/PredictDialog';

/** The editor window: toolbar, then palette | canvas (problems below it) | inspector above the training dock. */
export function App() {
  const services = useServices();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const files = useMemo(() => createFileActions(services), [services]);
  const runner = useMemo(() => createCommandRunner(services, files, flow), [services, files, flow]);
  useEffect(() => installTestHooks(flow), [flow]);
  useShortcuts(runner);
  useMenuCommands(runner);
  useOnnxDrop(files);
  useDocumentState();
  useAutosave();
  useRecoveryOffer();

  const { ui, store, bridge } = services;
  const lessonLayout = useLessonLayoutClass();
  const restore = useCallback(() => {
    const r = ui.get().recovery;
    if (!r) return;
    store.load(r.graph, r.filePath !== undefined ? { name: r.fileName, path: r.filePath } : { name: r.fileName }, false);
    ui.set((u) => ({ ...u, recovery: null }));
  }, [store, ui]);
  const discard = useCallback(() => {
    void bridge.clearRecovery();
    ui.set((u) => ({ ...u, recovery: null }));
  }, [bridge, ui]);

  return (
    <div className={`nl-app ${lessonLayout}`}>
      <Toolbar run={(cmd) => void runner.run(cmd, 'ui')} />
      <RecoveryBanner onRestore={restore} onDiscard={discard} />
      <LessonPanel files={files} />
      <Workspace
        palette={<Palette />}
        center={<div className="nl-center"><Canvas /><div className="nl-below"><ProblemsPanel /><AdvisorPanel /></div><TracePanel /></div>}
        inspector={<Inspector />}
        dock={<TrainingDock />}
      />
      <QuickAdd />
      <DialogHost saveExportFiles={files.saveExportFiles} />
      <Toast />
      <LessonsDialog files={files} />
      <StartScreen files={files} />
      <ExplorerView />
      <PredictDialog />
    </div>
  );
}
