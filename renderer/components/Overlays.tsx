import { useEffect } from 'react';
import { formatProblem } from '../../core/graph/problem';
import { useServices, useValue } from '../app/context';
import type { ExportFile } from '../../core/exporters';
import { ExportDialog } from './ExportDialog';
import './Overlays.css';

/** The one modal at a time: confirm, import problems, export preview, about. */
export function DialogHost({ saveExportFiles }: { saveExportFiles: (files: ExportFile[]) => Promise<void> }) {
  const { ui } = useServices();
  const dialog = useValue(ui, (u) => u.dialog);
  if (!dialog) return null;
  const close = () => ui.set((u) => ({ ...u, dialog: null }));
  if (dialog.kind === 'confirm') {
    return (
      <Modal title={dialog.title} testId="confirm-dialog" onClose={() => dialog.resolve(false)}>
        <p>{dialog.message}</p>
        <div className="nl-actions">
          <button type="button" className="nl-btn" data-testid="confirm-cancel" onClick={() => dialog.resolve(false)}>Cancel</button>
          <button type="button" className="nl-btn primary" data-testid="confirm-ok" onClick={() => dialog.resolve(true)}>{dialog.confirm}</button>
        </div>
      </Modal>
    );
  }
  if (dialog.kind === 'export') {
    const { prepared } = dialog;
    return (
      <Modal title={`Export: ${prepared.title}`} testId="export-dialog" onClose={close}>
        <ExportDialog prepared={prepared} onClose={close} onSave={() => saveExportFiles(prepared.files).then(close)} />
      </Modal>
    );
  }
  if (dialog.kind === 'import-problems') {
    return (
      <Modal title={`“${dialog.fileName}” could not be opened`} testId="import-problems" onClose={close}>
        <p>The file has {dialog.problems.length === 1 ? 'a problem' : `${dialog.problems.length} problems`}. Your current graph was kept.</p>
        <ul className="nl-import-problems">
          {dialog.problems.map((p, i) => <li key={i} data-testid="import-problem">{formatProblem(p)}</li>)}
        </ul>
        <div className="nl-actions">
          <button type="button" className="nl-btn primary" data-testid="import-problems-close" onClick={close}>OK</button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title="About NetLoom" testId="about-dialog" onClose={close}>
      <p>Build neural networks by wiring blocks, train them on your own machine, and watch them learn.</p>
      <div className="nl-actions"><button type="button" className="nl-btn primary" onClick={close}>Close</button></div>
    </Modal>
  );
}

function Modal({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: React.ReactNode }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="nl-backdrop">
      <div className="nl-modal" role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Offered at start-up when the last session ended with unsaved work. */
export function RecoveryBanner({ onRestore, onDiscard }: { onRestore: () => void; onDiscard: () => void }) {
  const { ui } = useServices();
  const record = useValue(ui, (u) => u.recovery);
  if (!record) return null;
  const when = record.savedAt ? new Date(record.savedAt).toLocaleString() : 'recently';
  return (
    <div className="nl-banner" role="alert" data-testid="recovery-banner">
      <span>Unsaved work from your last session was found: <strong>{record.fileName}</strong> ({record.graph.nodes.length} blocks, {when}).</span>
      <button type="button" className="nl-btn primary" data-testid="recovery-restore" onClick={onRestore}>Restore</button>
      <button type="button" className="nl-btn" data-testid="recovery-discard" onClick={onDiscard}>Discard</button>
    </div>
  );
}

export function Toast() {
  const { ui } = useServices();
  const toast = useValue(ui, (u) => u.toast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => ui.set((u) => (u.toast?.id === toast.id ? { ...u, toast: null } : u)), 6000);
    return () => clearTimeout(t);
  }, [toast, ui]);
  if (!toast) return null;
  return <div className={`nl-toast ${toast.tone}`} role="status" data-testid="toast">{toast.text}</div>;
}
