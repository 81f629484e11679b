import { useSyncExternalStore } from 'react';
import { PANEL_LABELS, PANEL_NAMES, panels, togglePanel, type PanelName } from '../app/panels';

const ICONS: Record<PanelName, string> = { palette: '◧', inspector: '◨', dock: '⬓', problems: '⚠' };

/** Show/hide buttons for the side panels, the training dock and the problems list (remembered). */
export function PanelToggles() {
  const open = useSyncExternalStore(panels.subscribe, panels.get);
  return (
    <div className="nl-group nl-panel-toggles" role="group" aria-label="Panels">
      {PANEL_NAMES.map((name) => (
        <button
          key={name}
          type="button"
          className="nl-btn nl-icon-btn"
          data-testid={`panel-toggle-${name}`}
          aria-pressed={open[name]}
          aria-label={`${PANEL_LABELS[name]} panel`}
          title={`${open[name] ? 'Hide' : 'Show'} the ${PANEL_LABELS[name].toLowerCase()} panel`}
          onClick={() => togglePanel(name)}
        >
          {ICONS[name]}
        </button>
      ))}
    </div>
  );
}
