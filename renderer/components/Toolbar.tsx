import { EXPORTERS } from '../../core/exporters';
import type { MenuCommand } from '../../core/protocol/host';
import { useDoc, useServices, useValue } from '../app/context';
import { TEMPLATES } from '../app/templates';
import { isDirty } from '../state/document-store';
import { canRedo, canUndo } from '../state/history';
import { PanelToggles } from './PanelToggles';
import { HelpButtons } from '../lessons/HelpButtons';
import './Toolbar.css';

interface Props {
  run: (cmd: MenuCommand) => void;
}

/** File and edit actions for browser mode (no native menu) — also shown in Electron for discoverability. */
export function Toolbar({ run }: Props) {
  const { ui } = useServices();
  const file = useDoc((s) => s.file);
  const dirty = useDoc(isDirty);
  const undoable = useDoc((s) => canUndo(s.history));
  const redoable = useDoc((s) => canRedo(s.history));
  const minimap = useValue(ui, (u) => u.minimap);
  const others = Object.values(EXPORTERS).filter((x) => x.id !== 'json');
  return (
    <header className="nl-toolbar" role="toolbar" aria-label="File and edit">
      <div className="nl-brand" aria-hidden="true"><span className="nl-logo">◆</span><span className="nl-brand-name"> NetLoom</span></div>
      <div className="nl-group">
        <Btn id="menu-new" label="New" title="New graph (Ctrl+N)" onClick={() => run('new')} />
        <select
          className="nl-btn nl-select"
          data-testid="menu-template"
          aria-label="New from template"
          value=""
          onChange={(e) => e.target.value && run(`template:${e.target.value}`)}
        >
          <option value="">From template…</option>
          {TEMPLATES.map((t) => <option key={t.id} value={t.id} title={t.description}>{t.name}</option>)}
        </select>
        <Btn id="menu-open" label="Open…" title="Open a graph file (Ctrl+O)" onClick={() => run('open')} />
        <Btn id="menu-save" label="Save" title="Save (Ctrl+S)" onClick={() => run('save')} />
      </div>
      <div className="nl-group">
        <Btn id="menu-import-json" label="Import…" title="Open a graph file as a new, unsaved copy" onClick={() => run('import-json')} />
        <Btn id="menu-import-onnx" label="Import ONNX…" short="ONNX…" title="Open an ONNX model (.onnx) as a new graph; you can also drop the file on the window" onClick={() => run('import-onnx')} />
        <Btn id="menu-export-json" label="Export JSON" short="JSON" title="Download the graph as a NetLoom JSON file" onClick={() => run('export-json')} />
        {others.length > 0 && (
          <select className="nl-btn nl-select" data-testid="menu-export-other" aria-label="Export as" value="" onChange={(e) => e.target.value && run(`export-${e.target.value}` as MenuCommand)}>
            <option value="">Export as…</option>
            {others.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
          </select>
        )}
      </div>
      <div className="nl-group">
        <Btn id="undo" label="↶ Undo" short="↶" name="Undo" title="Undo (Ctrl+Z)" disabled={!undoable} onClick={() => run('undo')} />
        <Btn id="redo" label="↷ Redo" short="↷" name="Redo" title="Redo (Ctrl+Shift+Z or Ctrl+Y)" disabled={!redoable} onClick={() => run('redo')} />
      </div>
      <div className="nl-group">
        <Btn id="layout" label="Layout" title="Arrange the graph left to right" onClick={() => run('layout')} />
        <Btn id="fit-view" label="Fit" title="Fit the graph in view (Ctrl+0)" onClick={() => run('fit-view')} />
        <Btn id="toggle-minimap" label={minimap ? 'Hide map' : 'Show map'} short="Map" title="Toggle the minimap" pressed={minimap} onClick={() => run('toggle-minimap')} />
      </div>
      <PanelToggles />
      <HelpButtons />
      <div className="nl-doc-title" data-testid="doc-title" title={file.path ?? file.name}>
        <span className="nl-doc-name">{file.name}</span>
        {dirty && <span className="nl-dirty" data-testid="dirty-marker" title="Unsaved changes"> ●</span>}
      </div>
    </header>
  );
}

/**
 * A toolbar button. `short` is the label shown in narrower windows (≤ 1520 px), so the one-row toolbar
 * keeps every button in sight at 1280 px; the accessible name stays the full one (`name`, else `label`).
 */
function Btn(p: { id: string; label: string; title: string; onClick: () => void; disabled?: boolean; pressed?: boolean; short?: string; name?: string }) {
  return (
    <button
      type="button"
      className="nl-btn"
      data-testid={p.id}
      title={p.title}
      disabled={p.disabled}
      aria-pressed={p.pressed}
      aria-label={p.short ? (p.name ?? p.label) : undefined}
      onClick={p.onClick}
    >
      {p.short ? (
        <>
          <span className="nl-label-long" aria-hidden="true">{p.label}</span>
          <span className="nl-label-short" aria-hidden="true">{p.short}</span>
        </>
      ) : p.label}
    </button>
  );
}
