import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { useServices } from '../app/context';
import { addNode } from '../state/graph-edit';
import { measuredSizes } from '../app/measured';
import { placeNew } from '../state/placement';
import { DRAG_MIME, encodeDrag, PALETTE_GROUPS, searchPalette, type PaletteItem } from '../state/palette-items';
import './Palette.css';

/** Hook shared by the palette and the quick-add search: add an item at a flow position and select it. */
export function useAddItem() {
  const { store } = useServices();
  return (item: Pick<PaletteItem, 'type' | 'params'>, at: { x: number; y: number }, exact = true) => {
    let id = '';
    store.edit((g) => {
      // At the pointer (quick-add), or — added without one — beside the last added node, never on another.
      const position = exact ? { x: at.x - 80, y: at.y - 30 } : placeNew(g, lastAdded, at, measuredSizes);
      const r = addNode(g, { type: item.type, params: item.params, position });
      id = r.id;
      return r.graph;
    });
    lastAdded = id;
    store.select({ nodes: new Set([id]), edges: new Set() });
  };
}

/** The node most recently added from the palette without a pointer: the next one goes beside it. */
let lastAdded: string | null = null;

export function Palette() {
  const [query, setQuery] = useState('');
  const flow = useReactFlow();
  const add = useAddItem();
  const found = useMemo(() => searchPalette(query), [query]);

  const addAtCentre = (item: PaletteItem) => {
    const pane = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const centre = pane ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 } : { x: innerWidth / 2, y: innerHeight / 2 };
    add(item, flow.screenToFlowPosition(centre), false);
  };
  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(DRAG_MIME, encodeDrag(item));
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className="nl-palette" aria-label="Blocks">
      <input
        className="nl-palette-search"
        data-testid="palette-search"
        type="search"
        placeholder="Search blocks…"
        aria-label="Search blocks"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && found[0]) addAtCentre(found[0]);
        }}
      />
      <div className="nl-palette-list">
        {PALETTE_GROUPS.map((group) => {
          const items = found.filter((i) => i.group === group.title);
          if (items.length === 0) return null;
          return (
            <section key={group.title} className={`nl-palette-group cat-${group.category}`} data-testid={`palette-group-${group.title}`}>
              <h3>{group.title}</h3>
              {items.map((item) => (
                <div
                  key={item.key}
                  className="nl-palette-item"
                  data-testid={`palette-item-${item.key}`}
                  draggable
                  role="button"
                  tabIndex={0}
                  title={`${item.explanation}\n\nDrag onto the canvas, or double-click to add.`}
                  onDragStart={(e) => onDragStart(e, item)}
                  onDoubleClick={() => addAtCentre(item)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      addAtCentre(item);
                    }
                  }}
                >
                  <span className="nl-chip" />
                  {item.title}
                </div>
              ))}
            </section>
          );
        })}
        {found.length === 0 && <p className="nl-muted">No block matches “{query}”.</p>}
      </div>
    </aside>
  );
}
