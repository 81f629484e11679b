import { createValueStore } from '../state/value-store';

/**
 * Which side panels are open — palette, inspector, training dock, problems list — remembered between
 * sessions (localStorage). The resizable layout (sizes) is remembered by react-resizable-panels
 * itself; this store is what the toolbar toggles and the panels read.
 */
export type PanelName = 'palette' | 'inspector' | 'dock' | 'problems';
export const PANEL_NAMES: readonly PanelName[] = ['palette', 'inspector', 'dock', 'problems'];
export type PanelsOpen = Record<PanelName, boolean>;

const KEY = 'netloom.panels.v1';
const DEFAULTS: PanelsOpen = { palette: true, inspector: true, dock: true, problems: true };

function read(): PanelsOpen {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return DEFAULTS;
    const v = JSON.parse(raw) as Partial<PanelsOpen>;
    return Object.fromEntries(PANEL_NAMES.map((n) => [n, typeof v[n] === 'boolean' ? v[n] : DEFAULTS[n]])) as PanelsOpen;
  } catch {
    return DEFAULTS;
  }
}

export const panels = createValueStore<PanelsOpen>(read());

panels.subscribe(() => {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(panels.get()));
  } catch {
    // Storage full or denied (private mode): the layout is simply not remembered.
  }
});

export function setPanel(name: PanelName, open: boolean): void {
  panels.set((p) => (p[name] === open ? p : { ...p, [name]: open }));
}

export function togglePanel(name: PanelName): void {
  setPanel(name, !panels.get()[name]);
}

export const PANEL_LABELS: Record<PanelName, string> = { palette: 'Blocks', inspector: 'Inspector', dock: 'Training', problems: 'Problems' };
