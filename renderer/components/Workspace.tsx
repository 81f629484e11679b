import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef, type PanelImperativeHandle } from 'react-resizable-panels';
import { panels, setPanel, type PanelName } from '../app/panels';
import { usePaletteLocked } from '../lessons/useLessonLayout';
import './Workspace.css';

interface Props {
  palette: ReactNode;
  /** Canvas and problems. */
  center: ReactNode;
  inspector: ReactNode;
  dock: ReactNode;
}

/** Collapsed height of the training dock: its header (tabs, toggle) stays, so it can be reopened. */
const DOCK_HEADER_PX = 34;

/**
 * The dock's first size: what is left once the editor has about 550 px (toolbar, canvas, problems
 * badge), between 168 px and 360 px — at 720 px high that keeps the canvas ≥ 45% of the window, on
 * taller windows the charts get the extra room. Later sizes are the user's, remembered.
 */
function dockDefaultPx(): number {
  return Math.min(360, Math.max(168, window.innerHeight - 540));
}

/**
 * The window's panels: palette | canvas | inspector above the training dock, each resizable by
 * dragging (or the arrow keys on a focused separator) and collapsible; sizes are remembered between
 * sessions, open/closed state comes from the `panels` store (toolbar toggles, the dock's own toggle).
 * Defaults leave the canvas ≥ 45% of a 1280×720 window with the dock open.
 */
export function Workspace({ palette, center, inspector, dock }: Props) {
  const open = useSyncExternalStore(panels.subscribe, panels.get);
  const rows = useDefaultLayout({ id: 'netloom-rows', storage: localStorage });
  const cols = useDefaultLayout({ id: 'netloom-cols', storage: localStorage });
  const paletteRef = usePanelRef();
  const inspectorRef = usePanelRef();
  const dockRef = usePanelRef();
  // A lesson that locks the palette collapses its pane without changing what the user chose.
  const paletteLocked = usePaletteLocked();
  useFollow(paletteRef, open.palette && !paletteLocked);
  useFollow(inspectorRef, open.inspector);
  useFollow(dockRef, open.dock);
  // Dragging a panel shut (or open) is the same as using its toggle.
  const track = (name: PanelName, ref: React.RefObject<PanelImperativeHandle | null>) => () => {
    const collapsed = ref.current?.isCollapsed();
    if (collapsed !== undefined && collapsed === panels.get()[name]) setPanel(name, !collapsed);
  };
  // Panel ids are prefixed: the library also writes each id as a data-testid, and "canvas" or
  // "inspector" would collide with the editor's own automation ids.
  return (
    <Group orientation="vertical" className="nl-workspace" id="netloom-rows" defaultLayout={rows.defaultLayout} onLayoutChanged={rows.onLayoutChanged}>
      <Panel id="ws-editor" minSize="25%">
        <Group orientation="horizontal" id="netloom-cols" defaultLayout={cols.defaultLayout} onLayoutChanged={cols.onLayoutChanged}>
          <Panel id="ws-palette" panelRef={paletteRef} collapsible collapsedSize={0} defaultSize={150} minSize={130} maxSize="30%" onResize={paletteLocked ? undefined : track('palette', paletteRef)}>
            <div className="nl-ws-pane" data-panel="palette">{open.palette && palette}</div>
          </Panel>
          <Separator className="nl-ws-sep v" aria-label="Resize the blocks palette" />
          <Panel id="ws-canvas" minSize="30%">
            <div className="nl-ws-pane">{center}</div>
          </Panel>
          <Separator className="nl-ws-sep v" aria-label="Resize the inspector" />
          <Panel id="ws-inspector" panelRef={inspectorRef} collapsible collapsedSize={0} defaultSize={224} minSize={200} maxSize="40%" onResize={track('inspector', inspectorRef)}>
            <div className="nl-ws-pane" data-panel="inspector">{open.inspector && inspector}</div>
          </Panel>
        </Group>
      </Panel>
      <Separator className="nl-ws-sep h" aria-label="Resize the training dock" />
      <Panel id="ws-dock" panelRef={dockRef} collapsible collapsedSize={DOCK_HEADER_PX} defaultSize={dockDefaultPx()} minSize={150} onResize={track('dock', dockRef)}>
        <div className="nl-ws-pane" data-panel="dock">{dock}</div>
      </Panel>
    </Group>
  );
}

/** Collapse or expand a panel when its open flag changes. */
function useFollow(ref: React.RefObject<PanelImperativeHandle | null>, open: boolean): void {
  useEffect(() => {
    const p = ref.current;
    if (!p) return;
    if (open && p.isCollapsed()) p.expand();
    if (!open && !p.isCollapsed()) p.collapse();
  }, [ref, open]);
}
